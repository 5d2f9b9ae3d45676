import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { lookBackStart } from '../../domain/access/decision.policy';
import { Account, AccountRole, AccountStatus } from '../../domain/account/account.entity';
import { identityKey } from '../../domain/account/identity.rules';
import { Company, CompanyStatus } from '../../domain/company/company.entity';
import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import { DsnFiling } from '../../domain/dsn/dsn-filing.entity';
import { EmploymentRelation } from '../../domain/dsn/employment-relation.entity';
import { ensureCompanyPortfolio } from '../../domain/rights/company-portfolio';
import { AccessMode, DeclarativeService } from '../../domain/rights/declarative-service.entity';
import { Habilitation } from '../../domain/rights/habilitation.entity';
import { PortfolioEstablishment } from '../../domain/rights/portfolio-establishment.entity';
import { PortfolioService } from '../../domain/rights/portfolio-service.entity';
import { Portfolio, PortfolioKind } from '../../domain/rights/portfolio.entity';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { login, startIntegrationEnv, type IntegrationEnv } from '../helpers/integration';
import { waitFor } from '../helpers/eventually';
import { siretsOf } from '../helpers/rights.fixtures';

let env: IntegrationEnv;

const [support, admin, declarant] = [AccountRole.SUPPORT, AccountRole.ADMINISTRATOR, AccountRole.DECLARANT].map(
  (role) => DEMO_LOGINS.find((l) => l.role === role)!,
);
/** Company A (demo): head office files the DSN; the shop is its second establishment. */
const HEAD_OFFICE = '84271640900011';
const SHOP = '84271640900029';
/** Company B, created here. */
const B_SIRET = '73282932000074';

/** Client SIRETs (valid ones: a SIRET that cannot exist is a 400): each test takes its own, so tests do not see each other's facts. */
let nextClient = 0;
const clientSiret = () => siretsOf('990000000', ++nextClient)[nextClient - 1];

let luc: Account;
let claire: Account;
let bDeclarant: Account;
let companyPortfolioA: Portfolio;
let keyA: string;
let keyB: string;

interface Question {
  accountId: string;
  siret: string;
  service: string;
  right?: 'DECLARE' | 'PAY' | 'CONSULT';
  employeeIds?: string[];
}

const em = () => env.orm.em.fork();

async function createCompanyB(): Promise<Account> {
  const db = em();
  const company = db.create(Company, { siren: '732829320', legalName: 'Cabinet Durand', headOfficeAddress: '1 rue B, Paris', status: CompanyStatus.ACTIVE });
  const establishment = db.create(Establishment, { siret: B_SIRET, company, name: 'Siège B', address: '1 rue B, Paris', status: EstablishmentStatus.ACTIVE, headOffice: true });
  await ensureCompanyPortfolio(db, company, [B_SIRET]);
  const account = db.create(Account, {
    company,
    establishment,
    siret: B_SIRET,
    lastName: 'DURAND',
    firstName: 'Marie',
    identityKey: identityKey(B_SIRET, 'DURAND', 'Marie'),
    email: 'marie.durand@cabinet-durand.example',
    role: AccountRole.DECLARANT,
    status: AccountStatus.ACTIVE,
    passwordHash: 'not-used',
  });
  await db.flush();
  return account;
}

async function clientsPortfolio(sirets: string[], services: string[]): Promise<Portfolio> {
  const db = em();
  const portfolio = db.create(Portfolio, { company: luc.company.id, kind: PortfolioKind.CLIENTS, name: `Clients ${randomUUID()}` });
  await db.flush();
  await addToPortfolio(portfolio, sirets, services);
  return portfolio;
}

async function addToPortfolio(portfolio: Portfolio, sirets: string[], services: string[]): Promise<void> {
  const db = em();
  const p = db.getReference(Portfolio, portfolio.id);
  for (const siret of sirets) db.create(PortfolioEstablishment, { portfolio: p, siret });
  for (const code of services) db.create(PortfolioService, { portfolio: p, service: await db.findOneOrFail(DeclarativeService, { code }) });
  await db.flush();
}

/** A SPECIFIC service of the test's own, in the company portfolio. */
async function ownService(code: string): Promise<void> {
  const db = em();
  db.create(DeclarativeService, { code, label: code, accessMode: AccessMode.SPECIFIC });
  await db.flush();
  await addToPortfolio(companyPortfolioA, [], [code]);
}

async function grant(
  account: Account,
  siret: string,
  service: string,
  portfolio: Portfolio,
  rights: { canDeclare?: boolean; canPay?: boolean; canConsult?: boolean } = {},
): Promise<string> {
  const db = em();
  const habilitation = db.create(Habilitation, {
    account: db.getReference(Account, account.id),
    siret,
    service: await db.findOneOrFail(DeclarativeService, { code: service }),
    portfolio: db.getReference(Portfolio, portfolio.id),
    ...rights,
  });
  await db.flush();
  return habilitation.id;
}

/** A DSN for `declaredSiret`, for the month `monthsAgo` months before this one. */
async function file(declaringSiret: string, declaredSiret: string, monthsAgo: number, by?: Account): Promise<void> {
  const db = em();
  db.create(DsnFiling, {
    declaringSiret,
    declaredSiret,
    period: lookBackStart(new Date(), monthsAgo),
    filedAt: new Date(),
    declaringAccountId: by?.id ?? null,
  });
  await db.flush();
}

const withKey = (key: string) => ({ Authorization: `Bearer ${key}` });

/** Asks at once: what this process's own writes changed must already show. */
async function askNow(question: Question, key = keyA) {
  const res = await request(env.app).post('/api/access/decisions').set(withKey(key)).send(question);
  expect(res.status).toBe(200);
  return res.body as { allowed: boolean; basis: string | null; reason: string | null };
}

/**
 * Asks once the change feed has delivered what the test wrote straight into
 * the database (as another process would: a worker, another replica).
 */
async function ask(question: Question, key = keyA) {
  await env.accessCache.barrier();
  return askNow(question, key);
}

const allowed = (basis: string) => ({ allowed: true, basis, reason: null });
const denied = (reason: string) => ({ allowed: false, basis: null, reason });

beforeAll(async () => {
  env = await startIntegrationEnv();
  const db = em();
  luc = await db.findOneOrFail(Account, { lastName: declarant.lastName, firstName: declarant.firstName });
  claire = await db.findOneOrFail(Account, { lastName: admin.lastName, firstName: admin.firstName });
  companyPortfolioA = await db.findOneOrFail(Portfolio, { company: luc.company.id, kind: PortfolioKind.COMPANY });
  bDeclarant = await createCompanyB();
  const adminA = await login(env.app, admin);
  keyA = (await adminA.post('/api/api-keys').send({ name: 'Paie A' }).expect(201)).body.key;
  const supportAgent = await login(env.app, support);
  keyB = (await supportAgent.post('/api/api-keys').send({ name: 'Paie B', companyId: bDeclarant.company.id }).expect(201)).body.key;
});

afterAll(async () => {
  await env?.stop();
});

describe('access decisions: explicit habilitations', () => {
  it('through the API: grant → allowed; revoke → denied on the very next decision, though the answer was cached', async () => {
    await ownService('CACHE_API');
    const adminA = await login(env.app, admin);
    const question = { accountId: luc.id, siret: HEAD_OFFICE, service: 'CACHE_API' };
    expect(await ask(question)).toEqual(denied('NO_HABILITATION'));
    const cell = { portfolioId: companyPortfolioA.id, accountId: luc.id, siret: HEAD_OFFICE, serviceCode: 'CACHE_API' };

    await adminA.put('/api/habilitations').send({ ...cell, canDeclare: true, canPay: false, canConsult: true }).expect(200);
    expect(await askNow(question)).toEqual(allowed('EXPLICIT_HABILITATION'));
    // Once the feed has caught up with the write (under load it may lag behind the answer), the answer is kept.
    expect(await ask(question)).toEqual(allowed('EXPLICIT_HABILITATION'));
    const { hits } = env.accessCache.cache.stats();
    expect(await askNow(question)).toEqual(allowed('EXPLICIT_HABILITATION'));
    expect(env.accessCache.cache.stats().hits).toBe(hits + 1);

    await adminA.put('/api/habilitations').send({ ...cell, canDeclare: false, canPay: false, canConsult: true }).expect(200);
    expect(await askNow({ ...question, right: 'DECLARE' })).toEqual(denied('RIGHT_NOT_GRANTED'));
    const [row] = (await adminA.get('/api/habilitations').query({ filter: JSON.stringify({ accountId: luc.id, siret: HEAD_OFFICE, serviceCode: 'CACHE_API' }) })).body;
    await adminA.delete(`/api/habilitations/${row.id}`).expect(204);
    expect(await askNow(question)).toEqual(denied('NO_HABILITATION'));
  });

  it('a change committed by another process reaches the cache through the feed, and a lost feed empties the cache', async () => {
    await ownService('CACHE_FEED');
    const question = { accountId: luc.id, siret: SHOP, service: 'CACHE_FEED' };
    const id = await grant(luc, SHOP, 'CACHE_FEED', companyPortfolioA);
    expect(await ask(question)).toEqual(allowed('EXPLICIT_HABILITATION'));
    expect(await askNow(question)).toEqual(allowed('EXPLICIT_HABILITATION'));

    await env.orm.em.getConnection().execute('delete from habilitation where id = ?', [id]);
    await waitFor(async () => (await askNow(question)).reason === 'NO_HABILITATION', 5_000);

    await grant(luc, SHOP, 'CACHE_FEED', companyPortfolioA);
    expect(await ask(question)).toEqual(allowed('EXPLICIT_HABILITATION'));
    await env.orm.em
      .getConnection()
      .execute(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'listen access_changed' and datname = current_database()`);
    await waitFor(async () => !env.accessCache.cache.stats().open, 5_000);
    await waitFor(async () => env.accessCache.cache.stats().open, 5_000);
    expect(env.accessCache.cache.stats().companies).toBe(0);
    expect(await ask(question)).toEqual(allowed('EXPLICIT_HABILITATION'));
  });

  it('grant → allowed at once; flags unticked or row deleted → denied on the very next decision', async () => {
    await addToPortfolio(companyPortfolioA, [], ['PEPS']);
    const question = { accountId: luc.id, siret: SHOP, service: 'PEPS' };
    expect(await ask(question)).toEqual(denied('NO_HABILITATION'));

    const id = await grant(luc, SHOP, 'PEPS', companyPortfolioA, { canDeclare: true, canPay: false, canConsult: true });
    expect(await ask(question)).toEqual(allowed('EXPLICIT_HABILITATION'));
    expect(await ask({ ...question, right: 'DECLARE' })).toEqual(allowed('EXPLICIT_HABILITATION'));
    expect(await ask({ ...question, right: 'PAY' })).toEqual(denied('RIGHT_NOT_GRANTED'));

    await em().nativeUpdate(Habilitation, { id }, { canDeclare: false, canPay: false, canConsult: false });
    expect(await ask(question)).toEqual(denied('NO_HABILITATION'));

    await em().nativeUpdate(Habilitation, { id }, { canConsult: true });
    expect(await ask({ ...question, right: 'CONSULT' })).toEqual(allowed('EXPLICIT_HABILITATION'));
    await em().nativeDelete(Habilitation, { id });
    expect(await ask({ ...question, right: 'CONSULT' })).toEqual(denied('NO_HABILITATION'));
  });

  it('client portfolio rights do not leak: a habilitation counts only while its own portfolio holds the SIRET and the service', async () => {
    await addToPortfolio(companyPortfolioA, [], ['SOLTEA_ETAB']);
    const clients = await clientsPortfolio([HEAD_OFFICE], ['SOLTEA_ETAB']);
    await grant(luc, HEAD_OFFICE, 'SOLTEA_ETAB', clients);
    const question = { accountId: luc.id, siret: HEAD_OFFICE, service: 'SOLTEA_ETAB' };
    expect(await ask(question)).toEqual(allowed('EXPLICIT_HABILITATION'));

    await em().nativeDelete(PortfolioService, { portfolio: { id: clients.id }, service: { code: 'SOLTEA_ETAB' } });
    expect(await ask(question)).toEqual(denied('NO_HABILITATION'));

    await addToPortfolio(clients, [], ['SOLTEA_ETAB']);
    expect(await ask(question)).toEqual(allowed('EXPLICIT_HABILITATION'));
    await em().nativeDelete(PortfolioEstablishment, { portfolio: clients.id, siret: HEAD_OFFICE });
    expect(await ask(question)).toEqual(denied('NO_HABILITATION'));
  });

  it('SPECIFIC checks read the DSN links and the employment relations (MCF: both checks)', async () => {
    const client = clientSiret();
    const clients = await clientsPortfolio([client], ['MCF']);
    await grant(luc, client, 'MCF', clients);
    const question = { accountId: luc.id, siret: client, service: 'MCF' };
    expect(await ask(question)).toEqual(denied('DECLARING_SIRET_MISMATCH'));

    await file(B_SIRET, client, 1);
    expect(await ask(question)).toEqual(denied('DECLARING_SIRET_MISMATCH'));
    await file(HEAD_OFFICE, client, 1);
    expect(await ask(question)).toEqual(allowed('EXPLICIT_HABILITATION'));

    const db = em();
    db.create(EmploymentRelation, { employerSiret: client, employeeId: 'E-NOW', startDate: '2020-01-01', endDate: null });
    db.create(EmploymentRelation, { employerSiret: client, employeeId: 'E-LEFT', startDate: '2019-01-01', endDate: '2021-12-31' });
    db.create(EmploymentRelation, { employerSiret: client, employeeId: 'E-FUTURE', startDate: '2999-01-01', endDate: null });
    db.create(EmploymentRelation, { employerSiret: B_SIRET, employeeId: 'E-ELSEWHERE', startDate: '2020-01-01', endDate: null });
    await db.flush();
    expect(await ask({ ...question, employeeIds: ['E-NOW'] })).toEqual(allowed('EXPLICIT_HABILITATION'));
    for (const other of ['E-LEFT', 'E-FUTURE', 'E-ELSEWHERE', 'E-UNKNOWN']) {
      expect(await ask({ ...question, employeeIds: ['E-NOW', other] })).toEqual(denied('EMPLOYEE_NOT_EMPLOYED'));
    }
  });

  it('names unknown and inactive services', async () => {
    expect(await ask({ accountId: luc.id, siret: SHOP, service: 'NOPE' })).toEqual(denied('UNKNOWN_SERVICE'));
    await em().nativeUpdate(DeclarativeService, { code: 'BONUS_MALUS' }, { active: false });
    expect(await ask({ accountId: luc.id, siret: SHOP, service: 'BONUS_MALUS' })).toEqual(denied('SERVICE_INACTIVE'));
    await em().nativeUpdate(DeclarativeService, { code: 'BONUS_MALUS' }, { active: true });
  });
});

describe('access decisions: DSN links', () => {
  it('implicit mandate: a filing 5 months old → allowed, 7 months old → denied', async () => {
    const [recent, old] = [clientSiret(), clientSiret()];
    await file(HEAD_OFFICE, recent, 5);
    await file(HEAD_OFFICE, old, 7);
    expect(await ask({ accountId: luc.id, siret: recent, service: 'SOLTEA_EMPL' })).toEqual(allowed('IMPLICIT_MANDATE_DSN'));
    expect(await ask({ accountId: luc.id, siret: old, service: 'SOLTEA_EMPL' })).toEqual(denied('SERVICE_NOT_IN_PORTFOLIO'));
  });

  it('DSN_INHERITED: a declarant acts only on the SIRETs of his own filings', async () => {
    const [his, colleagues] = [clientSiret(), clientSiret()];
    await file(HEAD_OFFICE, his, 2, luc);
    await file(SHOP, colleagues, 2, claire);
    expect(await ask({ accountId: luc.id, siret: his, service: 'DSN' })).toEqual(allowed('DSN_INHERITED'));
    expect(await ask({ accountId: luc.id, siret: his, service: 'ATMP_RATES' })).toEqual(allowed('DSN_INHERITED'));
    expect(await ask({ accountId: luc.id, siret: colleagues, service: 'DSN' })).toEqual(denied('NOT_OWN_FILING'));
    expect(await ask({ accountId: claire.id, siret: his, service: 'DSN' })).toEqual(denied('NOT_OWN_FILING'));
    expect(await ask({ accountId: luc.id, siret: clientSiret(), service: 'DSN' })).toEqual(denied('SIRET_NOT_IN_DSN'));
  });
});

describe('access decisions: "manages" needs evidence, not a claim', () => {
  /** A SPECIFIC service checking the employees named, and not the declaring SIRET. */
  const EMPLOYEES_CHECKED = 'EMPLOYEES_CHECKED';

  beforeAll(async () => {
    const db = em();
    db.create(DeclarativeService, { code: EMPLOYEES_CHECKED, label: EMPLOYEES_CHECKED, accessMode: AccessMode.SPECIFIC, checkEmployees: true });
    await db.flush();
  });

  it('a SIRET only typed into a client portfolio: its specific rights work, but the employees’ check tells nothing of who works there', async () => {
    const claimed = clientSiret();
    const db = em();
    db.create(EmploymentRelation, { employerSiret: claimed, employeeId: 'E-THERE', startDate: '2020-01-01', endDate: null });
    await db.flush();
    const clients = await clientsPortfolio([claimed], [EMPLOYEES_CHECKED]);
    await grant(luc, claimed, EMPLOYEES_CHECKED, clients);
    const question = { accountId: luc.id, siret: claimed, service: EMPLOYEES_CHECKED };
    expect(await ask(question)).toEqual(allowed('EXPLICIT_HABILITATION'));
    expect(await ask({ ...question, employeeIds: ['E-THERE'] })).toEqual(denied('SIRET_NOT_MANAGED'));
    expect(await ask({ ...question, employeeIds: ['E-NOBODY'] })).toEqual(denied('SIRET_NOT_MANAGED'));

    await file(HEAD_OFFICE, claimed, 1);
    expect(await ask({ ...question, employeeIds: ['E-THERE'] })).toEqual(allowed('EXPLICIT_HABILITATION'));
    expect(await ask({ ...question, employeeIds: ['E-NOBODY'] })).toEqual(denied('EMPLOYEE_NOT_EMPLOYED'));
  });

  it('an own establishment is evidence enough for the employees’ check, with no DSN filed', async () => {
    await addToPortfolio(companyPortfolioA, [], [EMPLOYEES_CHECKED]);
    await grant(luc, SHOP, EMPLOYEES_CHECKED, companyPortfolioA);
    const db = em();
    db.create(EmploymentRelation, { employerSiret: SHOP, employeeId: 'E-SHOP', startDate: '2020-01-01', endDate: null });
    await db.flush();
    const question = { accountId: luc.id, siret: SHOP, service: EMPLOYEES_CHECKED };
    expect(await ask({ ...question, employeeIds: ['E-SHOP'] })).toEqual(allowed('EXPLICIT_HABILITATION'));
    expect(await ask({ ...question, employeeIds: ['E-THERE'] })).toEqual(denied('EMPLOYEE_NOT_EMPLOYED'));
  });

  it('a filing crediting an account from another company’s SIRET (stored before imports refused it) opens nothing to that account; the filing firm keeps its mandate', async () => {
    const siret = clientSiret();
    await file(HEAD_OFFICE, siret, 1, bDeclarant);
    expect(await ask({ accountId: bDeclarant.id, siret, service: 'DSN' }, keyB)).toEqual(denied('SIRET_NOT_IN_DSN'));
    expect(await ask({ accountId: bDeclarant.id, siret, service: 'SOLTEA_EMPL' }, keyB)).toEqual(denied('SERVICE_NOT_IN_PORTFOLIO'));
    expect(await ask({ accountId: luc.id, siret, service: 'SOLTEA_EMPL' })).toEqual(allowed('IMPLICIT_MANDATE_DSN'));
    expect(await ask({ accountId: luc.id, siret, service: 'DSN' })).toEqual(denied('NOT_OWN_FILING'));
  });
});

describe('access decisions: batch', () => {
  it('answers ~50 mixed questions exactly as the single route does, in order', async () => {
    const [x1, x2, x3] = [clientSiret(), clientSiret(), clientSiret()];
    const clients = await clientsPortfolio([x1, x2], ['PEPS', 'SOLTEA_EMPL', 'MCF']);
    await grant(luc, x1, 'PEPS', clients, { canDeclare: true, canPay: false, canConsult: false });
    await grant(luc, x2, 'MCF', clients, { canDeclare: true, canPay: true, canConsult: true });
    await file(HEAD_OFFICE, x1, 2, luc);
    await file(HEAD_OFFICE, x2, 8);
    await file(B_SIRET, x3, 1, bDeclarant);
    const db = em();
    db.create(EmploymentRelation, { employerSiret: x2, employeeId: 'E-1', startDate: '2020-01-01' });
    await db.flush();

    const rights = [undefined, 'DECLARE', 'PAY', 'CONSULT'] as const;
    const questions: Question[] = [];
    for (const accountId of [luc.id, claire.id, bDeclarant.id, randomUUID()]) {
      for (const siret of [x1, x2, x3]) {
        for (const service of ['DSN', 'SOLTEA_EMPL', 'PEPS', 'MCF', 'NOPE']) {
          const i = questions.length;
          questions.push({ accountId, siret, service, ...(rights[i % 4] ? { right: rights[i % 4] } : {}), ...(i % 3 ? {} : { employeeIds: ['E-1', `E-${i}`] }) });
        }
      }
    }
    const batch = await request(env.app).post('/api/access/decisions/batch').set(withKey(keyA)).send({ questions });
    expect(batch.status).toBe(200);
    const singles = [];
    for (const q of questions) singles.push(await ask(q));
    expect(batch.body.decisions).toEqual(singles);
    const outcomes = new Set(singles.map((d) => d.basis ?? d.reason));
    expect(outcomes.size).toBeGreaterThanOrEqual(7);
  });

  it('refuses more than 1000 questions (400) and an empty batch', async () => {
    const question = { accountId: luc.id, siret: SHOP, service: 'PEPS' };
    const tooMany = await request(env.app)
      .post('/api/access/decisions/batch')
      .set(withKey(keyA))
      .send({ questions: Array.from({ length: 1001 }, () => question) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors.questions).toMatch(/1000/);
    const full = await request(env.app)
      .post('/api/access/decisions/batch')
      .set(withKey(keyA))
      .send({ questions: Array.from({ length: 1000 }, () => question) });
    expect(full.status).toBe(200);
    expect(full.body.decisions).toHaveLength(1000);
    expect((await request(env.app).post('/api/access/decisions/batch').set(withKey(keyA)).send({ questions: [] })).status).toBe(400);
  });
});

describe('access decisions: callers and isolation', () => {
  it('an API key of company A asking about company B’s declarant gets UNKNOWN_ACCOUNT; B’s key and support get the real answer', async () => {
    const bClient = clientSiret();
    await file(B_SIRET, bClient, 1, bDeclarant);
    const question = { accountId: bDeclarant.id, siret: bClient, service: 'DSN' };
    expect(await ask(question, keyA)).toEqual(denied('UNKNOWN_ACCOUNT'));
    expect(await ask(question, keyB)).toEqual(allowed('DSN_INHERITED'));
    expect(await ask({ accountId: luc.id, siret: SHOP, service: 'DSN' }, keyB)).toEqual(denied('UNKNOWN_ACCOUNT'));

    const adminA = await login(env.app, admin);
    expect((await adminA.post('/api/access/decisions').send(question)).body).toEqual(denied('UNKNOWN_ACCOUNT'));
    const supportAgent = await login(env.app, support);
    expect((await supportAgent.post('/api/access/decisions').send(question)).body).toEqual(allowed('DSN_INHERITED'));
    const batch = await adminA.post('/api/access/decisions/batch').send({ questions: [question] });
    expect(batch.body).toEqual({ decisions: [denied('UNKNOWN_ACCOUNT')] });
  });

  it('refuses a missing (401), unknown or revoked key (401), and a declarant session (403)', async () => {
    const question = { accountId: luc.id, siret: SHOP, service: 'PEPS' };
    for (const path of ['/api/access/decisions', '/api/access/decisions/batch']) {
      const body = path.endsWith('batch') ? { questions: [question] } : question;
      const none = await request(env.app).post(path).send(body);
      expect(none.status).toBe(401);
      expect(none.body.code).toBe('AUTH.UNAUTHENTICATED');
      for (const header of [`Bearer bo_00000000_${'x'.repeat(43)}`, 'Bearer', `Basic ${keyA}`]) {
        const wrong = await request(env.app).post(path).set('Authorization', header).send(body);
        expect(wrong.status).toBe(401);
        expect(wrong.body.code).toBe('AUTH.INVALID_API_KEY');
      }
      const declarantSession = await login(env.app, declarant);
      const forbidden = await declarantSession.post(path).send(body);
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.code).toBe('AUTH.FORBIDDEN');
    }

    const adminA = await login(env.app, admin);
    const created = await adminA.post('/api/api-keys').send({ name: 'Bientôt révoquée' }).expect(201);
    expect((await request(env.app).post('/api/access/decisions').set(withKey(created.body.key)).send(question)).status).toBe(200);
    await adminA.delete(`/api/api-keys/${created.body.id}`).expect(204);
    const revoked = await request(env.app).post('/api/access/decisions').set(withKey(created.body.key)).send(question);
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('AUTH.INVALID_API_KEY');
  });

  it('refuses a SIRET that cannot exist with the identifier rules’ own message, on both routes, single and batch (400 naming the field); an unknown service is a denial of its own', async () => {
    const wrongChecksum = '84271640900012';
    const message = `SIRET ${wrongChecksum} invalide : la clé de contrôle ne correspond pas.`;
    const good = { accountId: luc.id, siret: SHOP, service: 'PEPS' };
    const questions = [good, good, good, { ...good, siret: wrongChecksum }, { ...good, siret: '8427164090001' }];
    const adminA = await login(env.app, admin);
    const callers = [
      ['API key', (path: string) => request(env.app).post(path).set(withKey(keyA))],
      ['session', (path: string) => adminA.post(path)],
    ] as const;
    for (const [caller, post] of callers) {
      const single = await post('/api/access/decisions').send({ ...good, siret: wrongChecksum });
      expect({ caller, status: single.status, body: single.body }).toEqual({
        caller,
        status: 400,
        body: { code: 'VALIDATION.FAILED', message: expect.any(String), errors: { siret: message } },
      });
      const batch = await post('/api/access/decisions/batch').send({ questions });
      expect({ caller, status: batch.status, errors: batch.body.errors }).toEqual({
        caller,
        status: 400,
        errors: { 'questions.3.siret': message, 'questions.4.siret': expect.stringContaining('zéro initial') },
      });
      const spaced = await post('/api/access/decisions').send({ ...good, siret: '842 716 409 00029' });
      expect({ caller, status: spaced.status }).toEqual({ caller, status: 200 });
      const unknownService = await post('/api/access/decisions/batch').send({ questions: [good, { ...good, service: 'NOPE' }] });
      expect({ caller, decisions: unknownService.body.decisions?.[1] }).toEqual({ caller, decisions: denied('UNKNOWN_SERVICE') });
    }
  });

  it('validates the question (400 with field errors)', async () => {
    const res = await request(env.app).post('/api/access/decisions').set(withKey(keyA)).send({ accountId: 'x', siret: '123', service: 'PEPS', right: 'ALL' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['accountId', 'right', 'siret']);
    const post = () => request(env.app).post('/api/access/decisions').set(withKey(keyA)).set('Content-Type', 'application/json');
    const malformed = await post().send('{"accountId": ');
    expect([malformed.status, malformed.body.code]).toEqual([400, 'REQUEST.MALFORMED_JSON']);
    const huge = await post().send(JSON.stringify({ padding: 'x'.repeat(1024 * 1024) }));
    expect([huge.status, huge.body.code]).toEqual([413, 'REQUEST.TOO_LARGE']);
    const notJson = await request(env.app).post('/api/access/decisions').set(withKey(keyA)).set('Content-Type', 'text/plain').send('hello');
    expect([notJson.status, notJson.body.code]).toEqual([400, 'VALIDATION.FAILED']);
  });
});

describe('GET /api/me/access', () => {
  it('lists, per service, the SIRETs the signed-in declarant may act for and why', async () => {
    const [own, colleagues, habilitated, old] = [clientSiret(), clientSiret(), clientSiret(), clientSiret()];
    await file(HEAD_OFFICE, own, 1, luc);
    await file(HEAD_OFFICE, colleagues, 3, claire);
    await file(HEAD_OFFICE, old, 7, luc);
    const clients = await clientsPortfolio([habilitated], ['PEPS']);
    await grant(luc, habilitated, 'PEPS', clients);

    const res = await (await login(env.app, declarant)).get('/api/me/access');
    expect(res.status).toBe(200);
    const sirets = (code: string) => (res.body as Array<{ serviceCode: string; sirets: unknown[] }>).find((s) => s.serviceCode === code)?.sirets ?? [];
    expect(res.body.find((s: { serviceCode: string }) => s.serviceCode === 'DSN')).toMatchObject({ label: expect.any(String), accessMode: 'DSN_INHERITED' });
    expect(sirets('DSN')).toContainEqual({ siret: own, basis: 'DSN_INHERITED' });
    expect(sirets('ATMP_RATES')).toContainEqual({ siret: own, basis: 'DSN_INHERITED' });
    expect(sirets('SOLTEA_EMPL')).toEqual(expect.arrayContaining([{ siret: own, basis: 'IMPLICIT_MANDATE_DSN' }, { siret: colleagues, basis: 'IMPLICIT_MANDATE_DSN' }]));
    expect(sirets('PEPS')).toContainEqual({ siret: habilitated, basis: 'EXPLICIT_HABILITATION' });
    const all = (res.body as Array<{ sirets: Array<{ siret: string }> }>).flatMap((s) => s.sirets.map((x) => x.siret));
    expect(all).not.toContain(old);
    expect(sirets('DSN')).not.toContainEqual(expect.objectContaining({ siret: colleagues }));
    expect(sirets('PEPS')).not.toContainEqual(expect.objectContaining({ siret: own }));

    expect((await request(env.app).get('/api/me/access')).status).toBe(401);
  });
});
