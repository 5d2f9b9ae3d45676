import request from 'supertest';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { ApiKey } from '../../domain/auth/api-key.entity';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { Arrival } from '../../domain/collaborators/arrival.entity';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { cellKey, planTransfer } from '../../domain/collaborators/transfer.rules';
import { seededRandom } from '../../domain/shared/seeded-random';
import { createPerson, grant, rightsOf, SERVICES, type RightsCompany } from '../helpers/collaborators.fixtures';
import { credentials, eventually, login, mailsTo, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';
import { ADMIN, createOtherCompany, DECLARANT, DEMO_SIRETS, demoPortfolioId, latestLink, SUPPORT, tokenOf, type OtherCompany } from '../helpers/rights.fixtures';

let env: IntegrationEnv;
let other: OtherCompany;
let admin: Agent;
let portfolioId: string;
let bernardId: string;
let demo: RightsCompany;

const PASSWORD = 'Nouveau-Collaborateur-2026';
const today = () => parisToday(new Date());
const inDays = (n: number) => parisToday(new Date(Date.now() + n * 24 * 3600_000));

beforeAll(async () => {
  env = await startIntegrationEnv();
  other = await createOtherCompany(env.orm);
  admin = await login(env.app, ADMIN);
  portfolioId = await demoPortfolioId(env.app);
  for (const serviceCode of SERVICES) await admin.post(`/api/portfolios/${portfolioId}/services`).send({ serviceCode });
  const people = (await admin.get('/api/declarants')).body as Array<{ id: string; lastName: string; companyId: string }>;
  bernardId = people.find((p) => p.lastName === 'BERNARD')!.id;
  demo = { companyId: people[0].companyId, siren: ADMIN.siret.slice(0, 9), headOffice: ADMIN.siret, portfolioIds: [portfolioId, portfolioId], sirets: DEMO_SIRETS };
});

afterAll(async () => {
  await env?.stop();
});

const cells = (rights: Array<{ siret: string; serviceCode: string; canDeclare: boolean; canPay: boolean; canConsult: boolean }>) =>
  rights.map((r) => `${cellKey(r)}:${+r.canDeclare}${+r.canPay}${+r.canConsult}`).sort();

/** Random rights on the demo company portfolio (its two SIRETs × the services). */
function demoRights(random: () => number, count: number) {
  const all = DEMO_SIRETS.flatMap((siret) => SERVICES.map((serviceCode) => ({ siret, serviceCode })));
  const chosen = all.filter(() => random() < count / all.length);
  return chosen.map((c) => {
    const flags = 1 + Math.floor(random() * 7);
    return { portfolioId, ...c, canDeclare: !!(flags & 1), canPay: !!(flags & 2), canConsult: !!(flags & 4) };
  });
}

/** A leaver past his date whose rights wait: his account closed (cookie and login refused), his rights kept for their receiver, none of them offered to the clean-up. */
async function expectHeld(leaver: { id: string; siret: string; lastName: string; firstName: string }, session: Agent, rights: number) {
  expect((await env.orm.em.fork().findOneOrFail(Account, leaver.id)).status).toBe(AccountStatus.RADIATED);
  expect((await session.get('/api/auth/me')).status).toBe(401);
  expect((await request(env.app).post('/api/auth/login').send(credentials(leaver))).body.code).toBe('AUTH.ACCOUNT_INACTIVE');
  expect(await rightsOf(env.orm, leaver.id)).toHaveLength(rights);
  const obsolete = (await admin.get(`/api/companies/${demo.companyId}/obsolete-rights`)).body as { items: Array<{ accountId: string }> };
  expect(obsolete.items.filter((i) => i.accountId === leaver.id)).toEqual([]);
}

const statusOf = (resource: 'arrivals' | 'departures', id: string, status: string) =>
  eventually(async () => {
    const res = await admin.get(`/api/${resource}/${id}`);
    return res.body.status === status ? res.body : undefined;
  });

describe('arrivals', () => {
  it('copy of a declarant’s rights: invited today, confirmed → ACTIVE with exactly the copied rights', async () => {
    const source = await createPerson(env.orm, demo, 'DECLARANT');
    const copied = demoRights(seededRandom(1), 5);
    await grant(env.orm, source.id, copied);
    const email = 'julie.petit@example.test';
    const res = await admin.post('/api/arrivals').send({
      siret: ADMIN.siret,
      lastName: 'Petit',
      firstName: 'Julie',
      email,
      startDate: today(),
      role: 'DECLARANT',
      rights: { mode: 'COPY', fromAccountId: source.id, portfolioIds: [portfolioId] },
    });
    expect(res.status).toBe(202);
    const { id, accountId } = res.body;
    expect((await env.orm.em.fork().findOneOrFail(Account, accountId)).status).toBe(AccountStatus.PENDING);
    expect(await rightsOf(env.orm, accountId)).toEqual([]);

    const token = tokenOf(await latestLink(env.app, email));
    expect((await request(env.app).get(`/api/confirmations/${token}`)).body).toMatchObject({ purpose: 'ARRIVAL', needsPassword: true });
    const confirmed = await request(env.app).post('/api/confirmations').send({ token, password: PASSWORD });
    expect(confirmed.body).toMatchObject({ status: 'CONFIRMED', purpose: 'ARRIVAL' });

    const done = await statusOf('arrivals', id, 'COMPLETED');
    expect(cells(done.rights)).toEqual(cells(copied));
    expect(cells(await rightsOf(env.orm, accountId))).toEqual(cells(copied));
    await login(env.app, { siret: ADMIN.siret, lastName: 'Petit', firstName: 'Julie', password: PASSWORD });
    const granted = await env.orm.em.fork().count(AuditEvent, { action: 'HABILITATION.GRANTED', after: { arrivalId: id } } as never);
    expect(granted).toBe(copied.length);
  });

  it('refuses a past start date, an unknown SIRET, a right outside its portfolio and a taken identity', async () => {
    const body = { siret: ADMIN.siret, lastName: 'Roux', firstName: 'Léo', email: 'leo@example.test', startDate: today(), role: 'DECLARANT', rights: { mode: 'NONE' } };
    const past = await admin.post('/api/arrivals').send({ ...body, startDate: '2020-01-01' });
    expect([past.status, past.body.code, past.body.errors.startDate]).toEqual([400, 'VALIDATION.FAILED', expect.any(String)]);
    const foreign = await admin.post('/api/arrivals').send({ ...body, siret: other.siret });
    expect([foreign.status, Object.keys(foreign.body.errors)]).toEqual([400, ['siret']]);
    const item = { portfolioId, siret: '53210987300010', serviceCode: 'MCF', canDeclare: true, canPay: false, canConsult: true };
    const outside = await admin.post('/api/arrivals').send({ ...body, rights: { mode: 'LIST', items: [item] } });
    expect([outside.status, Object.keys(outside.body.errors)]).toEqual([400, ['rights.items.0.siret']]);
    const taken = await admin.post('/api/arrivals').send({ ...body, lastName: DECLARANT.lastName, firstName: DECLARANT.firstName });
    expect([taken.status, taken.body.code]).toEqual([409, 'ACCOUNT.IDENTITY_TAKEN']);
    expect(await env.orm.em.fork().count(Arrival, { lastName: 'Roux' })).toBe(0);
  });

  it('a future arrival is re-dated, then cancelled: its PENDING account is removed; a second cancel is refused', async () => {
    const res = await admin.post('/api/arrivals').send({ siret: ADMIN.siret, lastName: 'Blanc', firstName: 'Zoé', email: 'zoe@example.test', startDate: inDays(10), role: 'DECLARANT', rights: { mode: 'NONE' } });
    const { id, accountId } = res.body;
    await statusOf('arrivals', id, 'SCHEDULED');
    const moved = await admin.post(`/api/arrivals/${id}/start-date`).send({ startDate: inDays(20) });
    expect(moved.body).toMatchObject({ status: 'SCHEDULED', startDate: inDays(20), workflow: { status: 'SCHEDULED', startDate: inDays(20) } });
    expect((await admin.get('/api/arrivals').query({ filter: JSON.stringify({ pending: true, q: 'Blanc' }) })).body).toHaveLength(1);
    for (const attempt of [admin.post(`/api/declarants/${accountId}/resend`), admin.put(`/api/declarants/${accountId}`).send({ email: 'zoe.blanc@example.test' })]) {
      const refused = await attempt;
      expect([refused.status, refused.body.code]).toEqual([409, 'DECLARANT.ARRIVAL_PENDING']);
    }
    expect((await env.orm.em.fork().findOneOrFail(Account, accountId)).email).toBe('zoe@example.test');
    const cancelled = await admin.post(`/api/arrivals/${id}/cancel`).send({ reason: 'Embauche annulée' });
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', accountId: null });
    expect(await env.orm.em.fork().findOne(Account, accountId)).toBeNull();
    const again = await admin.post(`/api/arrivals/${id}/cancel`).send({});
    expect([again.status, again.body.code]).toEqual([409, 'ARRIVAL.NOT_PENDING']);
  });
  it('starting today: the create answer and an immediate GET show the invitation gone, not SCHEDULED, and its date no longer moves; a later one moved to today, the same', async () => {
    const body = { siret: ADMIN.siret, lastName: 'Caron', firstName: 'Inès', email: 'ines.caron@example.test', startDate: today(), role: 'DECLARANT', rights: { mode: 'NONE' } };
    const res = await admin.post('/api/arrivals').send(body);
    expect([res.status, res.body.status]).toEqual([202, 'AWAITING_CONFIRMATION']);
    const shown = await admin.get(`/api/arrivals/${res.body.id}`);
    expect(shown.body).toMatchObject({ status: 'AWAITING_CONFIRMATION', invitedAt: expect.any(String), workflow: { status: 'AWAITING_CONFIRMATION' } });
    const moved = await admin.post(`/api/arrivals/${res.body.id}/start-date`).send({ startDate: inDays(3) });
    expect([moved.status, moved.body.code]).toEqual([409, 'ARRIVAL.ALREADY_STARTED']);

    const later = await admin.post('/api/arrivals').send({ ...body, lastName: 'Carré', email: 'ines.carre@example.test', startDate: inDays(5) });
    expect([later.status, later.body.status]).toEqual([202, 'SCHEDULED']);
    const movedToToday = await admin.post(`/api/arrivals/${later.body.id}/start-date`).send({ startDate: today() });
    expect(movedToToday.body).toMatchObject({ status: 'AWAITING_CONFIRMATION', startDate: today(), workflow: { status: 'AWAITING_CONFIRMATION' } });
    expect((await admin.get(`/api/arrivals/${later.body.id}`)).body.status).toBe('AWAITING_CONFIRMATION');
  });
});

describe('departures', () => {
  it('effective today: the create answer and an immediate GET show it applied or waiting, not SCHEDULED, and its date no longer moves (409); a later one moved to today, the same', async () => {
    const applied = await createPerson(env.orm, demo, 'DECLARANT');
    const res = await admin.post('/api/departures').send({ accountId: applied.id, effectiveDate: today(), rights: { mode: 'REVOKE' } });
    expect([res.status, res.body.status]).toEqual([202, 'COMPLETED']);
    expect((await admin.get(`/api/departures/${res.body.id}`)).body).toMatchObject({ status: 'COMPLETED', workflow: null });
    const late = await admin.post(`/api/departures/${res.body.id}/effective-date`).send({ effectiveDate: inDays(3) });
    expect([late.status, late.body.code]).toEqual([409, 'DEPARTURE.NOT_PENDING']);

    const held = await createPerson(env.orm, demo, 'DECLARANT');
    const target = await createPerson(env.orm, demo, 'DECLARANT');
    await env.orm.em.fork().nativeUpdate(Account, { id: target.id }, { status: AccountStatus.LOCKED });
    const waiting = await admin.post('/api/departures').send({ accountId: held.id, effectiveDate: today(), rights: { mode: 'TRANSFER', toAccountId: target.id } });
    expect([waiting.status, waiting.body.status]).toEqual([202, 'WAITING_FOR_TARGET']);
    expect((await admin.get(`/api/departures/${waiting.body.id}`)).body).toMatchObject({ status: 'WAITING_FOR_TARGET', workflow: { status: 'WAITING_FOR_TARGET', leaverRadiated: true } });
    const moved = await admin.post(`/api/departures/${waiting.body.id}/effective-date`).send({ effectiveDate: inDays(3) });
    expect([moved.status, moved.body.code]).toEqual([409, 'DEPARTURE.ALREADY_STARTED']);
    await admin.post(`/api/departures/${waiting.body.id}/target`).send({ rights: { mode: 'REVOKE' } }).expect(200);
    await statusOf('departures', waiting.body.id, 'COMPLETED');

    const later = await createPerson(env.orm, demo, 'DECLARANT');
    const planned = await admin.post('/api/departures').send({ accountId: later.id, effectiveDate: inDays(8), rights: { mode: 'REVOKE' } });
    expect([planned.status, planned.body.status]).toEqual([202, 'SCHEDULED']);
    const now = await admin.post(`/api/departures/${planned.body.id}/effective-date`).send({ effectiveDate: today() });
    expect(now.body).toMatchObject({ status: 'COMPLETED', effectiveDate: today() });
    expect((await env.orm.em.fork().findOneOrFail(Account, later.id)).status).toBe(AccountStatus.RADIATED);
  });

  it('transfer to an existing declarant, effective today: exact union, account RADIATED, its session cookie refused at once, its API keys kept', async () => {
    const leaver = await createPerson(env.orm, demo, 'DECLARANT');
    const target = await createPerson(env.orm, demo, 'DECLARANT');
    const random = seededRandom(42);
    const [leaverRights, targetRights] = [demoRights(random, 6), demoRights(random, 4)];
    await grant(env.orm, leaver.id, leaverRights);
    await grant(env.orm, target.id, targetRights);
    const em = env.orm.em.fork();
    const key = em.create(ApiKey, { company: demo.companyId, name: 'Logiciel de paie', prefix: 'bo_test', keyHash: 'f'.repeat(64), createdBy: leaver.id });
    await em.flush();
    const session = await login(env.app, leaver);
    expect((await session.get('/api/auth/me')).status).toBe(200);

    const res = await admin.post('/api/departures').send({ accountId: leaver.id, effectiveDate: today(), rights: { mode: 'TRANSFER', toAccountId: target.id } });
    expect(res.status).toBe(202);
    const done = await statusOf('departures', res.body.id, 'COMPLETED');
    expect((await session.get('/api/auth/me')).status).toBe(401);

    const plan = planTransfer(leaverRights, targetRights);
    expect(cells(await rightsOf(env.orm, target.id))).toEqual(cells(plan.union));
    expect(done).toMatchObject({ transferred: leaverRights.length, revoked: 0, toAccountId: target.id });
    expect(done.rights.map((r: { outcome: string }) => r.outcome).sort()).toEqual(plan.outcomes.map((o) => o.outcome).sort());
    expect((await env.orm.em.fork().findOneOrFail(Account, leaver.id)).status).toBe(AccountStatus.RADIATED);
    expect((await env.orm.em.fork().findOneOrFail(ApiKey, key.id)).revokedAt).toBeNull();
    const again = await admin.post('/api/departures').send({ accountId: leaver.id, effectiveDate: today(), rights: { mode: 'REVOKE' } });
    expect(again.status).toBe(404);
  });

  it('two departures transferring to the same target at once end with the correct union', async () => {
    const target = await createPerson(env.orm, demo, 'DECLARANT');
    const [a, b] = [await createPerson(env.orm, demo, 'DECLARANT'), await createPerson(env.orm, demo, 'DECLARANT')];
    const random = seededRandom(7);
    const [ra, rb, rt] = [demoRights(random, 7), demoRights(random, 7), demoRights(random, 3)];
    await grant(env.orm, a.id, ra);
    await grant(env.orm, b.id, rb);
    await grant(env.orm, target.id, rt);
    const started = await Promise.all(
      [a, b].map((leaver) => admin.post('/api/departures').send({ accountId: leaver.id, effectiveDate: today(), rights: { mode: 'TRANSFER', toAccountId: target.id } })),
    );
    await Promise.all(started.map((res) => statusOf('departures', res.body.id, 'COMPLETED')));
    expect(cells(await rightsOf(env.orm, target.id))).toEqual(cells(planTransfer(rb, planTransfer(ra, rt).union).union));
  });

  it('a future departure transfers nothing; re-dated, then cancelled, everything stays as it was', async () => {
    const leaver = await createPerson(env.orm, demo, 'DECLARANT');
    const rights = demoRights(seededRandom(5), 4);
    await grant(env.orm, leaver.id, rights);
    const res = await admin.post('/api/departures').send({ accountId: leaver.id, effectiveDate: inDays(15), rights: { mode: 'REVOKE' } });
    const { id } = res.body;
    const twice = await admin.post('/api/departures').send({ accountId: leaver.id, effectiveDate: inDays(15), rights: { mode: 'REVOKE' } });
    expect([twice.status, twice.body.code]).toEqual([409, 'DEPARTURE.ALREADY_PLANNED']);
    const moved = await admin.post(`/api/departures/${id}/effective-date`).send({ effectiveDate: inDays(30) });
    expect(moved.body).toMatchObject({ status: 'SCHEDULED', effectiveDate: inDays(30), workflow: { status: 'SCHEDULED' } });
    const cancelled = await admin.post(`/api/departures/${id}/cancel`).send({});
    expect(cancelled.body.status).toBe('CANCELLED');
    expect(cells(await rightsOf(env.orm, leaver.id))).toEqual(cells(rights));
    expect((await env.orm.em.fork().findOneOrFail(Account, leaver.id)).status).toBe(AccountStatus.ACTIVE);
    expect((await admin.post(`/api/departures/${id}/cancel`).send({})).body.code).toBe('DEPARTURE.NOT_PENDING');
  });

  it('transfer to a new collaborator, effective today: the leaver is radiated at once (cookie and login refused), his rights held until the newcomer confirms', async () => {
    const leaver = await createPerson(env.orm, demo, 'DECLARANT');
    const rights = demoRights(seededRandom(11), 5);
    await grant(env.orm, leaver.id, rights);
    const session = await login(env.app, leaver);
    const email = 'nina.morel@example.test';
    const res = await admin.post('/api/departures').send({
      accountId: leaver.id,
      effectiveDate: today(),
      rights: { mode: 'TRANSFER_NEW', arrival: { siret: ADMIN.siret, lastName: 'Morel', firstName: 'Nina', email } },
    });
    expect(res.status).toBe(202);
    const waiting = await statusOf('departures', res.body.id, 'WAITING_FOR_TARGET');
    expect(waiting).toMatchObject({ rightsMode: 'TRANSFER_NEW', arrivalId: expect.any(String), waitingReason: { code: 'NEWCOMER_NOT_CONFIRMED', params: {} }, workflow: { leaverRadiated: true } });
    await expectHeld(leaver, session, rights.length);
    const cancel = await admin.post(`/api/departures/${res.body.id}/cancel`).send({});
    expect([cancel.status, cancel.body.code]).toEqual([409, 'DEPARTURE.ALREADY_STARTED']);
    // A task in « Mes tâches » of the company's administrators, opening the departure's page where they send the rights elsewhere.
    const task = await eventually(async () => ((await admin.get('/api/tasks')).body as Array<{ id: string; page: string; awaitedRole: string }>).find((t) => t.id === res.body.workflowId));
    expect(task).toMatchObject({ page: `/departures/${res.body.id}/show`, awaitedRole: 'ADMINISTRATOR' });
    const token = tokenOf(await latestLink(env.app, email));
    await request(env.app).post('/api/confirmations').send({ token, password: PASSWORD }).expect(200);
    const done = await statusOf('departures', res.body.id, 'COMPLETED');
    expect(cells(await rightsOf(env.orm, done.toAccountId))).toEqual(cells(rights));
    expect(await rightsOf(env.orm, leaver.id)).toEqual([]);
    // The company's administrators are told by mail that the arrival completed and the departure applied.
    const adminEmail = (await env.orm.em.fork().findOneOrFail(Account, { siret: ADMIN.siret, lastName: ADMIN.lastName, firstName: ADMIN.firstName })).email;
    const told = await eventually(async () => {
      const mails = await mailsTo(env.app, adminEmail);
      const sent = (subject: string) => mails.find((m) => m.subject.startsWith(subject) && m.status === 'SENT');
      const arrived = sent('Arrivée terminée : Nina Morel');
      const applied = sent(`Départ appliqué : ${leaver.firstName} ${leaver.lastName}`);
      return arrived && applied ? { arrived, applied } : undefined;
    });
    expect(told.applied.links).toEqual([expect.stringMatching(new RegExp(`/#/departures/${res.body.id}/show$`))]);
    expect(told.arrived.text).toContain('son compte est actif');
  });

  it('transfer to an inactive colleague, effective today: the leaver is radiated at once, his rights held; once the colleague is active, support’s « check again now » hands them over', async () => {
    const leaver = await createPerson(env.orm, demo, 'DECLARANT');
    const target = await createPerson(env.orm, demo, 'DECLARANT');
    await env.orm.em.fork().nativeUpdate(Account, { id: target.id }, { status: AccountStatus.LOCKED });
    const rights = demoRights(seededRandom(17), 5);
    await grant(env.orm, leaver.id, rights);
    const session = await login(env.app, leaver);
    const res = await admin.post('/api/departures').send({ accountId: leaver.id, effectiveDate: today(), rights: { mode: 'TRANSFER', toAccountId: target.id } });
    expect(res.status).toBe(202);
    const waiting = await statusOf('departures', res.body.id, 'WAITING_FOR_TARGET');
    expect(waiting).toMatchObject({ waitingReason: { code: 'TARGET_INACTIVE', params: { firstName: target.firstName, lastName: target.lastName, status: AccountStatus.LOCKED } }, workflow: { leaverRadiated: true } });
    await expectHeld(leaver, session, rights.length);

    await env.orm.em.fork().nativeUpdate(Account, { id: target.id }, { status: AccountStatus.ACTIVE });
    const support = await login(env.app, SUPPORT);
    expect((await support.get(`/api/workflows/${res.body.workflowId}`)).body.commands).toEqual([{ name: 'recheck', kind: 'signal' }]);
    await support.post(`/api/workflows/${res.body.workflowId}/commands/recheck`).send({}).expect(202);
    await statusOf('departures', res.body.id, 'COMPLETED');
    expect(cells(await rightsOf(env.orm, target.id))).toEqual(cells(rights));
  });

  it('a departure waiting for a new collaborator sends its rights to an existing one instead: his arrival is cancelled, the transfer applies, audited', async () => {
    const leaver = await createPerson(env.orm, demo, 'DECLARANT');
    const target = await createPerson(env.orm, demo, 'DECLARANT');
    const rights = demoRights(seededRandom(13), 5);
    await grant(env.orm, leaver.id, rights);
    const res = await admin.post('/api/departures').send({
      accountId: leaver.id,
      effectiveDate: today(),
      rights: { mode: 'TRANSFER_NEW', arrival: { siret: ADMIN.siret, lastName: 'Lemoine', firstName: 'Hugo', email: 'hugo.lemoine@example.test' } },
    });
    const waiting = await statusOf('departures', res.body.id, 'WAITING_FOR_TARGET');
    const retarget = (rights: object, agent = admin) => agent.post(`/api/departures/${res.body.id}/target`).send({ rights });

    for (const wrong of [leaver.id, other.declarantId]) {
      const refused = await retarget({ mode: 'TRANSFER', toAccountId: wrong });
      expect([refused.status, Object.keys(refused.body.errors ?? {})]).toEqual([400, ['rights.toAccountId']]);
    }
    expect((await retarget({ mode: 'TRANSFER' })).status).toBe(400);
    expect((await retarget({ mode: 'REVOKE' }, await login(env.app, other.admin))).status).toBe(404);

    const answer = await retarget({ mode: 'TRANSFER', toAccountId: target.id });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ rightsMode: 'TRANSFER', toAccountId: target.id, toName: `${target.firstName} ${target.lastName}` });
    const done = await statusOf('departures', res.body.id, 'COMPLETED');
    expect(done).toMatchObject({ transferred: rights.length, toAccountId: target.id });
    expect(cells(await rightsOf(env.orm, target.id))).toEqual(cells(rights));
    await statusOf('arrivals', waiting.arrivalId, 'CANCELLED');
    const [audit] = await env.orm.em.fork().find(AuditEvent, { targetId: res.body.id, action: 'DEPARTURE.RETARGETED' });
    expect(audit).toMatchObject({ before: { rightsMode: 'TRANSFER_NEW' }, after: { rightsMode: 'TRANSFER', toAccountId: target.id } });
    const late = await retarget({ mode: 'REVOKE' });
    expect([late.status, late.body.code]).toEqual([409, 'DEPARTURE.NOT_PENDING']);
  });

  it('the last active administrator cannot leave without a valid successor', async () => {
    const durand = await login(env.app, other.admin);
    const people = (await durand.get('/api/declarants')).body as Array<{ id: string; lastName: string }>;
    const durandId = people.find((p) => p.lastName === 'DURAND')!.id;
    const alone = await durand.post('/api/departures').send({ accountId: durandId, effectiveDate: today(), rights: { mode: 'REVOKE' } });
    expect([alone.status, alone.body.code]).toEqual([409, 'DEPARTURE.LAST_ADMINISTRATOR']);
    const declarantSuccessor = await durand.post('/api/departures').send({ accountId: durandId, effectiveDate: today(), rights: { mode: 'REVOKE' }, successorAccountId: other.declarantId });
    expect([declarantSuccessor.status, Object.keys(declarantSuccessor.body.errors)]).toEqual([400, ['successorAccountId']]);
    expect((await durand.get('/api/auth/me')).status).toBe(200);
  });

  it('isolation: another company’s ids are 404, a declarant is refused', async () => {
    const durand = await login(env.app, other.admin);
    const [arrival] = (await admin.get('/api/arrivals')).body as Array<{ id: string }>;
    const [departure] = (await admin.get('/api/departures')).body as Array<{ id: string }>;
    expect((await durand.get(`/api/arrivals/${arrival.id}`)).status).toBe(404);
    expect((await durand.get(`/api/departures/${departure.id}`)).status).toBe(404);
    expect((await durand.post(`/api/arrivals/${arrival.id}/cancel`).send({})).status).toBe(404);
    expect((await durand.get('/api/departures')).body).toEqual([]);
    expect((await durand.post('/api/departures').send({ accountId: bernardId, effectiveDate: today(), rights: { mode: 'REVOKE' } })).status).toBe(404);
    expect((await durand.get(`/api/companies/${demo.companyId}/obsolete-rights`)).status).toBe(404);
    const declarant = await login(env.app, DECLARANT);
    for (const path of ['/api/arrivals', '/api/departures', `/api/companies/${demo.companyId}/obsolete-rights`]) expect((await declarant.get(path)).status).toBe(403);
    expect((await declarant.post('/api/departures').send({ accountId: bernardId, effectiveDate: today(), rights: { mode: 'REVOKE' } })).status).toBe(403);
  });
});

describe('obsolete rights', () => {
  it('closing an establishment offers its clean-up; the clean-up removes exactly the list shown, with a count check', async () => {
    const holder = await createPerson(env.orm, demo, 'DECLARANT');
    const shop = DEMO_SIRETS[1];
    const onShop = SERVICES.map((serviceCode) => ({ portfolioId, siret: shop, serviceCode, canDeclare: true, canPay: false, canConsult: true }));
    await grant(env.orm, holder.id, [...onShop, { ...onShop[0], siret: DEMO_SIRETS[0] }]);
    const closed = await admin.post(`/api/establishments/${shop}/close`);
    expect(closed.body).toMatchObject({ siret: shop, status: 'CLOSED', obsoleteRights: expect.any(Number) });
    const list = await admin.get(`/api/companies/${demo.companyId}/obsolete-rights`).query({ siret: shop });
    expect(list.body.count).toBe(closed.body.obsoleteRights);
    expect(list.body.items.filter((i: { accountId: string }) => i.accountId === holder.id)).toHaveLength(onShop.length);
    expect(list.body.items.every((i: { reason: string; siret: string }) => i.reason === 'ESTABLISHMENT_CLOSED' && i.siret === shop)).toBe(true);

    const stale = await admin.post(`/api/companies/${demo.companyId}/obsolete-rights/cleanup`).send({ siret: shop, expectedCount: list.body.count + 1 });
    expect([stale.status, stale.body.code]).toEqual([409, 'CLEANUP.COUNT_CHANGED']);
    expect((await admin.get(`/api/companies/${demo.companyId}/obsolete-rights`).query({ siret: shop })).body.count).toBe(list.body.count);

    const cleaned = await admin.post(`/api/companies/${demo.companyId}/obsolete-rights/cleanup`).send({ siret: shop, expectedCount: list.body.count });
    expect(cleaned.body).toEqual({ removed: list.body.count });
    expect((await admin.get(`/api/companies/${demo.companyId}/obsolete-rights`).query({ siret: shop })).body).toEqual({ count: 0, items: [] });
    expect(cells(await rightsOf(env.orm, holder.id))).toEqual(cells([{ ...onShop[0], siret: DEMO_SIRETS[0] }]));
    expect(await env.orm.em.fork().count(AuditEvent, { action: 'HABILITATION.REVOKED', before: { accountId: holder.id } } as never)).toBe(onShop.length);
  });
});
