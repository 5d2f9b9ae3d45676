import type { EntityManager } from '@mikro-orm/postgresql';
import { AccountStatus } from '../account/account.entity';
import type { AccessMode } from '../rights/declarative-service.entity';
import type { DecisionFacts } from './decision.policy';
import { preparedQuery } from './prepared-query';

type ServiceFacts = NonNullable<DecisionFacts['service']>;
type HabilitationFacts = NonNullable<DecisionFacts['habilitation']>;

/** The declarative services by code. */
export type Catalogue = Map<string, ServiceFacts>;

/**
 * What the decisions about one company's accounts read, whole: its accounts,
 * its establishments, their habilitations that count (at least one right,
 * the portfolio still holding the SIRET and the service), the (SIRET,
 * service) cells its portfolios hold, the latest DSN period each account
 * filed per SIRET from one of the company's SIRETs, and per SIRET the latest
 * period filed from any of the company's SIRETs. The same rules as the
 * per-pair statement of decision.read-model.ts, which
 * test/access/company-rights.test.ts checks question by question.
 */
export interface CompanyRights {
  companyId: string;
  accounts: Map<string, { active: boolean }>;
  /** SIRETs of its own establishments */
  establishments: Set<string>;
  /** `account|siret|service` → rights (bits: DECLARE 1, PAY 2, CONSULT 4) */
  habilitations: Map<string, number>;
  /** `siret|service` cells a portfolio of the company holds */
  portfolioCells: Set<string>;
  /** `account|siret` → latest period (YYYY-MM-DD) filed by the account from a SIRET of the company */
  ownFilings: Map<string, string>;
  /** SIRET → latest period filed by the company */
  companyFilings: Map<string, string>;
}

/** Flat keys and small numbers rather than nested maps and objects: thousands of companies stay cheap to hold and to collect. */
const key = (...parts: string[]) => parts.join('|');
const [DECLARE, PAY, CONSULT] = [1, 2, 4];
const rightsOf = (bits: number): HabilitationFacts => ({ canDeclare: (bits & DECLARE) > 0, canPay: (bits & PAY) > 0, canConsult: (bits & CONSULT) > 0 });

/** The company of the account, found by the account's key; nothing when the account does not exist. */
const COMPANY_SQL = `
with c as (select company_id as id from account where id = $1)
select
  c.id as company_id,
  (select coalesce(json_agg(json_build_array(a.id, a.status)), '[]') from account a where a.company_id = c.id) as accounts,
  (select coalesce(json_agg(e.siret), '[]') from establishment e where e.company_id = c.id) as establishments,
  (
    select coalesce(json_agg(json_build_array(h.account_id, h.siret, h.service_code, h.can_declare, h.can_pay, h.can_consult)), '[]')
    from account a
    join habilitation h on h.account_id = a.id
    where a.company_id = c.id
      and (h.can_declare or h.can_pay or h.can_consult)
      and exists (select 1 from portfolio_establishment pe where pe.portfolio_id = h.portfolio_id and pe.siret = h.siret)
      and exists (select 1 from portfolio_service ps where ps.portfolio_id = h.portfolio_id and ps.service_code = h.service_code)
  ) as habilitations,
  (
    select coalesce(json_agg(json_build_array(x.siret, x.service_code)), '[]')
    from (
      select distinct pe.siret, ps.service_code
      from portfolio p
      join portfolio_establishment pe on pe.portfolio_id = p.id
      join portfolio_service ps on ps.portfolio_id = p.id
      where p.company_id = c.id
    ) x
  ) as portfolio_cells,
  (
    select coalesce(json_agg(json_build_array(x.declaring_account_id, x.declared_siret, x.period)), '[]')
    from (
      select f.declaring_account_id, f.declared_siret, max(f.period)::text as period
      from account a
      join dsn_filing f on f.declaring_account_id = a.id
      join establishment e on e.siret = f.declaring_siret and e.company_id = c.id
      where a.company_id = c.id
      group by f.declaring_account_id, f.declared_siret
    ) x
  ) as own_filings,
  (
    select coalesce(json_agg(json_build_array(x.declared_siret, x.period)), '[]')
    from (
      select f.declared_siret, max(f.period)::text as period
      from establishment e
      join dsn_filing f on f.declaring_siret = e.siret
      where e.company_id = c.id
      group by f.declared_siret
    ) x
  ) as company_filings
from c`;

interface CompanyRow {
  company_id: string;
  accounts: Array<[string, AccountStatus]>;
  establishments: string[];
  habilitations: Array<[string, string, string, boolean, boolean, boolean]>;
  portfolio_cells: Array<[string, string]>;
  own_filings: Array<[string, string, string]>;
  company_filings: Array<[string, string]>;
}

/** The rights of the company of this account, in one query; null when there is no such account. */
export async function loadCompanyRights(em: EntityManager, accountId: string): Promise<CompanyRights | null> {
  const [row] = await preparedQuery<CompanyRow>(em, 'access_company_rights', COMPANY_SQL, [accountId]);
  if (!row) return null;
  return {
    companyId: row.company_id,
    accounts: new Map(row.accounts.map(([id, status]) => [id, { active: status === AccountStatus.ACTIVE }])),
    establishments: new Set(row.establishments),
    habilitations: new Map(
      row.habilitations.map(([account, siret, service, canDeclare, canPay, canConsult]) => [
        key(account, siret, service),
        (canDeclare ? DECLARE : 0) | (canPay ? PAY : 0) | (canConsult ? CONSULT : 0),
      ]),
    ),
    portfolioCells: new Set(row.portfolio_cells.map(([siret, service]) => key(siret, service))),
    ownFilings: new Map(row.own_filings.map(([account, siret, period]) => [key(account, siret), period])),
    companyFilings: new Map(row.company_filings),
  };
}

const CATALOGUE_SQL = 'select code, access_mode, active, check_declaring_siret, check_employees from declarative_service';

export async function loadCatalogue(em: EntityManager): Promise<Catalogue> {
  const rows = await preparedQuery<{ code: string; access_mode: AccessMode; active: boolean; check_declaring_siret: boolean; check_employees: boolean }>(
    em,
    'access_catalogue',
    CATALOGUE_SQL,
    [],
  );
  return new Map(
    rows.map((r) => [r.code, { accessMode: r.access_mode, active: r.active, checkDeclaringSiret: r.check_declaring_siret, checkEmployees: r.check_employees }]),
  );
}

const EMPLOYED_SQL = `select employee_id from employment_relation
  where employer_siret = $1 and employee_id = any($2::varchar[]) and start_date <= $3::date and (end_date is null or end_date >= $3::date)`;

/** Of these employees, those employed at the SIRET on this day (YYYY-MM-DD). */
export async function loadEmployed(em: EntityManager, siret: string, employeeIds: string[], day: string): Promise<Set<string>> {
  const rows = await preparedQuery<{ employee_id: string }>(em, 'access_employed', EMPLOYED_SQL, [siret, employeeIds, day]);
  return new Set(rows.map((r) => r.employee_id));
}

/**
 * The facts of a question about an account of this company; `employed`
 * tells whether an employee asked about works at the SIRET today.
 */
export function companyFacts(
  rights: CompanyRights,
  catalogue: Catalogue,
  q: { accountId: string; siret: string; service: string; employeeIds?: string[] },
  employed: (employeeId: string) => boolean,
): DecisionFacts {
  const service = catalogue.get(q.service) ?? null;
  const bits = service ? rights.habilitations.get(key(q.accountId, q.siret, q.service)) : undefined;
  return {
    account: rights.accounts.get(q.accountId) ?? null,
    service,
    habilitation: bits === undefined ? null : rightsOf(bits),
    serviceInPortfolio: service !== null && rights.portfolioCells.has(key(q.siret, q.service)),
    ownEstablishment: rights.establishments.has(q.siret),
    lastOwnFiling: rights.ownFilings.get(key(q.accountId, q.siret)) ?? null,
    lastCompanyFiling: rights.companyFilings.get(q.siret) ?? null,
    employeesNotEmployed: (q.employeeIds ?? []).filter((id) => !employed(id)),
  };
}
