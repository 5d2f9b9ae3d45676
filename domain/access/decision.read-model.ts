import type { EntityManager } from '@mikro-orm/postgresql';
import { AccountStatus } from '../account/account.entity';
import type { AccessMode } from '../rights/declarative-service.entity';
import type { DecisionFacts, DecisionQuestion } from './decision.policy';
import { preparedQuery } from './prepared-query';

/** May this account use this service for this SIRET (with this right, for these employees)? */
export interface AccessQuestion extends DecisionQuestion {
  accountId: string;
  siret: string;
  service: string;
}

export interface DecisionScope {
  /** The caller's company (API key or administrator); null for support: any company. */
  companyId: string | null;
  /** YYYY-MM-DD: employees are checked as employed on this day. */
  today: string;
}

interface FactsRow {
  n: string;
  account_company_id: string | null;
  account_status: AccountStatus | null;
  own_establishment: boolean;
  last_own_filing: string | null;
  last_company_filing: string | null;
  employees_not_employed: string[];
  service_code: string;
  access_mode: AccessMode;
  service_active: boolean;
  check_declaring_siret: boolean;
  check_employees: boolean;
  can_declare: boolean | null;
  can_pay: boolean | null;
  can_consult: boolean | null;
  service_in_portfolio: boolean;
}

/**
 * The facts of (account, SIRET) pairs, for every service of the catalogue:
 * one row per pair and service, pairs in order. An account outside the
 * caller's company is not found. A habilitation counts only while the
 * portfolio it was granted through still holds its SIRET and its service,
 * and only with at least one right ticked; an account's own filings count
 * only when filed from a SIRET of its company. Every lookup is an index probe
 * (indexes of Migration20261126100000_rights); the company's filings are
 * found from the declared SIRET's latest filings backwards, each declaring
 * SIRET checked by its unique index, so a company with thousands of
 * establishments costs no more than a small one.
 */
const FACTS_SQL = `
with q as (
  select *
  from rows from (jsonb_to_recordset($1::jsonb) as (account_id uuid, siret varchar, employee_ids varchar[], scope_company uuid, today date))
    with ordinality as q(account_id, siret, employee_ids, scope_company, today, n)
), pair as (
  select
    q.n, q.siret, a.id as account_id, a.company_id, a.status,
    exists (select 1 from establishment e where e.siret = q.siret and e.company_id = a.company_id) as own_establishment,
    (
      select f.period::text
      from dsn_filing f
      where f.declaring_account_id = a.id and f.declared_siret = q.siret
        and (select e.company_id from establishment e where e.siret = f.declaring_siret) = a.company_id
      order by f.period desc
      limit 1
    ) as last_own_filing,
    (
      select f.period::text
      from dsn_filing f
      where f.declared_siret = q.siret
        and (select e.company_id from establishment e where e.siret = f.declaring_siret) = a.company_id
      order by f.period desc
      limit 1
    ) as last_company_filing,
    array(
      select x.id
      from unnest(q.employee_ids) with ordinality as x(id, i)
      where not exists (
        select 1
        from employment_relation r
        where r.employer_siret = q.siret and r.employee_id = x.id
          and r.start_date <= q.today and (r.end_date is null or r.end_date >= q.today)
      )
      order by x.i
    ) as employees_not_employed
  from q
  left join account a on a.id = q.account_id and a.company_id = coalesce(q.scope_company, a.company_id)
)
select
  pair.n, pair.company_id as account_company_id, pair.status as account_status,
  pair.own_establishment, pair.last_own_filing, pair.last_company_filing, pair.employees_not_employed,
  s.code as service_code, s.access_mode, s.active as service_active, s.check_declaring_siret, s.check_employees,
  h.can_declare, h.can_pay, h.can_consult,
  exists (
    select 1
    from portfolio_establishment pe
    join portfolio p on p.id = pe.portfolio_id
    join portfolio_service ps on ps.portfolio_id = pe.portfolio_id and ps.service_code = s.code
    where pe.siret = pair.siret and p.company_id = pair.company_id
  ) as service_in_portfolio
from pair
cross join declarative_service s
left join habilitation h on h.account_id = pair.account_id and h.siret = pair.siret and h.service_code = s.code
  and (h.can_declare or h.can_pay or h.can_consult)
  and exists (select 1 from portfolio_establishment pe where pe.portfolio_id = h.portfolio_id and pe.siret = h.siret)
  and exists (select 1 from portfolio_service ps where ps.portfolio_id = h.portfolio_id and ps.service_code = h.service_code)
order by pair.n`;

/** What a caller asks about: an account on a SIRET (with these employees), on a given day, within his scope. */
export interface PairQuery {
  accountId: string;
  siret: string;
  employeeIds: string[];
  scope: DecisionScope;
}

/** What the database says about one (account, SIRET) pair, for every service. */
export interface PairFacts {
  /** The company of the account asked about; null when no account of the caller's scope has this id. */
  companyId: string | null;
  /** The facts of each service of the catalogue, by code. */
  services: Map<string, DecisionFacts>;
  /** The facts of a service code the catalogue does not hold. */
  unknownService: DecisionFacts;
}

export const pairOf = (question: AccessQuestion, scope: DecisionScope): PairQuery => ({
  accountId: question.accountId,
  siret: question.siret,
  employeeIds: question.employeeIds ?? [],
  scope,
});

export const factsFor = (pair: PairFacts, service: string): DecisionFacts => pair.services.get(service) ?? pair.unknownService;

/** What a caller learns about an account of a company he cannot see: nothing (UNKNOWN_ACCOUNT). */
export const OUT_OF_SCOPE: PairFacts = {
  companyId: null,
  services: new Map(),
  unknownService: {
    account: null,
    service: null,
    habilitation: null,
    serviceInPortfolio: false,
    ownEstablishment: false,
    lastOwnFiling: null,
    lastCompanyFiling: null,
    employeesNotEmployed: [],
  },
};

/** The facts of each pair, in order, with one query whatever the number of pairs — each with its own scope, so the pairs of several callers can share the query. */
export async function loadPairFacts(em: EntityManager, pairs: PairQuery[]): Promise<PairFacts[]> {
  const json = JSON.stringify(
    pairs.map((p) => ({ account_id: p.accountId, siret: p.siret, employee_ids: p.employeeIds, scope_company: p.scope.companyId, today: p.scope.today })),
  );
  const rows = await preparedQuery<FactsRow>(em, 'access_pair_facts', FACTS_SQL, [json]);
  const result: PairFacts[] = [];
  for (const row of rows) {
    const i = Number(row.n) - 1;
    const pair = (result[i] ??= { companyId: row.account_company_id, services: new Map(), unknownService: toFacts(row, false) });
    pair.services.set(row.service_code, toFacts(row, true));
  }
  return result;
}

function toFacts(row: FactsRow, known: boolean): DecisionFacts {
  return {
    account: row.account_status === null ? null : { active: row.account_status === AccountStatus.ACTIVE },
    service: known
      ? {
          accessMode: row.access_mode,
          active: row.service_active,
          checkDeclaringSiret: row.check_declaring_siret,
          checkEmployees: row.check_employees,
        }
      : null,
    habilitation:
      known && row.can_declare !== null ? { canDeclare: row.can_declare, canPay: row.can_pay === true, canConsult: row.can_consult === true } : null,
    serviceInPortfolio: known && row.service_in_portfolio,
    ownEstablishment: row.own_establishment,
    lastOwnFiling: row.last_own_filing,
    lastCompanyFiling: row.last_company_filing,
    employeesNotEmployed: row.employees_not_employed,
  };
}
