import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';
import { ADMIN, createOtherCompany, DECLARANT, DEMO_SIRETS, demoPortfolioId, SUPPORT, type OtherCompany } from '../helpers/rights.fixtures';

let env: IntegrationEnv;
let other: OtherCompany;
let admin: Agent;
let portfolioId: string;
let bernardId: string;
let martinId: string;

beforeAll(async () => {
  env = await startIntegrationEnv();
  other = await createOtherCompany(env.orm);
  admin = await login(env.app, ADMIN);
  portfolioId = await demoPortfolioId(env.app);
  for (const serviceCode of ['MCF', 'PEPS']) await admin.post(`/api/portfolios/${portfolioId}/services`).send({ serviceCode });
  const people = (await admin.get('/api/declarants')).body as Array<{ id: string; lastName: string }>;
  bernardId = people.find((p) => p.lastName === 'BERNARD')!.id;
  martinId = people.find((p) => p.lastName === 'MARTIN')!.id;
});

afterAll(async () => {
  await env?.stop();
});

const rights = (canDeclare: boolean, canPay: boolean, canConsult: boolean) => ({ canDeclare, canPay, canConsult });
const cell = (patch: Record<string, unknown> = {}) => ({
  portfolioId,
  accountId: bernardId,
  siret: DEMO_SIRETS[0],
  serviceCode: 'MCF',
  ...rights(true, false, true),
  ...patch,
});
const set = (patch: Record<string, unknown> = {}, agent = admin) => agent.put('/api/habilitations').send(cell(patch));
const eventsOn = (targetId: string) => env.orm.em.fork().find(AuditEvent, { targetId }, { orderBy: { at: 'ASC' } });

describe('habilitation matrix', () => {
  it('grants, changes and revokes one cell, each change audited with before and after', async () => {
    const granted = await set();
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ accountId: bernardId, siret: DEMO_SIRETS[0], serviceCode: 'MCF', portfolioId, ...rights(true, false, true) });
    const { id } = granted.body;
    expect((await set(rights(true, true, true))).body).toMatchObject({ id, canPay: true });
    expect((await set(rights(true, true, true))).status).toBe(200);
    expect((await set(rights(false, false, false))).status).toBe(204);
    expect((await admin.get(`/api/habilitations/${id}`)).status).toBe(404);

    const events = await eventsOn(id);
    expect(events.map((e) => e.action)).toEqual(['HABILITATION.GRANTED', 'HABILITATION.CHANGED', 'HABILITATION.REVOKED']);
    expect(events.map((e) => [e.before?.canPay ?? null, e.after?.canPay ?? null])).toEqual([
      [null, false],
      [false, true],
      [true, null],
    ]);
    expect(events.every((e) => e.actorLabel === 'Claire MARTIN')).toBe(true);
  });

  it('revokes by id', async () => {
    const { id } = (await set({ serviceCode: 'PEPS' })).body;
    expect((await admin.delete(`/api/habilitations/${id}`)).status).toBe(204);
    expect((await admin.delete(`/api/habilitations/${id}`)).status).toBe(404);
    expect((await eventsOn(id)).map((e) => e.action)).toEqual(['HABILITATION.GRANTED', 'HABILITATION.REVOKED']);
  });

  it('answers 400 when the SIRET or the service is not in the portfolio', async () => {
    const siret = await set({ siret: '53210987300010' });
    expect(siret.status).toBe(400);
    expect(siret.body.errors.siret).toBeDefined();
    const service = await set({ serviceCode: 'SOLTEA_ETAB' });
    expect(service.status).toBe(400);
    expect(service.body.errors.serviceCode).toBeDefined();
  });

  it('names an unknown service as unknown, and a SIRET that cannot exist with the identifier rules’ message', async () => {
    const unknown = await set({ serviceCode: 'NOPE' });
    expect([unknown.status, unknown.body.code, unknown.body.errors]).toEqual([400, 'HABILITATION.SERVICE_UNKNOWN', { serviceCode: 'Service inconnu' }]);
    const checksum = await set({ siret: '84271640900012' });
    expect([checksum.status, checksum.body.errors]).toEqual([400, { siret: 'SIRET 84271640900012 invalide : la clé de contrôle ne correspond pas.' }]);
  });

  it('keeps rights granted through one portfolio apart from another portfolio', async () => {
    const clients = (await admin.post('/api/portfolios').send({ name: 'Filiales' })).body.id;
    await admin.post(`/api/portfolios/${clients}/establishments`).send({ siret: DEMO_SIRETS[1] });
    await admin.post(`/api/portfolios/${clients}/services`).send({ serviceCode: 'MCF' });
    expect((await set({ siret: DEMO_SIRETS[1] })).status).toBe(200);
    const elsewhere = await set({ siret: DEMO_SIRETS[1], portfolioId: clients });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.code).toBe('HABILITATION.OTHER_PORTFOLIO');
  });

  it('filters the matrix by declarant, SIRET, service and portfolio', async () => {
    await set({ accountId: martinId, serviceCode: 'PEPS' });
    await set({ accountId: bernardId, serviceCode: 'PEPS' });
    const list = (filter: Record<string, string>) => admin.get('/api/habilitations').query({ filter: JSON.stringify(filter) });
    const byMartin = (await list({ accountId: martinId })).body as Array<{ accountId: string }>;
    expect(byMartin.length).toBeGreaterThan(0);
    expect(byMartin.every((h) => h.accountId === martinId)).toBe(true);
    const pepsHere = (await list({ serviceCode: 'PEPS', siret: DEMO_SIRETS[0], portfolioId })).body as Array<{ accountId: string }>;
    expect(pepsHere.map((h) => h.accountId).sort()).toEqual([bernardId, martinId].sort());
    const spaced = (await list({ serviceCode: 'PEPS', siret: DEMO_SIRETS[0].replace(/^(\d{3})(\d{3})(\d{3})/, '$1 $2 $3 '), portfolioId })).body;
    expect(spaced).toEqual((await list({ serviceCode: 'PEPS', siret: DEMO_SIRETS[0], portfolioId })).body);
    const bySiren = (await list({ serviceCode: 'PEPS', siret: DEMO_SIRETS[0].slice(0, 9) })).body as Array<{ siret: string }>;
    expect(bySiren.length).toBeGreaterThanOrEqual(2);
    expect(bySiren.every((h) => h.siret.startsWith(DEMO_SIRETS[0].slice(0, 9)))).toBe(true);
    expect((await list({ siret: '8427x' })).status).toBe(400);
  });

  it('a declarant sees only his own habilitations', async () => {
    const declarant = await login(env.app, DECLARANT);
    const mine = (await declarant.get('/api/habilitations')).body as Array<{ accountId: string }>;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((h) => h.accountId === bernardId)).toBe(true);
    const martins = (await admin.get('/api/habilitations').query({ filter: JSON.stringify({ accountId: martinId }) })).body;
    expect((await declarant.get(`/api/habilitations/${martins[0].id}`)).status).toBe(404);
  });
});

describe('habilitations scope', () => {
  it('an administrator gets 404 with another company’s habilitation, portfolio or declarant', async () => {
    expect((await admin.get(`/api/habilitations/${other.habilitationId}`)).status).toBe(404);
    expect((await admin.delete(`/api/habilitations/${other.habilitationId}`)).status).toBe(404);
    expect((await set({ portfolioId: other.portfolioId, siret: other.siret, serviceCode: 'PEPS' })).status).toBe(404);
    expect((await set({ accountId: other.declarantId })).status).toBe(404);
    const list = await admin.get('/api/habilitations').query({ filter: JSON.stringify({ portfolioId: other.portfolioId }) });
    expect(list.body).toEqual([]);
    const support = await login(env.app, SUPPORT);
    expect((await support.get(`/api/habilitations/${other.habilitationId}`)).status).toBe(200);
  });

  it('a declarant gets 403 on the management routes', async () => {
    const declarant = await login(env.app, DECLARANT);
    expect((await set({}, declarant)).status).toBe(403);
    expect((await declarant.delete(`/api/habilitations/${other.habilitationId}`)).status).toBe(403);
  });
});
