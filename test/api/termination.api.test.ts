import request from 'supertest';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { Candidacy } from '../../domain/candidacy/candidacy.entity';
import { Arrival } from '../../domain/collaborators/arrival.entity';
import { Departure } from '../../domain/collaborators/departure.entity';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { Company } from '../../domain/company/company.entity';
import { createPerson, type RightsCompany } from '../helpers/collaborators.fixtures';
import { credentials, eventually, login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';
import { ADMIN, DEMO_SIRETS, latestLink, SUPPORT, tokenOf } from '../helpers/rights.fixtures';

/**
 * Terminating a process from the supervision console (POST
 * /api/workflows/:id/terminate) runs no workflow code: the API closes the
 * records of an arrival, a departure or a registration itself, audited as
 * the support person, and refuses to terminate a candidacy or an address
 * confirmation (cancel them instead) — one by one and in a batch.
 */
let env: IntegrationEnv;
let support: Agent;
let admin: Agent;
let demo: RightsCompany;

const PASSWORD = 'Processus-Termine-2026';
const REASON = 'Processus bloqué, arrêté par le support';
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

/** Support's « Terminer le processus »; answers the API's reply once the process shows TERMINATED. */
async function terminateFromConsole(workflowId: string) {
  await eventually(async () => ((await support.get(`/api/workflows/${workflowId}`)).body.terminable === true ? true : undefined));
  // A step in flight (the first link's mail) makes the API answer 409 WORKFLOW.STEP_RUNNING: support tries again, as the message says.
  const res = await eventually(async () => {
    const sent = await support.post(`/api/workflows/${workflowId}/terminate`).send({ reason: REASON });
    return sent.status === 409 && sent.body.code === 'WORKFLOW.STEP_RUNNING' ? undefined : sent;
  });
  expect(res.status).toBe(202);
  expect((await support.get(`/api/workflows/${workflowId}`)).body).toMatchObject({ status: 'TERMINATED', terminable: false });
  return res.body as { requested: string; closed: Record<string, unknown> };
}

const account = (id: string) => env.orm.em.fork().findOne(Account, id);
const audits = (where: object) => env.orm.em.fork().find(AuditEvent, where, { orderBy: { at: 'ASC' } });
const loginStatus = async (person: { siret: string; lastName: string; firstName: string; password?: string }) =>
  (await request(env.app).post('/api/auth/login').send(credentials(person))).status;
const byTheSupport = expect.objectContaining({ actorLabel: 'Sophie SUPPORT', after: expect.objectContaining({ terminated: true }) });

describe('an arrival', () => {
  it('terminated while its invitation waits: CANCELLED, its PENDING account removed, its link dead, audited as the support person', async () => {
    const email = 'lina.roche@example.test';
    const res = await admin.post('/api/arrivals').send({ siret: ADMIN.siret, lastName: 'Roche', firstName: 'Lina', email, startDate: inDays(0), role: 'DECLARANT', rights: { mode: 'NONE' } });
    expect([res.status, res.body.status]).toEqual([202, 'AWAITING_CONFIRMATION']);
    const token = tokenOf(await latestLink(env.app, email));

    const done = await terminateFromConsole(res.body.workflowId);

    expect(done.closed).toEqual({ arrival: { id: res.body.id, status: 'CANCELLED', accountRemoved: true } });
    expect(await env.orm.em.fork().findOneOrFail(Arrival, res.body.id)).toMatchObject({ status: 'CANCELLED', account: null });
    expect(await account(res.body.accountId)).toBeNull();
    expect((await request(env.app).post('/api/confirmations').send({ token, password: PASSWORD })).status).not.toBe(200);
    expect(await loginStatus({ siret: ADMIN.siret, lastName: 'Roche', firstName: 'Lina', password: PASSWORD })).toBe(401);
    expect(await audits({ targetId: res.body.id, action: 'ARRIVAL.CANCELLED' })).toEqual([
      expect.objectContaining({ actorLabel: 'Sophie SUPPORT', after: expect.objectContaining({ status: 'CANCELLED', accountRemoved: true, reason: REASON, terminated: true }) }),
    ]);
    expect(await audits({ targetId: res.body.workflowId, action: 'WORKFLOW.TERMINATED' })).toHaveLength(1);
    expect((await admin.get(`/api/arrivals/${res.body.id}`)).body).toMatchObject({ status: 'CANCELLED', workflow: null });
  });
});

describe('a departure', () => {
  it('terminated before its date: CANCELLED, the leaver still active', async () => {
    const leaver = await createPerson(env.orm, demo, 'DECLARANT');
    const res = await admin.post('/api/departures').send({ accountId: leaver.id, effectiveDate: inDays(10), rights: { mode: 'REVOKE' } });
    expect([res.status, res.body.status]).toEqual([202, 'SCHEDULED']);

    const done = await terminateFromConsole(res.body.workflowId);

    expect(done.closed).toEqual({ departure: { id: res.body.id, status: 'CANCELLED', leaverRadiated: false, newcomerArrivalCancelled: null } });
    expect((await env.orm.em.fork().findOneOrFail(Departure, res.body.id)).status).toBe('CANCELLED');
    expect((await account(leaver.id))?.status).toBe(AccountStatus.ACTIVE);
    expect(await loginStatus(leaver)).toBe(200);
    expect(await audits({ targetId: res.body.id, action: 'DEPARTURE.CANCELLED' })).toEqual([byTheSupport]);
    const again = await admin.post('/api/departures').send({ accountId: leaver.id, effectiveDate: inDays(10), rights: { mode: 'REVOKE' } });
    expect(again.status).toBe(202);
  });

  it('holding its rights for a new collaborator, terminated: CANCELLED, his arrival cancels itself (account removed), the leaver stays radiated', async () => {
    const leaver = await createPerson(env.orm, demo, 'DECLARANT');
    const session = await login(env.app, leaver);
    const res = await admin.post('/api/departures').send({
      accountId: leaver.id,
      effectiveDate: inDays(0),
      rights: { mode: 'TRANSFER_NEW', arrival: { siret: ADMIN.siret, lastName: 'Lambert', firstName: 'Noé', email: 'noe.lambert@example.test' } },
    });
    expect([res.status, res.body.status]).toEqual([202, 'WAITING_FOR_TARGET']);
    const arrival = await env.orm.em.fork().findOneOrFail(Arrival, { lastName: 'Lambert' }, { populate: ['account'] });
    const newcomerId = arrival.account!.id;

    const done = await terminateFromConsole(res.body.workflowId);

    expect(done.closed).toEqual({ departure: { id: res.body.id, status: 'CANCELLED', leaverRadiated: true, newcomerArrivalCancelled: arrival.workflowId } });
    expect((await env.orm.em.fork().findOneOrFail(Departure, res.body.id)).status).toBe('CANCELLED');
    await eventually(async () => ((await env.orm.em.fork().findOneOrFail(Arrival, arrival.id)).status === 'CANCELLED' ? true : undefined));
    expect(await account(newcomerId)).toBeNull();
    expect(await audits({ targetId: arrival.id, action: 'ARRIVAL.CANCELLED' })).toEqual([
      expect.objectContaining({ actorLabel: 'Sophie SUPPORT', after: expect.objectContaining({ cause: 'DEPARTURE_CANCELLED' }) }),
    ]);
    expect((await account(leaver.id))?.status).toBe(AccountStatus.RADIATED);
    expect((await session.get('/api/auth/me')).status).toBe(401);
    expect(await loginStatus(leaver)).toBe(403);
  });
});

describe('a registration', () => {
  it('terminated before its confirmation: purged (company, Primo AD, links), audited as the support person', async () => {
    const siren = '732829320';
    const body = { siren, siret: '73282932000074', lastName: 'Morin', firstName: 'Claire', email: 'claire.morin@example.test', password: PASSWORD };
    expect((await request(env.app).post('/api/registrations').send(body)).status).toBe(202);
    const company = await eventually(() => env.orm.em.fork().findOne(Company, { siren }).then((c) => c ?? undefined));

    const done = await terminateFromConsole(`registration-${siren}`);

    expect(done.closed).toEqual({ registration: { companyId: company.id, purged: true } });
    expect(await env.orm.em.fork().count(Company, { siren })).toBe(0);
    expect(await env.orm.em.fork().count(Account, { company: company.id })).toBe(0);
    expect(await audits({ targetId: company.id, action: 'REGISTRATION.PURGED' })).toEqual([
      expect.objectContaining({ actorLabel: 'Sophie SUPPORT', after: { terminated: true, reason: REASON } }),
    ]);
  });
});

describe('processes that close their records only when cancelled', () => {
  it('a candidacy and an address confirmation: terminate refused (409 WORKFLOW.CANCEL_INSTEAD), not offered, nothing changed; cancelling still closes them', async () => {
    const identity = { siret: ADMIN.siret, lastName: 'Girard', firstName: 'Paul' };
    const applied = await request(env.app)
      .post('/api/candidacies')
      .send({ ...identity, email: 'paul.girard@example.test', password: PASSWORD, secretQuestion: 'Ville de naissance de ma grand-mère ?', secretAnswer: 'Quimperlé' });
    expect(applied.status).toBe(202);
    const candidacy = await eventually(() => env.orm.em.fork().findOne(Candidacy, { lastName: 'Girard' }).then((c) => c ?? undefined));
    const declarant = await admin.post('/api/declarants').send({ siret: DEMO_SIRETS[1], lastName: 'Henry', firstName: 'Marc', email: 'marc.henry@example.test' });
    expect(declarant.status).toBe(201);

    for (const workflowId of [candidacy.workflowId, `account-confirmation-${declarant.body.id}`]) {
      const shown = await eventually(async () => {
        const res = await support.get(`/api/workflows/${workflowId}`);
        return res.body.status === 'RUNNING' ? res.body : undefined;
      });
      expect(shown.terminable).toBe(false);
      const refused = await support.post(`/api/workflows/${workflowId}/terminate`).send({ reason: REASON });
      expect([refused.status, refused.body.code]).toEqual([409, 'WORKFLOW.CANCEL_INSTEAD']);
      expect((await support.get(`/api/workflows/${workflowId}`)).body.status).toBe('RUNNING');
      expect(await audits({ targetId: workflowId, action: 'WORKFLOW.TERMINATED' })).toEqual([]);
    }

    await support.post(`/api/workflows/${candidacy.workflowId}/cancel`).send({ reason: 'Demande du client' }).expect(202);
    await eventually(async () => ((await env.orm.em.fork().findOneOrFail(Candidacy, candidacy.id)).status === 'CANCELLED' ? true : undefined));
  });

  it('a batch terminate reaching a process that owns records is refused (cancel the batch instead); nothing is terminated', async () => {
    const res = await admin.post('/api/arrivals').send({ siret: ADMIN.siret, lastName: 'Fabre', firstName: 'Ana', email: 'ana.fabre@example.test', startDate: inDays(12), role: 'DECLARANT', rights: { mode: 'NONE' } });
    expect(res.status).toBe(202);
    const scope = { filter: { type: 'collaboratorArrivalWorkflow', status: 'RUNNING' }, allCompanies: true };
    const count = await eventually(async () => {
      const preview = await support.post('/api/workflows/batch/preview').send(scope);
      return preview.body.count > 0 ? (preview.body.count as number) : undefined;
    });
    const refused = await support.post('/api/workflows/batch').send({ action: 'terminate', ...scope, reason: REASON, expectedCount: count });
    expect([refused.status, refused.body.code]).toEqual([409, 'WORKFLOW.CANCEL_INSTEAD']);
    expect((await support.get(`/api/workflows/${res.body.workflowId}`)).body.status).toBe('RUNNING');
    expect(await audits({ action: 'WORKFLOW.BATCH_TERMINATED' })).toEqual([]);
  });
});
