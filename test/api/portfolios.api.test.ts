import { lookBackStart } from '../../domain/access/decision.policy';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import { DsnFiling } from '../../domain/dsn/dsn-filing.entity';
import { Habilitation } from '../../domain/rights/habilitation.entity';
import { login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';
import { ADMIN, createOtherCompany, DECLARANT, DEMO_SIRETS, demoPortfolioId, siretsOf, SUPPORT, type OtherCompany } from '../helpers/rights.fixtures';

/** Menuiserie Durand's SIREN (createOtherCompany). */
const DURAND_SIREN = '732829320';
/** A DSN period inside the look-back. */
const lastMonth = lookBackStart(new Date(), 1);

let env: IntegrationEnv;
let other: OtherCompany;
let admin: Agent;

beforeAll(async () => {
  env = await startIntegrationEnv();
  other = await createOtherCompany(env.orm);
  admin = await login(env.app, ADMIN);
});

afterAll(async () => {
  await env?.stop();
});

const actionsOn = async (targetId: string) =>
  (await env.orm.em.fork().find(AuditEvent, { targetId }, { orderBy: { at: 'ASC' } })).map((e) => e.action);

async function clientPortfolio(name: string): Promise<string> {
  const res = await admin.post('/api/portfolios').send({ name });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function bernardId(): Promise<string> {
  return (await admin.get('/api/declarants').query({ filter: JSON.stringify({ q: 'BERNARD' }) })).body[0].id;
}

describe('portfolios', () => {
  it('create, rename and delete a client portfolio, each change audited', async () => {
    const created = await admin.post('/api/portfolios').send({ name: 'Clients Lyon' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'CLIENTS', name: 'Clients Lyon', siretCount: 0, serviceCodes: [], advice: null });
    const { id } = created.body;
    expect((await admin.put(`/api/portfolios/${id}`).send({ name: 'Clients Rhône' })).body.name).toBe('Clients Rhône');
    expect((await admin.get('/api/portfolios').query({ filter: JSON.stringify({ kind: 'CLIENTS' }) })).body.map((p: { name: string }) => p.name)).toEqual([
      'Clients Rhône',
    ]);
    expect((await admin.delete(`/api/portfolios/${id}`)).status).toBe(204);
    expect((await admin.get(`/api/portfolios/${id}`)).status).toBe(404);
    expect(await actionsOn(id)).toEqual(['PORTFOLIO.CREATED', 'PORTFOLIO.RENAMED', 'PORTFOLIO.DELETED']);
  });

  it('keeps the company portfolio, which holds the company’s own establishments', async () => {
    const id = await demoPortfolioId(env.app);
    expect((await admin.get(`/api/portfolios/${id}`)).body).toMatchObject({ kind: 'COMPANY', siretCount: 2 });
    const removal = await admin.delete(`/api/portfolios/${id}`);
    expect(removal.status).toBe(409);
    expect(removal.body.code).toBe('PORTFOLIO.COMPANY_PORTFOLIO');
    const foreign = await admin.post(`/api/portfolios/${id}/establishments`).send({ siret: '10000000900017' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.code).toBe('PORTFOLIO.NOT_OWN_ESTABLISHMENT');
    const listed = await admin.get(`/api/portfolios/${id}/establishments`);
    expect(listed.body).toEqual(DEMO_SIRETS.map((siret) => expect.objectContaining({ id: siret, siret, name: expect.any(String) })));
  });

  it('support names the company of a new portfolio', async () => {
    const support = await login(env.app, SUPPORT);
    const missing = await support.post('/api/portfolios').send({ name: 'Sans entreprise' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.companyId).toBeDefined();
    const made = await support.post('/api/portfolios').send({ name: 'Filiales', companyId: other.companyId });
    expect(made.body.companyId).toBe(other.companyId);
  });

  it('adds establishments by SIRET or by SIREN (its registered establishments and the SIRETs whose DSN the company filed)', async () => {
    const id = await clientPortfolio('Clients SIREN');
    const one = await admin.post(`/api/portfolios/${id}/establishments`).send({ siret: '532 109 873 00010' });
    expect(one.body).toEqual({ added: ['53210987300010'], alreadyThere: [] });
    const em = env.orm.em.fork();
    for (const declaredSiret of ['53210987300010', '53210987300028', '53210987300036']) {
      em.create(DsnFiling, { declaringSiret: DEMO_SIRETS[0], declaredSiret, period: lastMonth, filedAt: new Date() });
    }
    await em.flush();
    const all = await admin.post(`/api/portfolios/${id}/establishments`).send({ siren: '532109873' });
    expect(all.body).toEqual({ added: ['53210987300028', '53210987300036'], alreadyThere: ['53210987300010'] });
    expect((await admin.get(`/api/portfolios/${id}`)).body.siretCount).toBe(3);
    expect(await actionsOn(id)).toEqual(['PORTFOLIO.CREATED', 'PORTFOLIO.ESTABLISHMENTS_ADDED', 'PORTFOLIO.ESTABLISHMENTS_ADDED']);
  });

  it('a SIREN adds no SIRET known only from another firm’s filings, and the list names only the establishments the company manages', async () => {
    const id = await clientPortfolio('Clients Durand');
    const [second, filedByDurand, filedByUs, filedLongAgo] = siretsOf(DURAND_SIREN, 12).filter((s) => s !== other.siret);
    const em = env.orm.em.fork();
    em.create(Establishment, {
      siret: second,
      company: other.companyId,
      name: 'Atelier Durand',
      address: '6 rue des Artisans, Nantes',
      status: EstablishmentStatus.ACTIVE,
      headOffice: false,
    });
    const filing = (declaringSiret: string, declaredSiret: string, period: string) => em.create(DsnFiling, { declaringSiret, declaredSiret, period, filedAt: new Date() });
    filing(other.siret, filedByDurand, lastMonth);
    filing(other.siret, other.siret, lastMonth);
    filing(DEMO_SIRETS[0], second, lastMonth);
    filing(DEMO_SIRETS[0], filedByUs, lastMonth);
    filing(DEMO_SIRETS[0], filedLongAgo, lookBackStart(new Date(), 8));
    await em.flush();

    const expected = [other.siret, second, filedByUs].sort();
    const added = await admin.post(`/api/portfolios/${id}/establishments`).send({ siren: '732 829 320' });
    expect(added.body).toEqual({ added: expected, alreadyThere: [] });
    const listed = await admin.get(`/api/portfolios/${id}/establishments`);
    expect(listed.body.map((e: { siret: string; name: string | null }) => [e.siret, e.name])).toEqual(
      expected.map((siret) => [siret, siret === second ? 'Atelier Durand' : null]),
    );
  });

  it.each([
    ['a wrong SIRET checksum', { siret: '53210987300011' }, 'siret', 'clé de contrôle'],
    ['a lost leading zero', { siret: '5321098730001' }, 'siret', 'zéro initial'],
    ['scientific notation', { siret: '5.32109873E+13' }, 'siret', 'notation scientifique'],
    ['a wrong SIREN checksum', { siren: '532109874' }, 'siren', 'clé de contrôle'],
    ['a SIREN nobody knows', { siren: '100000009' }, 'siren', 'Aucun établissement'],
    ['neither', {}, 'siret', 'SIRET'],
  ])('answers 400 with the precise message for %s', async (_case, body, field, fragment) => {
    const id = await clientPortfolio(`Erreurs ${field}`);
    const res = await admin.post(`/api/portfolios/${id}/establishments`).send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors[field]).toContain(fragment);
  });

  it('advises, without refusing, above 100 SIRETs', async () => {
    const id = await clientPortfolio('Gros cabinet');
    const sirets = siretsOf('100000009', 101);
    const em = env.orm.em.fork();
    for (const declaredSiret of sirets) em.create(DsnFiling, { declaringSiret: DEMO_SIRETS[0], declaredSiret, period: lastMonth, filedAt: new Date() });
    await em.flush();
    const res = await admin.post(`/api/portfolios/${id}/establishments`).send({ siren: '100000009' });
    expect(res.status).toBe(200);
    expect(res.body.added).toHaveLength(101);
    const portfolio = (await admin.get(`/api/portfolios/${id}`)).body;
    expect(portfolio.siretCount).toBe(101);
    expect(portfolio.advice).toContain('100 SIRET');
    await admin.delete(`/api/portfolios/${id}/establishments/${sirets[0]}`);
    expect((await admin.get(`/api/portfolios/${id}`)).body.advice).toBeNull();
  });

  it('adds and removes services; refuses unknown and DSN-inherited ones', async () => {
    const id = await clientPortfolio('Services');
    const added = await admin.post(`/api/portfolios/${id}/services`).send({ serviceCode: 'MCF' });
    expect(added.body.serviceCodes).toEqual(['MCF']);
    expect((await admin.post(`/api/portfolios/${id}/services`).send({ serviceCode: 'NOPE' })).body.errors.serviceCode).toBeDefined();
    expect((await admin.post(`/api/portfolios/${id}/services`).send({ serviceCode: 'DSN' })).body.code).toBe('PORTFOLIO.SERVICE_DSN_INHERITED');
    expect((await admin.delete(`/api/portfolios/${id}/services/MCF`)).status).toBe(204);
    expect((await admin.delete(`/api/portfolios/${id}/services/MCF`)).status).toBe(404);
    expect(await actionsOn(id)).toEqual(['PORTFOLIO.CREATED', 'PORTFOLIO.SERVICE_ADDED', 'PORTFOLIO.SERVICE_REMOVED']);
  });

  it('removes the habilitations granted through the portfolio when a SIRET or a service leaves it', async () => {
    const id = await clientPortfolio('Nettoyage');
    await admin.post(`/api/portfolios/${id}/establishments`).send({ siret: '53210987300010' });
    await admin.post(`/api/portfolios/${id}/establishments`).send({ siret: '53210987300028' });
    await admin.post(`/api/portfolios/${id}/services`).send({ serviceCode: 'MCF' });
    await admin.post(`/api/portfolios/${id}/services`).send({ serviceCode: 'PEPS' });
    const accountId = await bernardId();
    const grant = (siret: string, serviceCode: string) =>
      admin.put('/api/habilitations').send({ portfolioId: id, accountId, siret, serviceCode, canDeclare: true, canPay: true, canConsult: true });
    for (const siret of ['53210987300010', '53210987300028']) for (const code of ['MCF', 'PEPS']) expect((await grant(siret, code)).status).toBe(200);
    const remaining = async () =>
      (await env.orm.em.fork().find(Habilitation, { portfolio: id }, { orderBy: { siret: 'ASC', service: 'ASC' } })).map((h) => `${h.siret}/${h.service.code}`);

    expect((await admin.delete(`/api/portfolios/${id}/establishments/53210987300010`)).status).toBe(204);
    expect(await remaining()).toEqual(['53210987300028/MCF', '53210987300028/PEPS']);
    expect((await admin.delete(`/api/portfolios/${id}/services/PEPS`)).status).toBe(204);
    expect(await remaining()).toEqual(['53210987300028/MCF']);
    const events = await env.orm.em.fork().find(AuditEvent, { targetId: id, action: { $like: '%REMOVED' } }, { orderBy: { at: 'ASC' } });
    expect(events.map((e) => e.before)).toEqual([{ siret: '53210987300010', habilitations: 2 }, { serviceCode: 'PEPS', habilitations: 1 }]);
    expect((await admin.delete(`/api/portfolios/${id}`)).status).toBe(204);
    expect(await remaining()).toEqual([]);
  });
});

describe('portfolios scope', () => {
  it('an administrator gets 404 on every route with another company’s portfolio', async () => {
    const p = other.portfolioId;
    const answers = await Promise.all([
      admin.get(`/api/portfolios/${p}`),
      admin.put(`/api/portfolios/${p}`).send({ name: 'Pris' }),
      admin.delete(`/api/portfolios/${p}`),
      admin.get(`/api/portfolios/${p}/establishments`),
      admin.post(`/api/portfolios/${p}/establishments`).send({ siret: '53210987300010' }),
      admin.delete(`/api/portfolios/${p}/establishments/${other.siret}`),
      admin.post(`/api/portfolios/${p}/services`).send({ serviceCode: 'MCF' }),
      admin.delete(`/api/portfolios/${p}/services/PEPS`),
      admin.post('/api/portfolios').send({ name: 'Chez les autres', companyId: other.companyId }),
    ]);
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404, 404]);
    const list = await admin.get('/api/portfolios').query({ filter: JSON.stringify({ companyId: other.companyId }) });
    expect(list.body).toEqual([]);
    expect(await actionsOn(p)).toEqual([]);
  });

  it('a declarant gets 403 on every portfolio route', async () => {
    const declarant = await login(env.app, DECLARANT);
    const p = await demoPortfolioId(env.app);
    const answers = await Promise.all([
      declarant.get('/api/portfolios'),
      declarant.get(`/api/portfolios/${p}`),
      declarant.post('/api/portfolios').send({ name: 'Moi' }),
      declarant.put(`/api/portfolios/${p}`).send({ name: 'Moi' }),
      declarant.delete(`/api/portfolios/${p}`),
      declarant.get(`/api/portfolios/${p}/establishments`),
      declarant.post(`/api/portfolios/${p}/establishments`).send({ siret: DEMO_SIRETS[0] }),
      declarant.delete(`/api/portfolios/${p}/establishments/${DEMO_SIRETS[0]}`),
      declarant.post(`/api/portfolios/${p}/services`).send({ serviceCode: 'MCF' }),
      declarant.delete(`/api/portfolios/${p}/services/MCF`),
    ]);
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(403));
  });
});

describe('services catalogue', () => {
  it('is listed to anyone signed in and edited by support only, audited', async () => {
    const declarant = await login(env.app, DECLARANT);
    const list = await declarant.get('/api/services').query({ sort: '["code","ASC"]' });
    expect(list.status).toBe(200);
    expect(list.headers['content-range']).toBe('services 0-8/9');
    expect(list.body.find((s: { code: string }) => s.code === 'MCF')).toEqual({
      id: 'MCF',
      code: 'MCF',
      label: 'Mon Compte Formation — abondement',
      accessMode: 'SPECIFIC',
      checkDeclaringSiret: true,
      checkEmployees: true,
      active: true,
    });
    const many = await declarant.get('/api/services').query({ filter: JSON.stringify({ id: ['DSN', 'PEPS'] }) });
    expect(many.body.map((s: { id: string }) => s.id)).toEqual(['DSN', 'PEPS']);
    expect((await declarant.get('/api/services/NOPE')).status).toBe(404);

    const edit = { label: 'PEP’s', accessMode: 'SPECIFIC', checkDeclaringSiret: false, checkEmployees: true, active: true };
    expect((await admin.put('/api/services/PEPS').send(edit)).status).toBe(403);
    const support = await login(env.app, SUPPORT);
    const edited = await support.put('/api/services/PEPS').send(edit);
    expect(edited.body).toEqual({ id: 'PEPS', code: 'PEPS', ...edit });
    const [event] = await env.orm.em.fork().find(AuditEvent, { targetId: 'PEPS' });
    expect(event).toMatchObject({ action: 'SERVICE.UPDATED', actorLabel: 'Sophie SUPPORT', companyId: null });
    expect(event.before).toMatchObject({ checkEmployees: false });
    expect((await support.put('/api/services/PEPS').send({ ...edit, accessMode: 'SOMETIMES' })).body.errors.accessMode).toBeDefined();
  });
});
