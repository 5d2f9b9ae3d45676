import { randomUUID } from 'node:crypto';
import { DecisionCache } from '../../domain/access/decision-cache';
import { lookBackStart, type Right } from '../../domain/access/decision.policy';
import { answerAccessQuestions, sharedLoaders } from '../../domain/access/decision.service';
import type { AccessQuestion } from '../../domain/access/decision.read-model';
import { seededRandom } from '../../domain/shared/seeded-random';
import type { Orm } from '../../platform/orm';
import { createTestDatabase } from '../helpers/database';

/**
 * The decision cache answers from whole companies' rights held in memory
 * (company-rights.read-model.ts), the uncached path from one statement per
 * (account, SIRET) pair (decision.read-model.ts): two readings of the same
 * rules. On random data (seeded) with every oddity they must handle —
 * habilitations whose portfolio lost the SIRET or the service, rights all
 * unticked, inactive accounts, filings by other companies and old ones,
 * filings crediting an account from another company's SIRET, SIRETs only
 * claimed in a portfolio (no establishment, no filing), unknown services,
 * employees gone or never there, callers of another company — they must
 * decide alike, question by question.
 */
let database: { orm: Orm; drop(): Promise<void> };
const NOW = new Date('2026-11-26T12:00:00Z');
const EMPLOYEES = ['E1', 'E2', 'E3', 'E4'];
/**
 * A SPECIFIC service checking the employees only (added here): held by every
 * portfolio, often granted, always asked with employees, so that whether the
 * company manages the SIRET decides often.
 */
const EMPLOYEES_ONLY = 'EMPLOYEES_ONLY';
/** The catalogue's services, and an unknown code last. */
const SERVICES = ['DSN', 'ATMP_RATES', 'SOLTEA_EMPL', 'PREVENTION_PASSPORT', 'BONUS_MALUS', 'MCF', 'MCF_REGUL', 'PEPS', 'SOLTEA_ETAB', EMPLOYEES_ONLY, 'NOPE'];
const KNOWN_SERVICES = SERVICES.slice(0, -1);

interface Fixture {
  companies: string[];
  accounts: string[];
  sirets: string[];
}

async function randomRights(orm: Orm, random: () => number): Promise<Fixture> {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const sql = (text: string, params: unknown[] = []) => orm.em.getConnection().execute(text, params);
  const companies: string[] = [];
  const accounts: string[] = [];
  const sirets: string[] = [];
  const portfolios: Array<{ id: string; company: string }> = [];
  await sql(`insert into declarative_service (code, label, access_mode, check_declaring_siret, check_employees) values (?, 'E', 'SPECIFIC', false, true)`, [EMPLOYEES_ONLY]);
  for (let c = 0; c < 4; c++) {
    const company = randomUUID();
    companies.push(company);
    await sql(`insert into company (id, created_at, siren, legal_name, head_office_address, status) values (?, now(), ?, ?, '1 rue', 'ACTIVE')`, [
      company,
      `90000000${c}`,
      `C${c}`,
    ]);
    for (let e = 0; e < 3; e++) {
      const establishment = randomUUID();
      const siret = `90000000${c}000${e}0`;
      sirets.push(siret);
      await sql(`insert into establishment (id, created_at, siret, company_id, name, address, status) values (?, now(), ?, ?, 'E', '1 rue', 'ACTIVE')`, [
        establishment,
        siret,
        company,
      ]);
      const account = randomUUID();
      accounts.push(account);
      await sql(
        `insert into account (id, created_at, company_id, establishment_id, siret, last_name, first_name, identity_key, email, role, status, password_hash)
         values (?, now(), ?, ?, ?, 'N', ?, ?, 'x@y.z', 'DECLARANT', ?, 'x')`,
        [account, company, establishment, siret, `P${e}`, `${siret}|${e}`, random() < 0.85 ? 'ACTIVE' : 'RADIATED'],
      );
    }
    for (const kind of ['COMPANY', 'CLIENTS', 'CLIENTS']) {
      const id = randomUUID();
      portfolios.push({ id, company });
      await sql(`insert into portfolio (id, created_at, company_id, kind, name, updated_at) values (?, now(), ?, ?, ?, now())`, [id, company, kind, id]);
    }
  }
  const outside = ['90000009900010', '90000009900020'];
  sirets.push(...outside);
  for (const p of portfolios) {
    for (const siret of sirets) if (random() < 0.35) await sql(`insert into portfolio_establishment (portfolio_id, siret, added_at) values (?, ?, now())`, [p.id, siret]);
    for (const code of KNOWN_SERVICES) if (code === EMPLOYEES_ONLY || random() < 0.45) await sql(`insert into portfolio_service (portfolio_id, service_code, added_at) values (?, ?, now())`, [p.id, code]);
  }
  const companyOf = new Map<string, string>();
  accounts.forEach((a, i) => companyOf.set(a, companies[Math.floor(i / 3)]));
  for (const account of accounts) {
    const own = portfolios.filter((p) => p.company === companyOf.get(account));
    for (const siret of sirets) {
      for (const code of KNOWN_SERVICES) {
        if (random() > (code === EMPLOYEES_ONLY ? 0.75 : 0.25)) continue;
        await sql(
          `insert into habilitation (id, created_at, account_id, siret, service_code, portfolio_id, can_declare, can_pay, can_consult) values (?, now(), ?, ?, ?, ?, ?, ?, ?)`,
          [randomUUID(), account, siret, code, pick(own).id, random() < 0.5, random() < 0.3, random() < 0.5],
        );
      }
    }
  }
  for (let f = 0; f < 120; f++) {
    const declaring = pick(sirets);
    const declaringAccount = random() < 0.5 ? pick(accounts) : null;
    await sql(
      `insert into dsn_filing (declaring_siret, declaring_account_id, declared_siret, period, filed_at, imported_at) values (?, ?, ?, ?, now(), now()) on conflict do nothing`,
      [declaring, declaringAccount, pick(sirets), lookBackStart(NOW, Math.floor(random() * 10))],
    );
  }
  const day = (monthsFromNow: number) => new Date(Date.UTC(2026, 10 + monthsFromNow, 15)).toISOString().slice(0, 10);
  for (const siret of sirets) {
    for (const employee of EMPLOYEES) {
      if (random() < 0.5) continue;
      const end = random() < 0.5 ? null : day(Math.floor(random() * 6) - 3);
      await sql(`insert into employment_relation (employer_siret, employee_id, start_date, end_date) values (?, ?, ?, ?)`, [siret, employee, day(-12), end]);
    }
  }
  return { companies, accounts, sirets };
}

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

it('the cached decisions equal the per-pair statement’s, question by question, for every caller', async () => {
  const random = seededRandom(7);
  const { companies, accounts, sirets } = await randomRights(database.orm, random);
  const questions: AccessQuestion[] = [];
  const rights: Array<Right | undefined> = [undefined, 'DECLARE', 'PAY', 'CONSULT'];
  for (const accountId of [...accounts, randomUUID()]) {
    for (const siret of sirets) {
      for (const service of SERVICES) {
        const employeeIds = service === EMPLOYEES_ONLY || random() < 0.3 ? [...EMPLOYEES, 'E9'].filter(() => random() < 0.5) : undefined;
        questions.push({ accountId, siret, service, right: rights[Math.floor(random() * 4)], employeeIds });
      }
    }
  }
  const em = database.orm.em.fork();
  let allowed = 0;
  const outcomes = new Set<string | null>();
  for (const caller of [null, ...companies]) {
    const cache = new DecisionCache();
    cache.open();
    const cached = { cache, loaders: sharedLoaders(() => database.orm.em.fork()) };
    for (let start = 0; start < questions.length; start += 500) {
      const chunk = questions.slice(start, start + 500);
      const expected = await answerAccessQuestions(em, chunk, caller, { now: NOW });
      const cold = await answerAccessQuestions(em, chunk, caller, { now: NOW, cached });
      const warm = await answerAccessQuestions(em, chunk, caller, { now: NOW, cached });
      chunk.forEach((q, i) => {
        expect({ q, decision: cold[i] }).toEqual({ q, decision: expected[i] });
        expect({ q, decision: warm[i] }).toEqual({ q, decision: expected[i] });
        if (expected[i].allowed) allowed++;
        outcomes.add(expected[i].basis ?? expected[i].reason);
      });
    }
    expect(cache.stats().companies).toBeGreaterThan(0);
  }
  expect(allowed).toBeGreaterThan(100);
  // The outcomes that hinge on the evidence of management (own establishment, own filing from a SIRET of the company).
  expect([...outcomes]).toEqual(expect.arrayContaining(['DSN_INHERITED', 'NOT_OWN_FILING', 'EMPLOYEE_NOT_EMPLOYED', 'SIRET_NOT_MANAGED']));
}, 180_000);
