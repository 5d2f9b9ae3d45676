import type { Client } from 'pg';

/**
 * The access benchmark's data, generated inside PostgreSQL (INSERT … SELECT
 * generate_series; seeded random()): companies of 5 establishments and 5
 * accounts, one payroll firm in 10 with a client portfolio of 50 SIRETs it
 * files DSN for, 1M habilitations, 200k DSN filings, 2 employees per SIRET,
 * one API key per company (each last used within the past minute: the
 * steady state of a running system). Ids are md5-derived uuids, so rows can
 * be joined by index; SIRENs and SIRETs carry a valid Luhn key.
 */
const COMPANIES = 20_000;
const ESTABLISHMENTS = COMPANIES * 5;
const OWN_HABILITATIONS = 800_000;
const CLIENT_HABILITATIONS = 200_000;
const FILINGS = 200_000;
/** Client slot x of firm x / 50 holds establishment (x · STRIDE) mod ESTABLISHMENTS: a bijection, as STRIDE is prime to it. */
const STRIDE = 7919;
const OWN_SERVICES = ['MCF', 'MCF_REGUL', 'PEPS', 'SOLTEA_EMPL', 'PREVENTION_PASSPORT'];
const CLIENT_SERVICES = ['SOLTEA_EMPL', 'MCF'];

/** Modular inverse (extended Euclid): which client slot holds an establishment. */
function inverse(a: number, m: number): number {
  let [r0, r1, s0, s1] = [m, a % m, 0, 1];
  while (r1) {
    const q = Math.floor(r0 / r1);
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

const list = (codes: string[]) => `array[${codes.map((c) => `'${c}'`).join(', ')}]`;

/** The API key of a company (uuid column `id`): what machine clients send as Bearer. */
export const apiKeySql = (id: string) => `'bo_' || substr(md5(${id}::text), 1, 8) || '_' || md5('bench-secret' || ${id}::text)`;

const STEPS: Array<[string, string]> = [
  ['seed', `select setseed(0.42)`],
  [
    'luhn',
    `create function pg_temp.luhn(base text) returns text language sql immutable as $$
      select base || ((10 - sum(case when (length(base) - i) % 2 = 0 then case when d > 4 then d * 2 - 9 else d * 2 end else d end) % 10) % 10)::text
      from (select i, substr(base, i, 1)::int as d from generate_series(1, length(base)) as i) as digits $$`,
  ],
  [
    `${COMPANIES} companies`,
    `create temporary table bench_company as
      select c, md5('company' || c)::uuid as id, pg_temp.luhn(lpad((20000000 + c)::text, 8, '0')) as siren
      from generate_series(0, ${COMPANIES - 1}) c;
    insert into company (id, created_at, siren, legal_name, head_office_address, status, operator)
      select id, now(), siren, 'Entreprise ' || c, c || ' rue du Banc d''essai', 'ACTIVE', false from bench_company`,
  ],
  [
    `${ESTABLISHMENTS} establishments`,
    `create temporary table bench_establishment as
      select c * 5 + k as e, c, k, md5('establishment' || (c * 5 + k))::uuid as id, pg_temp.luhn(siren || lpad((k + 1)::text, 4, '0')) as siret
      from bench_company, generate_series(0, 4) k;
    alter table bench_establishment add primary key (e);
    insert into establishment (id, created_at, siret, company_id, name, address, status, head_office)
      select e.id, now(), e.siret, co.id, 'Établissement ' || e.e, 'adresse', 'ACTIVE', e.k = 0
      from bench_establishment e join bench_company co using (c)`,
  ],
  [
    `${ESTABLISHMENTS} accounts (1 administrator + 4 declarants per company, 2 % radiated)`,
    `insert into account (id, created_at, company_id, establishment_id, siret, last_name, first_name, identity_key, email, role, status, admin_status, password_hash, email_confirmed_at)
      select md5('account' || e.e)::uuid, now(), co.id, e.id, e.siret, 'BENCH', 'A' || e.e, e.siret || '|BENCH|A' || e.e, 'a' || e.e || '@bench.example',
        (case when e.k = 0 then 'ADMINISTRATOR' else 'DECLARANT' end)::account_role,
        (case when random() < 0.02 then 'RADIATED' else 'ACTIVE' end)::account_status,
        (case when e.k = 0 then 'ACTIVE' end)::admin_status, 'x', now()
      from bench_establishment e join bench_company co using (c)`,
  ],
  [
    'portfolios, their SIRETs and services',
    `insert into portfolio (id, created_at, company_id, kind, name, updated_at)
      select md5('portfolio' || c)::uuid, now(), id, 'COMPANY'::portfolio_kind, 'Portefeuille entreprise', now() from bench_company
      union all
      select md5('clients' || c)::uuid, now(), id, 'CLIENTS'::portfolio_kind, 'Clients', now() from bench_company where c % 10 = 0;
    insert into portfolio_establishment (portfolio_id, siret, added_at)
      select md5('portfolio' || c)::uuid, siret, now() from bench_establishment
      union all
      select md5('clients' || (x / 50 * 10))::uuid, e.siret, now()
      from generate_series(0, ${ESTABLISHMENTS - 1}) x join bench_establishment e on e.e = x::bigint * ${STRIDE} % ${ESTABLISHMENTS};
    insert into portfolio_service (portfolio_id, service_code, added_at)
      select md5('portfolio' || c)::uuid, s, now() from bench_company, unnest(${list(OWN_SERVICES)}) s
      union all
      select md5('clients' || c)::uuid, s, now() from bench_company, unnest(${list(CLIENT_SERVICES)}) s where c % 10 = 0`,
  ],
  [
    `${OWN_HABILITATIONS} habilitations in company portfolios (4 SIRETs × 2 services per account)`,
    `insert into habilitation (id, created_at, account_id, siret, service_code, portfolio_id, can_declare, can_pay, can_consult)
      select gen_random_uuid(), now(), md5('account' || v.a)::uuid, own.siret, (${list(OWN_SERVICES)})[1 + (v.j / 4 + v.a) % 5],
        md5('portfolio' || (v.a / 5))::uuid, random() < 0.9, random() < 0.3, true
      from (select h / 8 as a, h % 8 as j from generate_series(0, ${OWN_HABILITATIONS - 1}) h) v
      join bench_establishment own on own.e = v.a / 5 * 5 + (v.j % 4 + v.a) % 5`,
  ],
  [
    `${CLIENT_HABILITATIONS} habilitations in client portfolios (4 declarants × 25 clients per firm)`,
    `insert into habilitation (id, created_at, account_id, siret, service_code, portfolio_id, can_declare, can_pay, can_consult)
      select gen_random_uuid(), now(), md5('account' || (v.f * 50 + 1 + v.d))::uuid, cl.siret, (${list(CLIENT_SERVICES)})[1 + v.d % 2],
        md5('clients' || (v.f * 10))::uuid, random() < 0.9, random() < 0.3, true
      from (select k / 100 as f, k % 100 / 25 as d, k % 25 * 2 as slot from generate_series(0, ${CLIENT_HABILITATIONS - 1}) k) v
      join bench_establishment cl on cl.e = (v.f * 50 + v.slot)::bigint * ${STRIDE} % ${ESTABLISHMENTS}
      on conflict do nothing`,
  ],
  [
    `${FILINGS} DSN filings (each SIRET by its own head office and by its payroll firm, in the last 12 months)`,
    `insert into dsn_filing (declaring_siret, declaring_account_id, declared_siret, period, filed_at, imported_at)
      select h.siret, md5('account' || v.account)::uuid, d.siret, v.period, v.period + interval '1 month 4 days', now()
      from (
        select e, case when own then e / 5 * 5 else slot / 50 * 50 end as declaring,
          case when own then e / 5 * 5 + 1 else slot / 50 * 50 + 1 + slot % 4 end as account,
          (date_trunc('month', now()) - make_interval(months => 1 + floor(random() * 12)::int))::date as period
        from (select i / 2 as e, i % 2 = 0 as own, (i / 2)::bigint * ${inverse(STRIDE, ESTABLISHMENTS)} % ${ESTABLISHMENTS} as slot
              from generate_series(0, ${FILINGS - 1}) i) s
      ) v
      join bench_establishment h on h.e = v.declaring join bench_establishment d on d.e = v.e
      on conflict do nothing`,
  ],
  [
    `${ESTABLISHMENTS * 2} employment relations (one current, one ended employee per SIRET)`,
    `insert into employment_relation (employer_siret, employee_id, start_date, end_date)
      select siret, 'E' || siret || 'n' || n, date '2020-01-01', case when n = 1 then date '2024-12-31' end
      from bench_establishment, generate_series(0, 1) n`,
  ],
  [
    `${COMPANIES} API keys (each used within the last minute, as in a running system)`,
    `insert into api_key (id, created_at, company_id, name, prefix, key_hash, created_by, last_used_at)
      select gen_random_uuid(), now(), id, 'bench', substr(md5(id::text), 1, 8), encode(sha256(convert_to(${apiKeySql('id')}, 'UTF8')), 'hex'), md5('account' || c * 5)::uuid,
        now() - random() * interval '1 minute'
      from bench_company`,
  ],
  ['vacuum analyze (no autovacuum during the load; index-only scans)', 'vacuum analyze'],
];

const COUNTS = `select (select count(*) from establishment) as establishments, (select count(*) from habilitation) as habilitations,
  (select count(*) from dsn_filing) as "DSN filings", (select count(*) from account) as accounts`;

/** Fills a migrated, empty database in one session (its temporary tables and seed); answers what it holds. */
export async function generateAccessData(client: Client, log: (msg: string) => void): Promise<string> {
  for (const [what, sql] of STEPS) {
    const start = Date.now();
    await client.query(sql);
    log(`${what}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
  const { rows } = await client.query<Record<string, string>>(COUNTS);
  return Object.entries(rows[0]).map(([what, n]) => `${Number(n).toLocaleString('en')} ${what}`).join(', ');
}
