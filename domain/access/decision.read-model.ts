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
  account_status: AccountStatus | null;
  access_mode: AccessMode | null;
  service_active: boolean | null;
  check_declaring_siret: boolean | null;
  check_employees: boolean | null;
  can_declare: boolean | null;
  can_pay: boolean | null;
  can_consult: boolean | null;
  service_in_portfolio: boolean;
  last_own_filing: string | null;
  last_company_filing: string | null;
  employees_not_employed: string[];
}

/**
 * One row per question, in order. An account outside the caller's company
 * is not found. A habilitation counts only while the portfolio it was
 * granted through still holds its SIRET and its service, and only with at
 * least one right ticked. Every lookup is an index probe per question
 * (indexes of Migration20261126100000_rights); the company's filings are
 * found from the declared SIRET's latest filings backwards, each declaring
 * SIRET checked by its unique index, so a company with thousands of
 * establishments costs no more than a small one.
 */
const FACTS_SQL = `
with q as (
  select *
  from rows from (jsonb_to_recordset($1::jsonb) as (account_id uuid, siret varchar, service_code varchar, employee_ids varchar[]))
    with ordinality as q(account_id, siret, service_code, employee_ids, n)
)
select
  a.status as account_status,
  s.access_mode, s.active as service_active, s.check_declaring_siret, s.check_employees,
  h.can_declare, h.can_pay, h.can_consult,
  exists (
    select 1
    from portfolio_establishment pe
    join portfolio p on p.id = pe.portfolio_id
    join portfolio_service ps on ps.portfolio_id = pe.portfolio_id and ps.service_code = q.service_code
    where pe.siret = q.siret and p.company_id = a.company_id
  ) as service_in_portfolio,
  (
    select f.period::text
    from dsn_filing f
    where f.declaring_account_id = a.id and f.declared_siret = q.siret
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
        and r.start_date <= $2::date and (r.end_date is null or r.end_date >= $2::date)
    )
    order by x.i
  ) as employees_not_employed
from q
left join account a on a.id = q.account_id and a.company_id = coalesce($3::uuid, a.company_id)
left join declarative_service s on s.code = q.service_code
left join habilitation h on h.account_id = a.id and h.siret = q.siret and h.service_code = q.service_code
  and (h.can_declare or h.can_pay or h.can_consult)
  and exists (select 1 from portfolio_establishment pe where pe.portfolio_id = h.portfolio_id and pe.siret = h.siret)
  and exists (select 1 from portfolio_service ps where ps.portfolio_id = h.portfolio_id and ps.service_code = h.service_code)
order by q.n`;

/** The facts behind each question, with one query whatever the number of questions. */
export async function loadDecisionFacts(em: EntityManager, questions: AccessQuestion[], scope: DecisionScope): Promise<DecisionFacts[]> {
  const json = JSON.stringify(
    questions.map((q) => ({ account_id: q.accountId, siret: q.siret, service_code: q.service, employee_ids: q.employeeIds ?? [] })),
  );
  const rows = await preparedQuery<FactsRow>(em, 'access_decision_facts', FACTS_SQL, [json, scope.today, scope.companyId]);
  return rows.map(toFacts);
}

function toFacts(row: FactsRow): DecisionFacts {
  return {
    account: row.account_status === null ? null : { active: row.account_status === AccountStatus.ACTIVE },
    service:
      row.access_mode === null
        ? null
        : {
            accessMode: row.access_mode,
            active: row.service_active === true,
            checkDeclaringSiret: row.check_declaring_siret === true,
            checkEmployees: row.check_employees === true,
          },
    habilitation:
      row.can_declare === null ? null : { canDeclare: row.can_declare, canPay: row.can_pay === true, canConsult: row.can_consult === true },
    serviceInPortfolio: row.service_in_portfolio,
    lastOwnFiling: row.last_own_filing,
    lastCompanyFiling: row.last_company_filing,
    employeesNotEmployed: row.employees_not_employed,
  };
}
