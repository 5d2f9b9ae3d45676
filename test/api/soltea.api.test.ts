import request from 'supertest';
import { transferPage } from '../../activities/soltea/transfers';
import { Account, AccountRole, AccountStatus } from '../../domain/account/account.entity';
import { identityKey } from '../../domain/account/identity.rules';
import { hashPassword } from '../../domain/account/password.hasher';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { Company, CompanyStatus } from '../../domain/company/company.entity';
import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import { dsnFilingImporter } from '../../domain/dsn/dsn-filing.importer';
import { luhnValid } from '../../domain/identifiers/identifiers.rules';
import { ensureCompanyPortfolio } from '../../domain/rights/company-portfolio';
import { Habilitation } from '../../domain/rights/habilitation.entity';
import { PortfolioService } from '../../domain/rights/portfolio-service.entity';
import { seedDemoRights } from '../../domain/seed/demo-rights';
import { demoSolteaYear, seedDemoSoltea } from '../../domain/seed/demo-soltea';
import { calendarOf, MILESTONES, type MilestoneKey } from '../../domain/soltea/calendar.rules';
import {
  SolteaAllocation,
  SolteaAllocationEvent,
  SolteaApplication,
  SolteaBalance,
  SolteaCampaign,
  SolteaRun,
  SolteaRunFailure,
  SolteaTransfer,
} from '../../domain/soltea/soltea.entities';
import { seedBalances, setAllocations } from '../helpers/soltea.fixtures';
import { DEMO_PASSWORD, login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';
import { ADMIN, createOtherCompany, DECLARANT, siretsOf, SUPPORT, type OtherCompany } from '../helpers/rights.fixtures';

/**
 * SOLTéA over HTTP, on PostgreSQL: establishments apply inside their
 * window, support imports balances and decides applications, employers
 * (their own company, a habilitated declarant, a payroll firm with a recent
 * DSN) allocate by the domain's rules, nobody sees another company's
 * employers, transfers and the allocation chart. Campaigns are inserted as
 * their read model (soltea_campaign) with calendars around today; starting
 * and moving a real campaign is in soltea-campaigns.api.test.ts.
 */

let env: IntegrationEnv;
let support: Agent;
/** Boulangerie Martin: its administrator (its own establishments; the payroll firm of its clients) and its declarant (who files its DSN). */
let admin: Agent;
let declarant: Agent;
let durand: OtherCompany;
let durandAdmin: Agent;
/** The school: a declarant habilitated on SOLTEA_ETAB (declare), one who may only consult, one without habilitation. */
let school: School;
let schoolDeclarant: Agent;
let schoolReader: Agent;
let schoolStranger: Agent;

const HEAD_OFFICE = '84271640900011';
const SHOP = '84271640900029';
/** Menuiserie Durand's own establishment: typed into Boulangerie Martin's client portfolio, its DSN filed by Durand itself. */
const DURAND = '73282932000074';
/** Employers whose DSN Boulangerie Martin filed 5 and 7 months ago. */
const [EMPLOYER_5M, EMPLOYER_7M, NOBODY] = siretsOf('552100554', 3);
const [ETAB_C, ETAB_D, ETAB_OLD] = siretsOf('180089013', 3);

/** Years of test campaigns: establishments' window open now; designation period 1 open now; everything to come. */
const APPLYING = 2091;
const ALLOCATING = 2092;
const COMING = 2093;

const DAY_MS = 24 * 3600_000;
const day = (offset: number) => parisToday(new Date(Date.now() + offset * DAY_MS));

function calendar(year: number, offsets: number[]) {
  const days = Object.fromEntries(MILESTONES.map((key, i) => [key, day(offsets[i])])) as Record<MilestoneKey, string>;
  return calendarOf(year, `test-${year}`, days);
}

interface School {
  sirets: [string, string];
  declarant: { siret: string; lastName: string; firstName: string };
  reader: { siret: string; lastName: string; firstName: string };
  stranger: { siret: string; lastName: string; firstName: string };
}

/** A SIREN with its Luhn key. */
function siren(prefix: string): string {
  return prefix + [...'0123456789'].find((d) => luhnValid(prefix + d))!;
}

/** A school (SIREN, two establishments), its three declarants, its company portfolio with SOLTEA_ETAB. */
async function createSchool(): Promise<School> {
  const em = env.orm.em.fork();
  const schoolSiren = siren('19750001');
  const sirets = siretsOf(schoolSiren, 2) as [string, string];
  const company = em.create(Company, { siren: schoolSiren, legalName: 'Lycée des métiers Jean-Moulin', headOfficeAddress: '1 rue de l’École, Rennes', status: CompanyStatus.ACTIVE });
  const establishments = sirets.map((siret, i) =>
    em.create(Establishment, { siret, company, name: i ? 'Annexe' : 'Lycée', address: company.headOfficeAddress, status: EstablishmentStatus.ACTIVE, headOffice: i === 0 }),
  );
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const person = (lastName: string, firstName: string) =>
    em.create(Account, {
      company,
      establishment: establishments[0],
      siret: sirets[0],
      lastName,
      firstName,
      identityKey: identityKey(sirets[0], lastName, firstName),
      email: `${firstName.toLowerCase()}@lycee.example`,
      role: AccountRole.DECLARANT,
      status: AccountStatus.ACTIVE,
      passwordHash,
      emailConfirmedAt: new Date(),
    });
  const declarantAccount = person('PETIT', 'Anne');
  const readerAccount = person('BLANC', 'Julie');
  person('ROUX', 'Marc');
  const portfolio = await ensureCompanyPortfolio(em, company, sirets);
  em.create(PortfolioService, { portfolio, service: 'SOLTEA_ETAB' });
  for (const siret of sirets) em.create(Habilitation, { account: declarantAccount, siret, service: 'SOLTEA_ETAB', portfolio, canDeclare: true, canConsult: true });
  em.create(Habilitation, { account: readerAccount, siret: sirets[0], service: 'SOLTEA_ETAB', portfolio, canDeclare: false, canConsult: true });
  await em.flush();
  const triplet = (lastName: string, firstName: string) => ({ siret: sirets[0], lastName, firstName });
  return { sirets, declarant: triplet('PETIT', 'Anne'), reader: triplet('BLANC', 'Julie'), stranger: triplet('ROUX', 'Marc') };
}

/** First day of the month `monthsAgo` months ago. */
function monthStart(monthsAgo: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1)).toISOString().slice(0, 10);
}

const application = (year: number, siret: string, status: 'SUBMITTED' | 'ACCEPTED' | 'REFUSED', fields: Partial<SolteaApplication> = {}) => ({
  year,
  siret,
  name: `École ${siret.slice(-4)}`,
  uai: `0${siret.slice(-6)}X`,
  city: 'Lyon',
  region: '84',
  category: 'CFA',
  shortageTrainings: 1,
  bankDetailsPresent: true,
  status,
  ...fields,
});

beforeAll(async () => {
  env = await startIntegrationEnv();
  await seedDemoRights(env.orm.em.fork());
  durand = await createOtherCompany(env.orm);
  school = await createSchool();
  const em = env.orm.em.fork();
  await dsnFilingImporter.write(em, [
    { declaringSiret: HEAD_OFFICE, declaredSiret: EMPLOYER_5M, period: monthStart(5), filedAt: `${monthStart(4)}T09:00:00.000Z`, declaringAccountId: null },
    { declaringSiret: HEAD_OFFICE, declaredSiret: EMPLOYER_7M, period: monthStart(7), filedAt: `${monthStart(6)}T09:00:00.000Z`, declaringAccountId: null },
  ]);
  em.create(SolteaCampaign, { year: APPLYING, workflowId: 'soltea-test-applying', calendar: calendar(APPLYING, [-10, 10, 20, 60, 65, 70, 100, 105, 110, 120]) });
  em.create(SolteaCampaign, { year: ALLOCATING, workflowId: 'soltea-test-allocating', calendar: calendar(ALLOCATING, [-100, -80, -5, 30, 35, 40, 70, 75, 80, 90]) });
  em.create(SolteaCampaign, { year: COMING, workflowId: 'soltea-test-coming', calendar: calendar(COMING, [10, 30, 40, 80, 85, 90, 130, 135, 140, 150]) });
  const [ETAB_A, ETAB_B] = school.sirets;
  for (const row of [
    application(ALLOCATING, ETAB_A, 'ACCEPTED', { name: 'Lycée Jean-Moulin', city: 'Rennes', region: '53' }),
    application(ALLOCATING, ETAB_B, 'ACCEPTED', { name: 'Annexe Jean-Moulin', city: 'Rennes', region: '53' }),
    application(ALLOCATING, ETAB_C, 'ACCEPTED', { name: 'CFA du Bâtiment', uai: '0691234Z', bankDetailsPresent: false }),
    application(ALLOCATING, ETAB_D, 'SUBMITTED', { name: 'École en attente' }),
    application(APPLYING - 0, ETAB_OLD, 'ACCEPTED', { name: 'Ancienne école' }),
  ]) {
    em.create(SolteaApplication, row);
  }
  await em.flush();
  [support, admin, declarant, durandAdmin, schoolDeclarant, schoolReader, schoolStranger] = await Promise.all(
    [SUPPORT, ADMIN, DECLARANT, durand.admin, school.declarant, school.reader, school.stranger].map((p) => login(env.app, p)),
  );
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

const list = (agent: Agent, resource: string, filter: object = {}, extra: Record<string, string> = {}) =>
  agent.get(`/api/${resource}`).query({ filter: JSON.stringify(filter), range: '[0,199]', ...extra });
const total = (res: request.Response) => Number(/\/(\d+)$/.exec(res.headers['content-range'])?.[1]);
const csv = (agent: Agent, year: number, body: string | Buffer) => agent.post('/api/soltea-balances/import').query({ year: String(year) }).set('Content-Type', 'text/csv').send(body);

const APPLICATION = { uai: '0351234k', name: 'Lycée Jean-Moulin', city: 'Rennes', region: '53', category: 'Lycée professionnel', shortageTrainings: 3, bankDetailsPresent: true };

describe('establishments apply inside their window', () => {
  let applicationId: string;

  it('a declarant habilitated on SOLTEA_ETAB applies for his establishment in the open window (the campaign found by its window)', async () => {
    const res = await schoolDeclarant.post('/api/soltea-applications').send({ siret: school.sirets[0], ...APPLICATION });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ year: APPLYING, siret: school.sirets[0], uai: '0351234K', status: 'SUBMITTED', editable: true, region: '53' });
    applicationId = res.body.id;
    const audit = await env.orm.em.fork().findOne(AuditEvent, { action: 'SOLTEA.APPLICATION_SUBMITTED', targetId: applicationId });
    expect(audit).not.toBeNull();
  });

  it('applies once per campaign', async () => {
    const res = await schoolDeclarant.post('/api/soltea-applications').send({ siret: school.sirets[0], ...APPLICATION });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'SOLTEA.APPLICATION_EXISTS', errors: { siret: expect.any(String) } });
  });

  it('refuses who is not habilitated to declare for that establishment of his company', async () => {
    for (const [agent, siret] of [
      [schoolStranger, school.sirets[1]],
      [schoolReader, school.sirets[0]],
      [admin, school.sirets[1]],
      [durandAdmin, DURAND],
    ] as const) {
      const res = await agent.post('/api/soltea-applications').send({ siret, ...APPLICATION });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('SOLTEA.NOT_HABILITATED');
    }
  });

  it('outside the window: 409 SOLTEA.WINDOW_CLOSED with when it opens and closes; no campaign: SOLTEA.NO_CAMPAIGN', async () => {
    const coming = await schoolDeclarant.post('/api/soltea-applications').send({ year: COMING, siret: school.sirets[1], ...APPLICATION });
    expect(coming.status).toBe(409);
    const cal = calendar(COMING, [10, 30, 40, 80, 85, 90, 130, 135, 140, 150]);
    expect(coming.body).toMatchObject({
      code: 'SOLTEA.WINDOW_CLOSED',
      window: 'ESTABLISHMENTS',
      opensAt: cal.milestones.ESTABLISHMENTS_OPEN.at,
      closesAt: cal.milestones.ESTABLISHMENTS_CLOSE.at,
      message: expect.stringMatching(/ne sont pas encore ouvertes : elles ouvrent le \d+ \S+ \d{4}/),
    });
    const past = await schoolDeclarant.post('/api/soltea-applications').send({ year: ALLOCATING, siret: school.sirets[1], ...APPLICATION });
    expect(past.status).toBe(409);
    expect(past.body).toMatchObject({ code: 'SOLTEA.WINDOW_CLOSED', message: expect.stringMatching(/sont closes depuis le/) });
    const none = await schoolDeclarant.post('/api/soltea-applications').send({ year: 2099, siret: school.sirets[1], ...APPLICATION });
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('SOLTEA.NO_CAMPAIGN');
  });

  it('checks SIRET, UAI and region, naming each field; an unknown key is a 400 naming it', async () => {
    const res = await schoolDeclarant.post('/api/soltea-applications').send({ ...APPLICATION, siret: '12345678901234', uai: '035123K', region: '99' });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['region', 'siret', 'uai']);
    const unknown = await schoolDeclarant.post('/api/soltea-applications').send({ siret: school.sirets[1], ...APPLICATION, iban: 'FR76' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'VALIDATION.UNKNOWN_FIELD', errors: { iban: expect.any(String) } });
  });

  it('the establishment changes its application while SUBMITTED and the window open; others do not see it', async () => {
    const res = await schoolDeclarant.put(`/api/soltea-applications/${applicationId}`).send({ shortageTrainings: 5, city: 'Rennes Cedex' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ shortageTrainings: 5, city: 'Rennes Cedex', uai: '0351234K' });
    expect((await schoolReader.get(`/api/soltea-applications/${applicationId}`)).status).toBe(200);
    expect((await schoolReader.put(`/api/soltea-applications/${applicationId}`).send({ city: 'Brest' })).status).toBe(404);
    for (const agent of [admin, durandAdmin, schoolStranger]) {
      expect((await agent.get(`/api/soltea-applications/${applicationId}`)).status).toBe(404);
      const mine = await list(agent, 'soltea-applications');
      expect(mine.body).toEqual([]);
    }
    const own = await list(schoolDeclarant, 'soltea-applications');
    expect(own.body.map((a: { siret: string; year: number }) => `${a.year}:${a.siret}`).sort()).toEqual(
      [`${ALLOCATING}:${school.sirets[0]}`, `${ALLOCATING}:${school.sirets[1]}`, `${APPLYING}:${school.sirets[0]}`].sort(),
    );
  });

  it('support lists them all, filters by year, status, region and a search box', async () => {
    const all = await list(support, 'soltea-applications');
    expect(total(all)).toBe(6);
    expect(all.headers['content-range']).toBe('soltea-applications 0-5/6');
    const submitted = await list(support, 'soltea-applications', { status: 'SUBMITTED' });
    expect(submitted.body.map((a: { siret: string }) => a.siret).sort()).toEqual([school.sirets[0], ETAB_D].sort());
    expect(total(await list(support, 'soltea-applications', { year: ALLOCATING, region: ['53'] }))).toBe(2);
    expect(total(await list(support, 'soltea-applications', { q: 'bâtiment' }))).toBe(1);
    expect(total(await list(support, 'soltea-applications', { q: '0691234' }))).toBe(1);
    expect(total(await list(support, 'soltea-applications', { q: school.sirets[0].slice(0, 9) }))).toBe(3);
  });

  it('support accepts or refuses (audited); a decided application no longer changes', async () => {
    expect((await admin.post(`/api/soltea-applications/${applicationId}/accept`)).status).toBe(403);
    const accepted = await support.post(`/api/soltea-applications/${applicationId}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'ACCEPTED', editable: false });
    expect((await support.post(`/api/soltea-applications/${applicationId}/refuse`).send({ reason: 'Trop tard' })).body.code).toBe('SOLTEA.APPLICATION_DECIDED');
    const edit = await schoolDeclarant.put(`/api/soltea-applications/${applicationId}`).send({ city: 'Brest' });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('SOLTEA.APPLICATION_DECIDED');
    const pending = (await list(support, 'soltea-applications', { siret: ETAB_D })).body[0];
    expect((await support.post(`/api/soltea-applications/${pending.id}/refuse`).send({ reason: ' ' })).status).toBe(400);
    const refused = await support.post(`/api/soltea-applications/${pending.id}/refuse`).send({ reason: 'Pas de formation en apprentissage' });
    expect(refused.body).toMatchObject({ status: 'REFUSED', refusalReason: 'Pas de formation en apprentissage' });
    const audits = await env.orm.em.fork().find(AuditEvent, { action: { $in: ['SOLTEA.APPLICATION_ACCEPTED', 'SOLTEA.APPLICATION_REFUSED'] } });
    expect(audits.map((a) => a.action).sort()).toEqual(['SOLTEA.APPLICATION_ACCEPTED', 'SOLTEA.APPLICATION_REFUSED']);
    // back to what the allocation tests expect
    await env.orm.em.fork().nativeUpdate(SolteaApplication, { id: pending.id }, { status: 'SUBMITTED', refusalReason: null });
  });

  it('employers search the eligible establishments of a year (default: the one they may allocate in) by name, UAI or city (accepted only)', async () => {
    const eligible = await list(admin, 'soltea-establishments', { year: ALLOCATING });
    expect(eligible.body.map((e: { siret: string }) => e.siret).sort()).toEqual([...school.sirets, ETAB_C].sort());
    expect(eligible.body.find((e: { siret: string }) => e.siret === ETAB_C)).toMatchObject({ id: ETAB_C, bankDetailsPresent: false, name: 'CFA du Bâtiment' });
    expect((await list(declarant, 'soltea-establishments', { year: ALLOCATING, q: 'rennes' })).body).toHaveLength(2);
    expect((await list(declarant, 'soltea-establishments', { year: ALLOCATING, q: '0691234z' })).body).toHaveLength(1);
    expect((await list(declarant, 'soltea-establishments', { year: APPLYING })).body.map((e: { siret: string }) => e.siret).sort()).toEqual(
      [school.sirets[0], ETAB_OLD].sort(),
    );
    expect((await list(declarant, 'soltea-establishments', { year: ALLOCATING, id: [ETAB_C, ETAB_D] })).body.map((e: { id: string }) => e.id)).toEqual([ETAB_C]);
    expect(total(await list(declarant, 'soltea-establishments'))).toBe(3);
  });
});

const BALANCES = [
  'siret;montant;region;email;nom',
  `${HEAD_OFFICE};1000,00;84;paie@boulangerie-martin.example;Boulangerie Martin SARL`,
  `${SHOP};250.5;84;;`,
  `${EMPLOYER_5M};1 234,56;;;Client cinq mois`,
  `${EMPLOYER_7M};700;11;;Client sept mois`,
  `${DURAND};300;52;;`,
  `84271640900012;100;;;`,
  `${NOBODY};12.345;;;`,
  `${NOBODY};-5;;;`,
  `${NOBODY};10;99;pas-une-adresse;`,
  `${SHOP};999;;;`,
  '',
].join('\n');

describe('support imports the balances from a CSV file, with a per-line report', () => {
  it('applies the good lines (euros, comma or dot → cents) and reports each bad one with its reason', async () => {
    expect((await csv(admin, ALLOCATING, BALANCES)).status).toBe(403);
    const res = await csv(support, ALLOCATING, BALANCES);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      outcome: 'PARTIAL',
      message: expect.stringMatching(/^Import partiel : 5 lignes valides appliquées/),
      imported: 5,
      updated: 0,
      duplicates: 0,
      rejectedCount: 5,
      rejected: [
        { line: 7, reason: 'siret : SIRET 84271640900012 invalide : la clé de contrôle ne correspond pas.' },
        { line: 8, reason: 'montant : montant « 12.345 » ambigu : euros avec au plus deux décimales (ex. 1234,56), sans séparateur de milliers.' },
        { line: 9, reason: 'montant : montant « -5 » négatif : un solde est positif ou nul.' },
        {
          line: 10,
          reason: expect.stringMatching(/^region : région « 99 » inconnue : code INSEE attendu \(01, .*\)\. ; email : adresse « pas-une-adresse » invalide\.$/),
        },
        { line: 11, reason: `siret : ${SHOP} figure déjà plus haut dans le fichier : une seule ligne par employeur.` },
      ],
    });
    const balances = await env.orm.em.fork().find(SolteaBalance, { year: ALLOCATING }, { orderBy: { employerSiret: 'ASC' } });
    expect(Object.fromEntries(balances.map((b) => [b.employerSiret, [b.amountCents, b.region ?? null, b.employerName]]))).toEqual({
      [HEAD_OFFICE]: [100_000, '84', 'Boulangerie Martin SARL'],
      [SHOP]: [25_050, '84', 'Boulangerie Martin SARL'],
      [EMPLOYER_5M]: [123_456, null, 'Client cinq mois'],
      [EMPLOYER_7M]: [70_000, '11', 'Client sept mois'],
      [DURAND]: [30_000, '52', 'Menuiserie Durand'],
    });
    expect(await env.orm.em.fork().count(AuditEvent, { action: 'SOLTEA.BALANCES_IMPORTED' })).toBe(1);
  });

  it('a re-import replaces the amounts (corrections), keeps what its empty columns do not say; `,` separated with a BOM, Windows-1252 names', async () => {
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`SIRET,Montant,Region\n${HEAD_OFFICE},"1200,00",\n${SHOP},250.50,84\n`, 'utf8'),
    ]);
    const res = await csv(support, ALLOCATING, body);
    expect(res.body).toMatchObject({ outcome: 'OK', imported: 0, updated: 1, duplicates: 1, rejectedCount: 0 });
    const head = await env.orm.em.fork().findOneOrFail(SolteaBalance, { year: ALLOCATING, employerSiret: HEAD_OFFICE });
    expect([head.amountCents, head.region, head.contactEmail]).toEqual([120_000, '84', 'paie@boulangerie-martin.example']);
    const latin1 = Buffer.from(`siret;montant;nom\n${NOBODY};42;Société Générale d’Été\n`.replace('’', "'"), 'latin1');
    expect((await csv(support, 2094, latin1)).body).toMatchObject({ outcome: 'OK', imported: 1 });
    expect((await env.orm.em.fork().findOneOrFail(SolteaBalance, { year: 2094, employerSiret: NOBODY })).employerName).toBe("Société Générale d'Été");
    await env.orm.em.fork().nativeDelete(SolteaBalance, { year: 2094 });
  });

  it('refuses what is not a CSV, or a file without its columns', async () => {
    expect((await support.post('/api/soltea-balances/import').query({ year: '2092' }).set('Content-Type', 'application/pdf').send(Buffer.from('%PDF-1.7'))).body.code).toBe('DSN_IMPORT.NOT_CSV');
    expect((await csv(support, ALLOCATING, 'siret;amount\n')).body.code).toBe('DSN_IMPORT.BAD_HEADER');
    expect((await support.post('/api/soltea-balances/import').set('Content-Type', 'text/csv').send('siret;montant\n')).status).toBe(400);
  });

  it('each one sees the balances of the employers he may act for, never another company’s', async () => {
    const sirets = async (agent: Agent, filter: object = { year: ALLOCATING }) => (await list(agent, 'soltea-balances', filter)).body.map((b: { employerSiret: string }) => b.employerSiret).sort();
    expect(await sirets(support)).toEqual([HEAD_OFFICE, SHOP, EMPLOYER_5M, EMPLOYER_7M, DURAND].sort());
    expect(await sirets(admin)).toEqual([HEAD_OFFICE, SHOP, EMPLOYER_5M].sort());
    expect(await sirets(declarant)).toEqual([HEAD_OFFICE, SHOP, EMPLOYER_5M].sort());
    expect(await sirets(durandAdmin)).toEqual([DURAND]);
    expect(await sirets(schoolDeclarant)).toEqual([]);
    expect(await sirets(admin, { employerSiret: DURAND })).toEqual([]);
    expect(await sirets(support, { q: 'client' })).toEqual([EMPLOYER_5M, EMPLOYER_7M].sort());
    const page = await list(support, 'soltea-balances', { year: ALLOCATING }, { sort: '["amountCents","DESC"]', range: '[0,1]' });
    expect(page.headers['content-range']).toBe('soltea-balances 0-1/5');
    expect(page.body.map((b: { amountCents: number }) => b.amountCents)).toEqual([123_456, 120_000]);
  });
});

describe('employers allocate their balance by the rules', () => {
  const put = (agent: Agent, siret: string, allocations: { establishmentSiret: string; percent: number }[], year = ALLOCATING) =>
    agent.put(`/api/soltea-allocations/${siret}`).send({ year, allocations });
  const get = (agent: Agent, siret: string, year = ALLOCATING) => agent.get(`/api/soltea-allocations/${siret}`).query({ year: String(year) });

  it('60 % + 40 %: saved, with each part in cents summing to the balance, an allocation event and an audit event', async () => {
    const [ETAB_A, ETAB_B] = school.sirets;
    const res = await put(admin, HEAD_OFFICE, [
      { establishmentSiret: ETAB_A, percent: 60 },
      { establishmentSiret: ETAB_B, percent: 40 },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      employerSiret: HEAD_OFFICE,
      balanceCents: 120_000,
      frozen: false,
      totalPercent: 100,
      unallocatedCents: 0,
      allocations: [
        { establishmentSiret: ETAB_A, name: 'Lycée Jean-Moulin', percent: 60, amountCents: 72_000 },
        { establishmentSiret: ETAB_B, name: 'Annexe Jean-Moulin', percent: 40, amountCents: 48_000 },
      ],
      designation: { open: true, period: 'PERIOD1' },
    });
    expect((await get(declarant, HEAD_OFFICE)).body).toEqual(res.body);
    const em = env.orm.em.fork();
    expect((await em.find(SolteaAllocationEvent, { year: ALLOCATING, employerSiret: HEAD_OFFICE })).map((e) => e.totalBp)).toEqual([10_000]);
    const audit = await em.findOneOrFail(AuditEvent, { action: 'SOLTEA.ALLOCATIONS_SAVED', targetId: `${ALLOCATING}:${HEAD_OFFICE}` });
    expect(audit.after).toEqual({ shares: [{ establishmentSiret: ETAB_A, shareBp: 6000 }, { establishmentSiret: ETAB_B, shareBp: 4000 }], totalBp: 10_000 });
  });

  it('two decimals split the cents exactly (largest remainder)', async () => {
    const [ETAB_A, ETAB_B] = school.sirets;
    const res = await put(declarant, EMPLOYER_5M, [
      { establishmentSiret: ETAB_A, percent: 33.33 },
      { establishmentSiret: ETAB_B, percent: 33.33 },
      { establishmentSiret: ETAB_C, percent: 33.33 },
    ]);
    expect(res.status).toBe(200);
    const parts = res.body.allocations.map((a: { amountCents: number }) => a.amountCents);
    expect(parts.reduce((a: number, b: number) => a + b, 0) + res.body.unallocatedCents).toBe(123_456);
    expect(res.body.totalPercent).toBe(99.99);
  });

  const [A, B] = [0, 1];
  const cases: [string, () => { establishmentSiret: string; percent: number }[], number, string, string | undefined][] = [
    ['a total over 100 %', () => [{ establishmentSiret: school.sirets[A], percent: 60 }, { establishmentSiret: school.sirets[B], percent: 40.01 }], 400, 'SOLTEA.TOTAL_OVER_100', 'allocations'],
    ['three decimals', () => [{ establishmentSiret: school.sirets[A], percent: 33.333 }], 400, 'SOLTEA.PERCENT_DECIMALS', 'allocations.0.percent'],
    ['0 %', () => [{ establishmentSiret: school.sirets[A], percent: 50 }, { establishmentSiret: school.sirets[B], percent: 0 }], 400, 'SOLTEA.PERCENT_INVALID', 'allocations.1.percent'],
    ['over 100 % on one line', () => [{ establishmentSiret: school.sirets[A], percent: 100.5 }], 400, 'SOLTEA.PERCENT_INVALID', 'allocations.0.percent'],
    ['one establishment twice', () => [{ establishmentSiret: school.sirets[A], percent: 10 }, { establishmentSiret: school.sirets[A], percent: 10 }], 400, 'SOLTEA.DUPLICATE_ESTABLISHMENT', 'allocations.1.establishmentSiret'],
    ['an establishment not accepted', () => [{ establishmentSiret: school.sirets[A], percent: 10 }, { establishmentSiret: ETAB_D, percent: 10 }], 400, 'SOLTEA.NOT_ELIGIBLE', 'allocations.1.establishmentSiret'],
    ['an establishment eligible another year only', () => [{ establishmentSiret: ETAB_OLD, percent: 10 }], 400, 'SOLTEA.NOT_ELIGIBLE', 'allocations.0.establishmentSiret'],
    ['a wrong SIRET', () => [{ establishmentSiret: '12345678901234', percent: 10 }], 400, 'VALIDATION.FAILED', 'allocations.0.establishmentSiret'],
  ];
  it.each(cases)('refuses %s, naming the field', async (_name, shares, status, code, field) => {
    const res = await put(admin, HEAD_OFFICE, shares());
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect(Object.keys(res.body.errors ?? {})).toEqual(field ? [field] : []);
    expect(res.body.message).toEqual(expect.any(String));
  });

  it('the refusals changed nothing', async () => {
    expect((await get(admin, HEAD_OFFICE)).body.allocations.map((a: { percent: number }) => a.percent)).toEqual([60, 40]);
    expect(await env.orm.em.fork().count(SolteaAllocationEvent, { employerSiret: HEAD_OFFICE })).toBe(1);
  });

  it('frozen choices (transferred) no longer change', async () => {
    await env.orm.em.fork().nativeUpdate(SolteaBalance, { year: ALLOCATING, employerSiret: SHOP }, { frozenAt: new Date(), frozenBy: 'TRANSFER1' });
    const res = await put(admin, SHOP, [{ establishmentSiret: school.sirets[0], percent: 100 }]);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SOLTEA.CHOICES_FROZEN');
    expect((await get(admin, SHOP)).body).toMatchObject({ frozen: true, allocations: [] });
  });

  it('outside a designation period: 409 SOLTEA.WINDOW_CLOSED saying when the next one opens; no campaign: SOLTEA.NO_CAMPAIGN', async () => {
    const res = await put(admin, HEAD_OFFICE, [], COMING);
    expect(res.status).toBe(409);
    const coming = calendar(COMING, [10, 30, 40, 80, 85, 90, 130, 135, 140, 150]);
    expect(res.body).toMatchObject({
      code: 'SOLTEA.WINDOW_CLOSED',
      window: 'DESIGNATION',
      period: 'PERIOD1',
      opensAt: coming.milestones.PERIOD1_OPEN.at,
      closesAt: coming.milestones.PERIOD1_CLOSE.at,
      message: expect.stringMatching(/^Aucune période de désignation n’est ouverte : la prochaine ouvre le /),
    });
    expect((await get(admin, HEAD_OFFICE, COMING)).body.designation).toMatchObject({ open: false, period: null, next: { period: 'PERIOD1', opensAt: coming.milestones.PERIOD1_OPEN.at } });
    const none = await put(admin, HEAD_OFFICE, [], 2099);
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('SOLTEA.NO_CAMPAIGN');
  });

  it('a payroll firm acts for an employer whose DSN it filed 5 months ago, not 7 months ago (look-back of 6 months)', async () => {
    const allowed = await put(admin, EMPLOYER_5M, [{ establishmentSiret: school.sirets[0], percent: 25 }]);
    expect(allowed.status).toBe(200);
    expect(allowed.body.totalPercent).toBe(25);
    for (const agent of [admin, declarant]) {
      const refused = await put(agent, EMPLOYER_7M, [{ establishmentSiret: school.sirets[0], percent: 25 }]);
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('SOLTEA.EMPLOYER_NOT_FOUND');
      expect((await get(agent, EMPLOYER_7M)).status).toBe(404);
    }
  });

  it('another company’s employer is a 404 saying nothing, as is a SIRET nobody knows; a SIRET only typed into a client portfolio opens nothing', async () => {
    const unknown = await get(admin, NOBODY);
    for (const [agent, siret] of [
      [durandAdmin, HEAD_OFFICE],
      [durandAdmin, EMPLOYER_5M],
      [admin, DURAND],
      [schoolDeclarant, HEAD_OFFICE],
    ] as const) {
      const res = await get(agent, siret);
      expect(res.status).toBe(404);
      expect(res.body).toEqual(unknown.body);
      expect((await put(agent, siret, [])).status).toBe(404);
    }
    expect(unknown.body).toEqual({ code: 'SOLTEA.EMPLOYER_NOT_FOUND', message: expect.any(String) });
  });

  it('support reads every employer’s choices and changes none', async () => {
    expect((await get(support, HEAD_OFFICE)).body.totalPercent).toBe(100);
    const res = await put(support, HEAD_OFFICE, []);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('SOLTEA.SUPPORT_READ_ONLY');
  });

  it('replicates last year’s choices, keeping only the establishments eligible this year and reporting the others', async () => {
    const em = env.orm.em.fork();
    em.create(SolteaApplication, application(ALLOCATING - 1, school.sirets[1], 'ACCEPTED', { name: 'Annexe (l’an dernier)' }));
    em.create(SolteaAllocation, { year: ALLOCATING - 1, employerSiret: EMPLOYER_5M, establishmentSiret: school.sirets[1], shareBp: 7000 });
    em.create(SolteaAllocation, { year: ALLOCATING - 1, employerSiret: EMPLOYER_5M, establishmentSiret: ETAB_OLD, shareBp: 2550 });
    await em.flush();
    const res = await admin.post(`/api/soltea-allocations/${EMPLOYER_5M}/replicate-last-year`).send({ year: ALLOCATING });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      totalPercent: 70,
      allocations: [{ establishmentSiret: school.sirets[1], percent: 70 }],
      dropped: [{ establishmentSiret: ETAB_OLD, name: 'Ancienne école', percent: 25.5 }],
    });
    const nothing = await admin.post(`/api/soltea-allocations/${HEAD_OFFICE}/replicate-last-year`).send({ year: ALLOCATING });
    expect(nothing.status).toBe(409);
    expect(nothing.body.code).toBe('SOLTEA.NOTHING_TO_REPLICATE');
    expect(await env.orm.em.fork().count(AuditEvent, { action: 'SOLTEA.ALLOCATIONS_REPLICATED' })).toBe(1);
  });

  it('groups of establishments belong to the company that saved them', async () => {
    const created = await admin.post('/api/soltea-groups').send({ name: 'Écoles de Rennes', establishmentSirets: school.sirets });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Écoles de Rennes', establishmentSirets: school.sirets });
    expect((await admin.post('/api/soltea-groups').send({ name: 'Écoles de Rennes', establishmentSirets: [ETAB_C] })).body.code).toBe('SOLTEA.GROUP_NAME_TAKEN');
    expect((await list(declarant, 'soltea-groups')).body.map((g: { id: string }) => g.id)).toEqual([created.body.id]);
    expect((await list(durandAdmin, 'soltea-groups')).body).toEqual([]);
    expect((await durandAdmin.get(`/api/soltea-groups/${created.body.id}`)).status).toBe(404);
    expect((await durandAdmin.delete(`/api/soltea-groups/${created.body.id}`)).status).toBe(404);
    expect(total(await list(support, 'soltea-groups'))).toBe(1);
    const deleted = await admin.delete(`/api/soltea-groups/${created.body.id}`);
    expect(deleted.status).toBe(200);
    expect(total(await list(admin, 'soltea-groups'))).toBe(0);
  });
});

describe('transfers and the allocation chart', () => {
  it('an establishment sees what it receives, an employer what he paid, support everything', async () => {
    const em = env.orm.em.fork();
    em.create(SolteaTransfer, { year: ALLOCATING, step: 'TRANSFER1', employerSiret: HEAD_OFFICE, establishmentSiret: school.sirets[0], amountCents: 72_000, status: 'PAID' });
    em.create(SolteaTransfer, { year: ALLOCATING, step: 'TRANSFER1', employerSiret: EMPLOYER_7M, establishmentSiret: school.sirets[1], amountCents: 1_000, status: 'PAID' });
    em.create(SolteaTransfer, { year: ALLOCATING, step: 'TRANSFER1', employerSiret: DURAND, establishmentSiret: ETAB_C, amountCents: 30_000, status: 'NOT_PAID_NO_BANK_DETAILS' });
    em.create(SolteaTransfer, { year: ALLOCATING, step: 'UNALLOCATED_DISTRIBUTION', employerSiret: '', establishmentSiret: school.sirets[0], amountCents: 5_00, status: 'PAID' });
    await em.flush();
    const seen = async (agent: Agent, filter: object = { year: ALLOCATING }) =>
      (await list(agent, 'soltea-transfers', filter)).body.map((t: { employerSiret: string | null; establishmentSiret: string }) => `${t.employerSiret}>${t.establishmentSiret}`).sort();
    expect(await seen(support)).toHaveLength(4);
    expect(await seen(schoolDeclarant)).toEqual([`${EMPLOYER_7M}>${school.sirets[1]}`, `${HEAD_OFFICE}>${school.sirets[0]}`, `null>${school.sirets[0]}`].sort());
    expect(await seen(schoolReader)).toEqual([`${HEAD_OFFICE}>${school.sirets[0]}`, `null>${school.sirets[0]}`].sort());
    expect(await seen(admin)).toEqual([`${HEAD_OFFICE}>${school.sirets[0]}`]);
    expect(await seen(durandAdmin)).toEqual([`${DURAND}>${ETAB_C}`]);
    expect(await seen(schoolStranger)).toEqual([]);
    expect(await seen(support, { year: ALLOCATING, establishmentSiret: school.sirets[0], step: 'TRANSFER1' })).toEqual([`${HEAD_OFFICE}>${school.sirets[0]}`]);
  });

  it('an establishment reads what each transfer is to pay it, and the transfers then pay exactly that; nobody else’s establishment is shown', async () => {
    const year = 2096;
    const [mine, other] = school.sirets;
    const [full, part, blocked] = siretsOf('552100554', 8).slice(5);
    const em = env.orm.em.fork();
    em.create(SolteaCampaign, { year, workflowId: 'soltea-test-projection', calendar: calendar(year, [-100, -80, -60, -5, 1, 10, 40, 45, 50, 60]) });
    em.create(SolteaApplication, application(year, mine, 'ACCEPTED', { bankDetailsPresent: false }));
    em.create(SolteaApplication, application(year, other, 'ACCEPTED'));
    em.create(SolteaApplication, application(year, ETAB_D, 'SUBMITTED'));
    await em.flush();
    await seedBalances(env.orm, year, [
      { siret: full, cents: 1_000_01 },
      { siret: part, cents: 300_00 },
      { siret: blocked, cents: 500_00 },
    ]);
    await setAllocations(env.orm, year, full, { [mine]: 3_333, [other]: 6_667 });
    await setAllocations(env.orm, year, part, { [mine]: 5_000 });
    await setAllocations(env.orm, year, blocked, { [mine]: 5_000, [ETAB_D]: 5_000 });
    const idOf = async (siret: string) => (await env.orm.em.fork().findOneOrFail(SolteaApplication, { year, siret })).id;
    const id = await idOf(mine);
    const otherId = await idOf(other);
    const projection = async (of = id) => {
      const res = await schoolDeclarant.get(`/api/soltea-applications/${of}/projection`);
      expect(res.status).toBe(200);
      return res.body as { bankDetailsPresent: boolean; steps: { step: string; on: string | null; done: boolean; paidCents: number; notPaidCents: number; employers: number; projected: { cents: number; employers: number } | null }[] };
    };
    const stepOf = async (step: string) => (await projection()).steps.find((s) => s.step === step)!;

    const before = await projection();
    expect(before.bankDetailsPresent).toBe(false);
    expect(before.steps.map((s) => [s.step, s.on, s.done, s.projected])).toEqual([
      ['TRANSFER1', day(1), false, { cents: 333_30, employers: 1 }],
      ['TRANSFER2', day(45), false, { cents: 150_00, employers: 1 }],
      ['UNALLOCATED_DISTRIBUTION', day(50), false, null],
    ]);
    expect((await projection(otherId)).steps[0].projected).toEqual({ cents: 666_71, employers: 1 });

    const run = async (step: 'TRANSFER1' | 'TRANSFER2') => {
      await env.orm.em.fork().transactional((tx) => transferPage(tx, { year, step, after: null, limit: 100, calendar: calendar(year, [-100, -80, -60, -5, 1, 10, 40, 45, 50, 60]), base: 'http://console.test' }));
      const done = env.orm.em.fork();
      done.create(SolteaRun, { year, step, status: 'DONE', endedAt: new Date() });
      await done.flush();
    };
    await run('TRANSFER1');
    const first = await stepOf('TRANSFER1');
    expect(first).toMatchObject({ done: true, paidCents: 0, notPaidCents: 333_30, employers: 1, projected: null });
    expect((await projection(otherId)).steps[0]).toMatchObject({ done: true, paidCents: 666_71, notPaidCents: 0 });
    expect(await stepOf('TRANSFER2')).toMatchObject({ done: false, projected: { cents: 150_00, employers: 1 } });

    await run('TRANSFER2');
    expect(await stepOf('TRANSFER2')).toMatchObject({ done: true, notPaidCents: 150_00, employers: 1, projected: null });

    expect((await support.get(`/api/soltea-applications/${id}/projection`)).status).toBe(200);
    for (const agent of [admin, durandAdmin, schoolStranger]) {
      const res = await agent.get(`/api/soltea-applications/${id}/projection`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('SOLTEA.APPLICATION_NOT_FOUND');
    }
    const unknown = await schoolDeclarant.get(`/api/soltea-applications/${id}/projection`).query({ year: '2096' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('year');
    await env.orm.em.fork().nativeDelete(SolteaCampaign, { year });
  });

  it('charts the share of all balances allocated, each employer’s last save of the (Paris) day carried over, weighted by balance', async () => {
    const year = 2095;
    const em = env.orm.em.fork();
    const [e1, e2] = siretsOf('552100554', 5).slice(3);
    em.create(SolteaBalance, { year, employerSiret: e1, employerSiren: e1.slice(0, 9), employerName: 'E1', amountCents: 1_000 });
    em.create(SolteaBalance, { year, employerSiret: e2, employerSiren: e2.slice(0, 9), employerName: 'E2', amountCents: 3_000 });
    const event = (employerSiret: string, totalBp: number, at: string) => em.create(SolteaAllocationEvent, { year, employerSiret, totalBp, at: new Date(at) });
    event(e1, 5_000, '2095-06-01T08:00:00Z');
    event(e1, 10_000, '2095-06-01T15:00:00Z');
    event(e2, 5_000, '2095-06-03T10:00:00Z');
    event(NOBODY, 10_000, '2095-06-03T11:00:00Z');
    event(e1, 2_000, '2095-06-03T21:30:00Z');
    event(e1, 4_000, '2095-06-04T22:30:00Z');
    await em.flush();
    const res = await support.get(`/api/soltea-campaigns/${year}/allocation-progress`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      { day: '2095-06-01', shareAllocatedBp: 2_500 },
      { day: '2095-06-02', shareAllocatedBp: 2_500 },
      { day: '2095-06-03', shareAllocatedBp: 4_250 },
      { day: '2095-06-04', shareAllocatedBp: 4_250 },
      { day: '2095-06-05', shareAllocatedBp: 4_750 },
    ]);
    expect((await admin.get(`/api/soltea-campaigns/${year}/allocation-progress`)).status).toBe(403);
  });
});

describe('campaigns as support sees them', () => {
  it('lists the campaigns from their read model (id = year), support only', async () => {
    const res = await list(support, 'soltea-campaigns', {}, { sort: '["year","ASC"]' });
    expect(res.status).toBe(200);
    expect(res.headers['content-range']).toBe('soltea-campaigns 0-2/3');
    expect(res.body.map((c: { id: number }) => c.id)).toEqual([APPLYING, ALLOCATING, COMING]);
    expect(res.body[1]).toMatchObject({ year: ALLOCATING, status: 'RUNNING', calendarVersion: `test-${ALLOCATING}`, phase: 'STARTED' });
    expect((await list(support, 'soltea-campaigns', { id: [COMING] })).body.map((c: { id: number }) => c.id)).toEqual([COMING]);
    expect((await list(admin, 'soltea-campaigns')).status).toBe(403);
  });

  it('a campaign’s page: calendar, windows, moves, runs with their failure counts; live status null without a workflow', async () => {
    const em = env.orm.em.fork();
    const run = em.create(SolteaRun, { year: ALLOCATING, step: 'REMINDER_PERIOD1_7', status: 'DONE_WITH_FAILURES', counts: { sent: 2, failed: 1 }, endedAt: new Date() });
    em.create(SolteaRunFailure, { run, item: NOBODY, code: 'MAIL.NO_ADDRESS', params: { siret: NOBODY } });
    await em.flush();
    const res = await support.get(`/api/soltea-campaigns/${ALLOCATING}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      year: ALLOCATING,
      windows: { ESTABLISHMENTS: { open: false }, PERIOD1: { open: true, lastDay: day(30) }, PERIOD2: { open: false, opensOn: day(40) } },
      moves: [],
      runs: [{ id: run.id, step: 'REMINDER_PERIOD1_7', failureCount: 1, counts: { sent: 2, failed: 1 } }],
      live: null,
    });
    expect(res.body.calendar.milestones.PERIOD1_CLOSE.date).toBe(day(30));
    expect((await support.get('/api/soltea-campaigns/2099')).body.code).toBe('SOLTEA.CAMPAIGN_NOT_FOUND');
    const runs = await list(support, 'soltea-runs', { year: ALLOCATING });
    expect(runs.body).toMatchObject([{ id: run.id, failureCount: 1 }]);
    const detail = await support.get(`/api/soltea-runs/${run.id}`);
    expect(detail.body).toMatchObject({ failureCount: 1, failures: [{ item: NOBODY, code: 'MAIL.NO_ADDRESS', params: { siret: NOBODY } }] });
    expect((await support.get('/api/soltea-runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('previews the calendar a start would run: 2025’s shifted by default, a known one of its year, nothing else', async () => {
    const shifted = await support.post('/api/soltea-campaigns/preview').send({ year: 2027 });
    expect(shifted.status).toBe(200);
    expect(shifted.body.calendar).toMatchObject({ year: 2027, version: 'default-2025-shifted', milestones: { PERIOD1_OPEN: { date: '2027-05-26' }, ESTABLISHMENTS_OPEN: { date: '2026-11-14' } } });
    expect(shifted.body.steps[0]).toMatchObject({ key: 'ESTABLISHMENTS_OPEN', past: true });
    expect(shifted.body.steps.map((s: { key: string }) => s.key)).toContain('REMINDER_PERIOD1_7');
    const known = await support.post('/api/soltea-campaigns/preview').send({ year: 2024, calendarVersion: 'arrete-2024' });
    expect(known.body.calendar).toMatchObject({ version: 'arrete-2024', milestones: { PERIOD1_CLOSE: { date: '2024-08-02' } } });
    const mismatch = await support.post('/api/soltea-campaigns/preview').send({ year: 2026, calendarVersion: 'arrete-2024' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatchObject({ code: 'SOLTEA.CALENDAR_YEAR_MISMATCH', errors: { calendarVersion: expect.any(String) } });
    const unknown = await support.post('/api/soltea-campaigns/preview').send({ year: 2026, calendarVersion: 'arrete-2031' });
    expect(unknown.body).toMatchObject({ code: 'SOLTEA.UNKNOWN_CALENDAR', errors: { calendarVersion: expect.stringContaining('arrete-2024') } });
    expect((await support.post('/api/soltea-campaigns/preview').send({ year: 2026, zz: 1 })).body.code).toBe('VALIDATION.UNKNOWN_FIELD');
    expect((await admin.post('/api/soltea-campaigns/preview').send({ year: 2026 })).status).toBe(403);
  });
});

describe('the SOLTéA demo `npm start` seeds', () => {
  it.each([
    ['2026-10-31T22:59:00Z', 2026],
    ['2026-10-31T23:00:00Z', 2027],
    ['2027-06-15T10:00:00Z', 2027],
  ])('prepares, at %s, the campaign %i', (at, year) => {
    expect(demoSolteaYear(new Date(at))).toBe(year);
  });

  it('is idempotent, and shows Boulangerie Martin’s administrator his balances, his client’s, his shop’s application and what transfer 1 is to pay it', async () => {
    const year = await seedDemoSoltea(env.orm.em.fork());
    const counts = () => Promise.all([SolteaApplication, SolteaBalance, SolteaAllocation, SolteaAllocationEvent].map((e) => env.orm.em.fork().count(e, { year })));
    const first = await counts();
    expect(first).toEqual([5, 4, 2, 1]);
    await seedDemoSoltea(env.orm.em.fork());
    expect(await counts()).toEqual(first);

    const balances = (await list(admin, 'soltea-balances', { year })).body.map((b: { employerSiret: string }) => b.employerSiret).sort();
    expect(balances).toEqual(['53210987300010', HEAD_OFFICE, SHOP].sort());
    expect(total(await list(support, 'soltea-balances', { year }))).toBe(4);
    const applications = (await list(admin, 'soltea-applications', { year })).body as { id: string; siret: string; status: string }[];
    expect(applications.map((a) => [a.siret, a.status])).toEqual([[SHOP, 'ACCEPTED']]);
    const projection = await admin.get(`/api/soltea-applications/${applications[0].id}/projection`);
    expect(projection.body.steps[0]).toMatchObject({ step: 'TRANSFER1', projected: { cents: 280_000, employers: 1 } });
    expect(total(await list(support, 'soltea-applications', { year, status: 'SUBMITTED' }))).toBe(1);
  });
});
