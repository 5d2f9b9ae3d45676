import request from 'supertest';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { Candidacy } from '../../domain/candidacy/candidacy.entity';
import { Arrival } from '../../domain/collaborators/arrival.entity';
import { Departure } from '../../domain/collaborators/departure.entity';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { createPerson, type RightsCompany } from '../helpers/collaborators.fixtures';
import { credentials, eventually, login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';
import { ADMIN, DEMO_SIRETS, latestLink, SUPPORT, tokenOf } from '../helpers/rights.fixtures';

/**
 * Cancelling a process from the supervision console (Temporal cancel,
 * POST /api/workflows/:id/cancel) closes its records, whatever its type:
 * nothing stays pending, and an account it opened can no longer be used.
 */
let env: IntegrationEnv;
let support: Agent;
let admin: Agent;
let demo: RightsCompany;

const PASSWORD = 'Processus-Annule-2026';
const inDays = (n: number) => parisToday(new Date(Date.now() + n * 24 * 3600_000));

beforeAll(async () => {
  env = await startIntegrationEnv();
  support = await login(env.app, SUPPORT);
  admin = await login(env.app, ADMIN);
  const [someone] = (await admin.get('/api/declarants')).body as Array<{ companyId: string }>;
  demo = { companyId: someone.companyId, siren: ADMIN.siret.slice(0, 9), headOffice: ADMIN.siret, portfolioIds: ['', ''], sirets: DEMO_SIRETS };
});

afterAll(async () => {
  await env?.stop();
});

/** Support's « Annuler » on the process page; resolves once the process has closed as cancelled. */
async function cancelFromConsole(workflowId: string): Promise<void> {
  const res = await support.post(`/api/workflows/${workflowId}/cancel`).send({ reason: 'Demande du client' });
  expect(res.status).toBe(202);
  await eventually(async () => ((await support.get(`/api/workflows/${workflowId}`)).body.status === 'CANCELLED' ? true : undefined));
}

const account = (id: string) => env.orm.em.fork().findOne(Account, id);
const loginStatus = async (person: { siret: string; lastName: string; firstName: string; password?: string }) =>
  (await request(env.app).post('/api/auth/login').send(credentials(person))).status;

describe('a candidacy', () => {
  const SECRET = { secretQuestion: 'Ville de naissance de ma grand-mère ?', secretAnswer: 'Quimperlé' };

  /** Applies on the public form, confirms the address by its link, and signs in as the (not yet validated) candidate. */
  async function candidate(lastName: string) {
    const identity = { siret: ADMIN.siret, lastName, firstName: 'Paul' };
    const email = `${lastName.toLowerCase()}@example.test`;
    const applied = await request(env.app).post('/api/candidacies').send({ ...identity, email, password: PASSWORD, ...SECRET });
    expect(applied.status).toBe(202);
    await request(env.app).post('/api/confirmations').send({ token: tokenOf(await latestLink(env.app, email)) }).expect(200);
    const session = await login(env.app, { ...identity, password: PASSWORD });
    expect((await session.get('/api/auth/me')).status).toBe(200);
    const row = await eventually(() => env.orm.em.fork().findOne(Candidacy, { lastName, status: 'AWAITING_APPROVAL' }).then((c) => c ?? undefined));
    return { identity, session, candidacy: row };
  }

  async function expectClosed({ identity, session, candidacy }: Awaited<ReturnType<typeof candidate>>) {
    await eventually(async () => ((await env.orm.em.fork().findOneOrFail(Candidacy, candidacy.id)).status === 'CANCELLED' ? true : undefined));
    expect((await account(candidacy.account!.id))?.status).toBe(AccountStatus.RADIATED);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    expect(await loginStatus({ ...identity, password: PASSWORD })).toBe(403);
  }

  it('cancelled from supervision: CANCELLED, its account radiated, the candidate’s cookie and login refused', async () => {
    const applied = await candidate('Garnier');
    await cancelFromConsole(applied.candidacy.workflowId);
    await expectClosed(applied);
    expect(await env.orm.em.fork().count(AuditEvent, { action: 'CANDIDACY.CANCELLED', targetId: applied.candidacy.id })).toBe(1);
    expect(await env.orm.em.fork().count(AuditEvent, { action: 'WORKFLOW.CANCEL_REQUESTED', targetId: applied.candidacy.workflowId })).toBe(1);
  });

  it('cancelled by the candidate through its own route: the same', async () => {
    const applied = await candidate('Perrin');
    const res = await applied.session.post(`/api/candidacies/${applied.candidacy.id}/cancel`).send({ reason: 'Je change de poste' });
    expect(res.body.status).toBe('CANCELLED');
    await expectClosed(applied);
  });
});

describe('an arrival', () => {
  it('cancelled from supervision while its invitation waits: CANCELLED, its PENDING account removed, its link dead', async () => {
    const email = 'lou.faure@example.test';
    const res = await admin.post('/api/arrivals').send({ siret: ADMIN.siret, lastName: 'Faure', firstName: 'Lou', email, startDate: inDays(0), role: 'DECLARANT', rights: { mode: 'NONE' } });
    expect(res.status).toBe(202);
    const token = tokenOf(await latestLink(env.app, email));

    await cancelFromConsole(res.body.workflowId);

    expect(await env.orm.em.fork().findOneOrFail(Arrival, res.body.id)).toMatchObject({ status: 'CANCELLED', account: null });
    expect(await account(res.body.accountId)).toBeNull();
    expect((await request(env.app).post('/api/confirmations').send({ token, password: PASSWORD })).status).not.toBe(200);
    expect(await loginStatus({ siret: ADMIN.siret, lastName: 'Faure', firstName: 'Lou', password: PASSWORD })).toBe(401);
    expect((await admin.get(`/api/arrivals/${res.body.id}`)).body).toMatchObject({ status: 'CANCELLED' });
  });
});

describe('a departure', () => {
  it('cancelled from supervision before its date: CANCELLED, the leaver still active', async () => {
    const leaver = await createPerson(env.orm, demo, 'DECLARANT');
    const res = await admin.post('/api/departures').send({ accountId: leaver.id, effectiveDate: inDays(10), rights: { mode: 'REVOKE' } });
    expect(res.status).toBe(202);

    await cancelFromConsole(res.body.workflowId);

    expect((await env.orm.em.fork().findOneOrFail(Departure, res.body.id)).status).toBe('CANCELLED');
    expect((await account(leaver.id))?.status).toBe(AccountStatus.ACTIVE);
    expect(await loginStatus(leaver)).toBe(200);
    const again = await admin.post('/api/departures').send({ accountId: leaver.id, effectiveDate: inDays(10), rights: { mode: 'REVOKE' } });
    expect(again.status).toBe(202);
  });

  it('holding its rights for a new collaborator, cancelled from supervision: CANCELLED, his arrival cancelled (account removed), the leaver stays radiated', async () => {
    const leaver = await createPerson(env.orm, demo, 'DECLARANT');
    const res = await admin.post('/api/departures').send({
      accountId: leaver.id,
      effectiveDate: inDays(0),
      rights: { mode: 'TRANSFER_NEW', arrival: { siret: ADMIN.siret, lastName: 'Marchand', firstName: 'Éloi', email: 'eloi.marchand@example.test' } },
    });
    expect(res.status).toBe(202);
    const waiting = await eventually(async () => {
      const detail = (await admin.get(`/api/departures/${res.body.id}`)).body;
      return detail.status === 'WAITING_FOR_TARGET' ? detail : undefined;
    });
    const newcomerId = (await env.orm.em.fork().findOneOrFail(Arrival, waiting.arrivalId)).account!.id;

    await cancelFromConsole(res.body.workflowId);

    expect((await env.orm.em.fork().findOneOrFail(Departure, res.body.id)).status).toBe('CANCELLED');
    await eventually(async () => ((await env.orm.em.fork().findOneOrFail(Arrival, waiting.arrivalId)).status === 'CANCELLED' ? true : undefined));
    expect(await account(newcomerId)).toBeNull();
    expect((await account(leaver.id))?.status).toBe(AccountStatus.RADIATED);
    expect(await loginStatus(leaver)).toBe(403);
  });
});

describe('a declarant’s address confirmation', () => {
  it('cancelled from supervision: his never-confirmed account removed, its link dead', async () => {
    const email = 'remi.collin@example.test';
    const res = await admin.post('/api/declarants').send({ siret: DEMO_SIRETS[1], lastName: 'Collin', firstName: 'Rémi', email });
    expect(res.status).toBe(201);
    const token = tokenOf(await latestLink(env.app, email));

    await cancelFromConsole(`account-confirmation-${res.body.id}`);

    expect(await account(res.body.id)).toBeNull();
    expect((await request(env.app).post('/api/confirmations').send({ token, password: PASSWORD })).status).not.toBe(200);
    expect(await loginStatus({ siret: DEMO_SIRETS[1], lastName: 'Collin', firstName: 'Rémi', password: PASSWORD })).toBe(401);
  });
});
