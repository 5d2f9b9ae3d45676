import { raw, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../account/account.entity';
import { DEFAULT_DECISION_POLICY, lookBackStart, type DecisionPolicyOptions } from '../access/decision.policy';
import { forbidden } from '../auth/auth.errors';
import type { Scope } from '../auth/scope';
import type { DsnFiling } from './dsn-filing.entity';
import type { EmploymentRelation } from './employment-relation.entity';

/**
 * What the control services show (DOMAIN.md: they never reveal data of a
 * SIRET the caller does not manage, and "manages" needs evidence, not a
 * claim). A company manages its own establishments and the SIRETs whose DSN
 * it filed (from one of its establishments) within the look-back of the
 * access decisions; a SIRET typed into one of its portfolios opens nothing
 * here. Support sees all; a declarant nothing.
 */
const OWN_SIRETS = 'select e.siret from establishment e where e.company_id = ?';
const FILED_SIRETS = `select f.declared_siret from establishment e join dsn_filing f on f.declaring_siret = e.siret
  where e.company_id = ? and f.period >= ?::date`;
const MANAGED_SIRETS = `${OWN_SIRETS} union ${FILED_SIRETS}`;

function managerCompany(scope: Scope): string | null {
  if (scope.kind === 'self') throw forbidden();
  return scope.kind === 'all' ? null : scope.companyId;
}

/** The parameters of MANAGED_SIRETS. */
const managed = (company: string, now: Date, policy: DecisionPolicyOptions) => [company, company, lookBackStart(now, policy.lookBackMonths)];

/**
 * Of the SIRETs matching these LIKE patterns (whole SIRETs, or a SIREN and
 * `%`), those the company manages, in order.
 */
export async function managedSirets(
  em: EntityManager,
  companyId: string,
  patterns: string[],
  now = new Date(),
  policy = DEFAULT_DECISION_POLICY,
): Promise<string[]> {
  if (!patterns.length) return [];
  const rows = await em.execute<Array<{ siret: string }>>(`select siret from (${MANAGED_SIRETS}) m(siret) where siret like any(array[?]) order by siret`, [
    ...managed(companyId, now, policy),
    patterns,
  ]);
  return rows.map((r) => r.siret);
}

/**
 * Links whose declared SIRET the company manages, or that one of its
 * establishments filed (its own acts, however old). A union of index scans:
 * an OR of the two would scan every filing.
 */
const MANAGED_LINKS = `select m.id from dsn_filing m where m.declared_siret in (${MANAGED_SIRETS})
  union all select m.id from dsn_filing m where m.declaring_siret in (${OWN_SIRETS})`;

export function dsnLinkScope(scope: Scope, now = new Date(), policy = DEFAULT_DECISION_POLICY): FilterQuery<DsnFiling> {
  const company = managerCompany(scope);
  if (!company) return {};
  return { [raw((a: string) => `${a}.id in (${MANAGED_LINKS})`, [...managed(company, now, policy), company])]: [] };
}

/** Relations whose employer SIRET the company manages. */
export function employmentRelationScope(scope: Scope, now = new Date(), policy = DEFAULT_DECISION_POLICY): FilterQuery<EmploymentRelation> {
  const company = managerCompany(scope);
  if (!company) return {};
  return { [raw((a: string) => `${a}.employer_siret in (${MANAGED_SIRETS})`, managed(company, now, policy))]: [] };
}

/**
 * Which of these declaring accounts a link may name: support sees them all,
 * an administrator those of his company — another company's account (a
 * payroll firm's declarant) is that company's data.
 */
export async function shownDeclaringAccounts(em: EntityManager, scope: Scope, accountIds: string[]): Promise<(accountId: string) => boolean> {
  const company = managerCompany(scope);
  if (!company) return () => true;
  const ids = [...new Set(accountIds)];
  const own = ids.length ? await em.find(Account, { id: { $in: ids }, company }, { fields: ['id'] }) : [];
  const shown = new Set(own.map((a) => a.id));
  return (accountId) => shown.has(accountId);
}
