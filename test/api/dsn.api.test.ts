import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { lookBackStart } from '../../domain/access/decision.policy';
import { Account, AccountRole } from '../../domain/account/account.entity';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { DsnFiling } from '../../domain/dsn/dsn-filing.entity';
import { EmploymentRelation } from '../../domain/dsn/employment-relation.entity';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { seedDemoRights } from '../../domain/seed/demo-rights';
import { Habilitation } from '../../domain/rights/habilitation.entity';
import { PortfolioEstablishment } from '../../domain/rights/portfolio-establishment.entity';
import { login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';
import { createOtherCompany, siretsOf, type OtherCompany } from '../helpers/rights.fixtures';

let env: IntegrationEnv;
let support: Agent;
let admin: Agent;
let declarant: Agent;
/** Menuiserie Durand, registered here: its own establishment is the SIRET the demo company only typed into its client portfolio. */
let durand: OtherCompany;
let durandAdmin: Agent;

const [supportLogin, adminLogin, declarantLogin] = [AccountRole.SUPPORT, AccountRole.ADMINISTRATOR, AccountRole.DECLARANT].map(
  (role) => DEMO_LOGINS.find((l) => l.role === role)!,
);

/**
 * The demo company's establishments; its client portfolio's SIRETs: one whose
 * DSN it files, one it filed 8 months ago (beyond the look-back), one only
 * typed in (Menuiserie Durand's, which files its own); SIRETs it has nothing
 * to do with.
 */
const HEAD_OFFICE = '84271640900011';
const SHOP = '84271640900029';
const CLIENT_FILED = '53210987300010';
const CLIENT_LAPSED = '53210987300028';
const CLIENT = '73282932000074';
const UNRELATED = '10000000900017';
const STRANGER = '53210987300036';

beforeAll(async () => {
  env = await startIntegrationEnv();
  await seedDemoRights(env.orm.em.fork());
  durand = await createOtherCompany(env.orm);
  [support, admin, declarant, durandAdmin] = await Promise.all([
    login(env.app, supportLogin),
    login(env.app, adminLogin),
    login(env.app, declarantLogin),
    login(env.app, durand.admin),
  ]);
});

afterAll(async () => {
  await env?.stop();
});

const csv = (agent: Agent, path: string, body: string | Buffer) => agent.post(path).set('Content-Type', 'text/csv').send(body);
const list = (agent: Agent, resource: string, filter: object = {}, sort?: [string, 'ASC' | 'DESC']) =>
  agent.get(`/api/${resource}`).query({ filter: JSON.stringify(filter), range: '[0,199]', ...(sort ? { sort: JSON.stringify(sort) } : {}) });
const total = (res: request.Response) => Number(/\/(\d+)$/.exec(res.headers['content-range'])?.[1]);

const FILINGS = [
  'declaringSiret;declaredSiret;period;filedAt;declaringAccountId',
  `${HEAD_OFFICE};${STRANGER};2024-10;2024-11-05;`,
  `${CLIENT};${STRANGER};2024-10;2024-11-05T10:00:00Z;`,
  `${HEAD_OFFICE};${STRANGER};2024-10;2024-11-06;`,
  `84271640900012;${STRANGER};2024-10;2024-11-05;`,
  `${HEAD_OFFICE};${STRANGER};2024-13;2024-11-05;`,
  `${HEAD_OFFICE};${STRANGER};2024-11;2024-12-05;not-a-uuid`,
  '',
  `${UNRELATED};${UNRELATED};2024-09;05/10/2024;`,
].join('\n');

const FILING_REJECTIONS = [
  { line: 5, reason: 'declaringSiret : SIRET 84271640900012 invalide : la clé de contrôle ne correspond pas.' },
  { line: 6, reason: 'period : période « 2024-13 » invalide : mois AAAA-MM attendu (ex. 2026-01) ; formatez la colonne en texte.' },
  { line: 7, reason: 'declaringAccountId : identifiant de compte « not-a-uuid » invalide : UUID attendu.' },
];

describe('POST /api/dsn-filings/import', () => {
  it('applies the good lines, counts the duplicates, reports each bad line; a re-import changes nothing', async () => {
    const first = await csv(support, '/api/dsn-filings/import', FILINGS);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      outcome: 'PARTIAL',
      message: expect.stringMatching(/^Import partiel : 4 lignes valides appliquées \(3 nouvelles, 1 déjà présente\) ; 3 lignes rejetées/),
      imported: 3,
      updated: 0,
      duplicates: 1,
      rejected: FILING_REJECTIONS,
      rejectedCount: 3,
    });
    const again = await csv(support, '/api/dsn-filings/import', FILINGS);
    expect(again.body).toMatchObject({ outcome: 'PARTIAL', imported: 0, duplicates: 4, rejected: FILING_REJECTIONS });
    expect(await env.orm.em.fork().count(DsnFiling, { declaredSiret: STRANGER })).toBe(2);
    const audit = await env.orm.em.fork().find(AuditEvent, { action: 'DSN_FILINGS.IMPORTED' }, { orderBy: { at: 'ASC' } });
    expect(audit.map((e) => [e.actorLabel, e.after])).toEqual([
      ['Sophie SUPPORT', { outcome: 'PARTIAL', imported: 3, updated: 0, duplicates: 1, rejectedCount: 3 }],
      ['Sophie SUPPORT', { outcome: 'PARTIAL', imported: 0, updated: 0, duplicates: 4, rejectedCount: 3 }],
    ]);
  });

  it('refuses a file without the expected header, and a body that is not CSV', async () => {
    const header = await csv(support, '/api/dsn-filings/import', 'siret;period\n84271640900011;2024-01\n');
    expect(header.status).toBe(400);
    expect(header.body).toEqual({
      code: 'DSN_IMPORT.BAD_HEADER',
      message: 'En-tête invalide (colonnes manquantes : declaringSiret, declaredSiret, filedAt) : la première ligne doit nommer les colonnes declaringSiret;declaredSiret;period;filedAt;declaringAccountId.',
    });
    expect((await csv(support, '/api/dsn-filings/import', '')).body.code).toBe('DSN_IMPORT.EMPTY');
    const xml = await support.post('/api/dsn-filings/import').set('Content-Type', 'application/xml').send('<a/>');
    expect(xml.status).toBe(400);
    expect(xml.body.code).toBe('DSN_IMPORT.NOT_CSV');
  });

  it('is for support only', async () => {
    for (const path of ['/api/dsn-filings/import', '/api/employment-relations/import']) {
      for (const agent of [admin, declarant]) {
        const res = await csv(agent, path, FILINGS);
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('AUTH.FORBIDDEN');
      }
      expect((await request(env.app).post(path).set('Content-Type', 'text/csv').send(FILINGS)).status).toBe(401);
    }
  });
});

describe('POST /api/employment-relations/import', () => {
  const path = '/api/employment-relations/import';

  it('reads a comma-separated file with BOM and CRLF; refuses a NIR; later brings an end date without erasing it again', async () => {
    const file = ['\ufeffemployerSiret,employeeId,startDate,endDate', `${SHOP},SAL-T3ST01,2024-01-15,`, `${STRANGER},SAL-T3ST02,01/02/2024,`, `${SHOP},1 85 05 78 006 048 36,2024-01-15,`].join('\r\n');
    const first = await csv(support, path, Buffer.from(file, 'utf8'));
    expect(first.body).toMatchObject({
      outcome: 'PARTIAL',
      imported: 2,
      duplicates: 0,
      rejected: [{ line: 4, reason: 'employeeId : ressemble à un NIR (numéro de sécurité sociale) : seul un identifiant pseudonyme est accepté, jamais un NIR en clair.' }],
    });

    const ended = await csv(support, path, `employerSiret;employeeId;startDate;endDate\n${SHOP};SAL-T3ST01;2024-01-15;2025-06-30\n`);
    expect(ended.body).toMatchObject({ outcome: 'OK', imported: 0, updated: 1, duplicates: 0, rejected: [], message: 'Import complet : 1 ligne valide appliquée (0 nouvelle, 1 mise à jour, 0 déjà présente).' });
    const replayed = await csv(support, path, Buffer.from(file, 'utf8'));
    expect(replayed.body).toMatchObject({ imported: 0, updated: 0, duplicates: 2 });
    const row = await env.orm.em.fork().findOneOrFail(EmploymentRelation, { employeeId: 'SAL-T3ST01' });
    expect(row.endDate).toBe('2025-06-30');
  });

  it('streams a file larger than one batch, idempotently', async () => {
    const lines = Array.from({ length: 12_000 }, (_, i) => `${CLIENT};EMP-${String(i).padStart(6, '0')};2023-01-01;`);
    const file = ['employerSiret;employeeId;startDate;endDate', ...lines].join('\n');
    expect((await csv(support, path, file)).body).toMatchObject({ outcome: 'OK', imported: 12_000, duplicates: 0 });
    expect((await csv(support, path, file)).body).toMatchObject({ outcome: 'OK', imported: 0, duplicates: 12_000 });
  });
});

describe('control services', () => {
  it('support sees every link; an administrator only those about SIRETs his company manages', async () => {
    const all = await list(support, 'dsn-links', {}, ['period', 'ASC']);
    expect(all.status).toBe(200);
    const sirets = new Set(all.body.map((l: { declaredSiret: string }) => l.declaredSiret));
    expect(sirets).toEqual(new Set([HEAD_OFFICE, SHOP, CLIENT_FILED, CLIENT_LAPSED, CLIENT, UNRELATED, STRANGER]));

    const mine = await list(admin, 'dsn-links');
    expect(total(mine)).toBe(mine.body.length);
    const managed = new Set([HEAD_OFFICE, SHOP, CLIENT_FILED]);
    for (const link of mine.body) expect(managed.has(link.declaredSiret) || [HEAD_OFFICE, SHOP].includes(link.declaringSiret)).toBe(true);
    expect(mine.body.filter((l: { declaredSiret: string }) => l.declaredSiret === STRANGER)).toEqual([
      { id: expect.any(String), declaringSiret: HEAD_OFFICE, declaredSiret: STRANGER, period: '2024-10', filedAt: '2024-11-05T00:00:00.000Z', declaringAccountId: null },
    ]);
    expect(total(all) - total(mine)).toBe(8);
  });

  it('a SIRET typed into a client portfolio is no evidence: the demo company sees nothing of the client whose DSN it never filed, of the one it stopped filing only its own old filing', async () => {
    expect(total(await list(support, 'dsn-links', { declaredSiret: CLIENT }))).toBe(3);
    expect(total(await list(admin, 'dsn-links', { declaredSiret: CLIENT }))).toBe(0);
    expect(total(await list(support, 'dsn-links', { declaringSiret: CLIENT }))).toBe(4);
    expect(total(await list(admin, 'dsn-links', { declaringSiret: CLIENT }))).toBe(0);
    expect(total(await list(support, 'employment-relations', { employerSiret: CLIENT }))).toBe(12_000);
    expect(total(await list(admin, 'employment-relations', { employerSiret: CLIENT }))).toBe(0);

    const lapsed = `employerSiret;employeeId;startDate;endDate\n${CLIENT_LAPSED};SAL-L4PS3D;2023-01-01;\n`;
    expect((await csv(support, '/api/employment-relations/import', lapsed)).body).toMatchObject({ outcome: 'OK', imported: 1 });
    expect(total(await list(support, 'employment-relations', { employerSiret: CLIENT_LAPSED }))).toBe(1);
    expect(total(await list(admin, 'employment-relations', { employerSiret: CLIENT_LAPSED }))).toBe(0);
    expect((await list(admin, 'dsn-links', { declaredSiret: CLIENT_LAPSED })).body.map((l: { declaringSiret: string }) => l.declaringSiret)).toEqual([HEAD_OFFICE]);
    expect((await list(admin, 'employment-relations', { employerSiret: CLIENT_FILED })).body.map((r: { employeeId: string }) => r.employeeId)).toEqual(['SAL-Q5V1JE']);
  });

  it('a new company claiming another’s establishment in a client portfolio learns neither its employees nor who files its DSN, by filter, id or count', async () => {
    const portfolio = await durandAdmin.post('/api/portfolios').send({ name: 'Clients revendiqués' }).expect(201);
    await durandAdmin.post(`/api/portfolios/${portfolio.body.id}/establishments`).send({ siret: SHOP }).expect(200);

    const employees = await list(support, 'employment-relations', { employerSiret: SHOP });
    const links = await list(support, 'dsn-links', { declaredSiret: SHOP });
    expect([total(employees), total(links)]).toEqual([2, 3]);
    expect(links.body.map((l: { declaringAccountId: string | null }) => l.declaringAccountId)).toEqual(Array(3).fill(expect.any(String)));
    for (const [resource, filter] of [
      ['employment-relations', { employerSiret: SHOP }],
      ['employment-relations', { employerSiret: '842716409' }],
      ['employment-relations', { employeeId: 'SAL-H9C3LN' }],
      ['employment-relations', { id: employees.body.map((r: { id: string }) => r.id) }],
      ['dsn-links', { declaredSiret: SHOP }],
      ['dsn-links', { declaringSiret: HEAD_OFFICE }],
      ['dsn-links', { id: links.body.map((l: { id: string }) => l.id) }],
    ] as const) {
      const res = await list(durandAdmin, resource, filter);
      expect({ resource, filter, status: res.status, total: total(res) }).toEqual({ resource, filter, status: 200, total: 0 });
    }
    const own = await list(durandAdmin, 'dsn-links');
    expect(total(own)).toBe(4);
    for (const link of own.body) expect([link.declaredSiret, link.declaringSiret]).toContain(CLIENT);
    const ownEmployees = await list(durandAdmin, 'employment-relations', { employerSiret: CLIENT });
    expect(total(ownEmployees)).toBe(12_000);
  });

  it('never reveals a link about a SIRET the administrator does not manage, even asked by filter or id', async () => {
    const unrelated = await list(support, 'dsn-links', { declaredSiret: UNRELATED });
    expect(total(unrelated)).toBe(4);
    expect(total(await list(admin, 'dsn-links', { declaredSiret: UNRELATED }))).toBe(0);
    expect(total(await list(admin, 'dsn-links', { id: unrelated.body.map((l: { id: string }) => l.id) }))).toBe(0);
  });

  it('filters links by declared SIRET (or its SIREN) and by declaring SIRET, named as the record’s fields, spaces allowed', async () => {
    const shop = await list(admin, 'dsn-links', { declaredSiret: SHOP }, ['period', 'ASC']);
    expect(shop.body).toHaveLength(3);
    expect(shop.body.map((l: { period: string }) => l.period)).toEqual([...shop.body.map((l: { period: string }) => l.period)].sort());
    expect(total(await list(admin, 'dsn-links', { declaredSiret: '842716409' }))).toBe(6);
    expect(total(await list(admin, 'dsn-links', { declaringSiret: HEAD_OFFICE }))).toBe(11);
    const bad = await list(admin, 'dsn-links', { declaredSiret: '8427x' });
    expect(bad.status).toBe(400);
    const spaced = await list(admin, 'dsn-links', { declaredSiret: '842 716 409 00029', declaringSiret: '842 716 409' });
    expect(spaced.body).toEqual((await list(admin, 'dsn-links', { declaredSiret: SHOP, declaringSiret: '842716409' })).body);
    expect(spaced.body.length).toBeGreaterThan(0);
    const old = await list(admin, 'dsn-links', { siret: SHOP });
    expect([old.status, old.body.code, Object.keys(old.body.errors)]).toEqual([400, 'VALIDATION.UNKNOWN_FIELD', ['filter.siret']]);
  });

  it('limits employment relations the same way, filters by employer and employee', async () => {
    expect(total(await list(support, 'employment-relations', { employerSiret: STRANGER }))).toBe(1);
    expect(total(await list(admin, 'employment-relations', { employerSiret: STRANGER }))).toBe(0);
    expect(total(await list(admin, 'employment-relations', { employerSiret: UNRELATED }))).toBe(0);
    const ended = await list(admin, 'employment-relations', { employeeId: 'SAL-T3ST01' });
    expect(ended.body).toEqual([{ id: expect.any(String), employerSiret: SHOP, employeeId: 'SAL-T3ST01', startDate: '2024-01-15', endDate: '2025-06-30' }]);
    const own = await list(admin, 'employment-relations', { employerSiret: HEAD_OFFICE }, ['startDate', 'ASC']);
    expect(own.body.map((r: { employeeId: string }) => r.employeeId)).toEqual(['SAL-7K2Q9X', 'SAL-R2D6WB', 'SAL-M4T8PZ']);
    expect((await list(admin, 'employment-relations', { employerSiret: '842 716 409 00011' }, ['startDate', 'ASC'])).body).toEqual(own.body);
  });

  it('is closed to declarants', async () => {
    for (const resource of ['dsn-links', 'employment-relations']) {
      const res = await list(declarant, resource);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('AUTH.FORBIDDEN');
    }
  });
});

describe('a DSN filing credits only an account of its declaring SIRET’s company', () => {
  const month = lookBackStart(new Date(), 1).slice(0, 7);
  const filedAt = new Date().toISOString();
  const filings = (...lines: string[][]) => ['declaringSiret;declaredSiret;period;filedAt;declaringAccountId', ...lines.map((l) => l.join(';'))].join('\n');
  const decide = (key: string, question: object) => request(env.app).post('/api/access/decisions').set('Authorization', `Bearer ${key}`).send(question);

  it('rejects, with its number and reason, a line crediting another company’s declarant or an unknown account; the others apply, and that declarant gains nothing', async () => {
    const keyDurand = (await support.post('/api/api-keys').send({ name: 'Paie Durand', companyId: durand.companyId }).expect(201)).body.key;
    const luc = await env.orm.em.fork().findOneOrFail(Account, { lastName: declarantLogin.lastName, firstName: declarantLogin.firstName });
    const [credited, durandsOwn, lucs, unknown, unregistered] = siretsOf('990000002', 5);
    const nobody = randomUUID();
    const file = filings(
      [HEAD_OFFICE, credited, month, filedAt, durand.declarantId],
      [CLIENT, durandsOwn, month, filedAt, durand.declarantId],
      [HEAD_OFFICE, lucs, month, filedAt, luc.id],
      [HEAD_OFFICE, unknown, month, filedAt, nobody],
      [UNRELATED, unregistered, month, filedAt, luc.id],
    );
    const rejected = [
      { line: 2, reason: `declaringAccountId : le compte ${durand.declarantId} n’appartient pas à l’entreprise du SIRET déclarant ${HEAD_OFFICE} : un dépôt ne crédite qu’un compte de l’entreprise qui dépose.` },
      { line: 5, reason: `declaringAccountId : compte ${nobody} inconnu.` },
      { line: 6, reason: `declaringAccountId : le SIRET déclarant ${UNRELATED} n’est l’établissement d’aucune entreprise inscrite : aucun compte ne peut déposer pour lui.` },
    ];
    const first = await csv(support, '/api/dsn-filings/import', file);
    expect(first.body).toEqual({
      outcome: 'PARTIAL',
      message: expect.stringMatching(/^Import partiel : 2 lignes valides appliquées \(2 nouvelles, 0 déjà présente\) ; 3 lignes rejetées/),
      imported: 2,
      updated: 0,
      duplicates: 0,
      rejected,
      rejectedCount: 3,
    });
    expect((await csv(support, '/api/dsn-filings/import', file)).body).toMatchObject({ outcome: 'PARTIAL', imported: 0, duplicates: 2, rejected });
    const rows = await env.orm.em.fork().find(DsnFiling, { declaredSiret: { $in: [credited, durandsOwn, lucs, unknown, unregistered] } }, { orderBy: { declaredSiret: 'ASC' } });
    expect(rows.map((f) => [f.declaringSiret, f.declaredSiret, f.declaringAccountId])).toEqual([
      [CLIENT, durandsOwn, durand.declarantId],
      [HEAD_OFFICE, lucs, luc.id],
    ]);

    const asked = (accountId: string, siret: string, service: string) => ({ accountId, siret, service });
    expect((await decide(keyDurand, asked(durand.declarantId, credited, 'DSN'))).body).toEqual({ allowed: false, basis: null, reason: 'SIRET_NOT_IN_DSN' });
    expect((await decide(keyDurand, asked(durand.declarantId, credited, 'SOLTEA_EMPL'))).body).toMatchObject({ allowed: false });
    expect((await decide(keyDurand, asked(durand.declarantId, durandsOwn, 'DSN'))).body).toEqual({ allowed: true, basis: 'DSN_INHERITED', reason: null });
    expect((await support.post('/api/access/decisions').send(asked(luc.id, lucs, 'DSN'))).body).toEqual({ allowed: true, basis: 'DSN_INHERITED', reason: null });
  });

  it('a link names its declaring account only to that account’s company (and to support)', async () => {
    const file = filings([CLIENT, SHOP, month, filedAt, durand.declarantId]);
    expect((await csv(support, '/api/dsn-filings/import', file)).body).toMatchObject({ outcome: 'OK', imported: 1 });
    const filter = { declaredSiret: SHOP, declaringSiret: CLIENT };
    const accountsSeenBy = async (agent: Agent) => (await list(agent, 'dsn-links', filter)).body.map((l: { declaringAccountId: string | null }) => l.declaringAccountId);
    expect(await accountsSeenBy(support)).toEqual([durand.declarantId]);
    expect(await accountsSeenBy(durandAdmin)).toEqual([durand.declarantId]);
    expect(await accountsSeenBy(admin)).toEqual([null]);
  });
});

describe('seedDemoRights', () => {
  it('is idempotent', async () => {
    const em = env.orm.em.fork();
    const counts = () => Promise.all([DsnFiling, EmploymentRelation, Habilitation, PortfolioEstablishment].map((e) => em.fork().count(e)));
    const before = await counts();
    await seedDemoRights(env.orm.em.fork());
    expect(await counts()).toEqual(before);
  });
});
