import { raw, type FilterQuery } from '@mikro-orm/core';
import { forbidden } from '../auth/auth.errors';
import type { Scope } from '../auth/scope';
import type { DsnFiling } from './dsn-filing.entity';
import type { EmploymentRelation } from './employment-relation.entity';

/**
 * What the control services show (DOMAIN.md: they never reveal data of a
 * SIRET the caller does not manage). A company manages the SIRETs of its
 * portfolios and its own establishments; support sees all; a declarant nothing.
 */
const PORTFOLIO_SIRETS = 'select pe.siret from portfolio_establishment pe join portfolio p on p.id = pe.portfolio_id where p.company_id = ?';
const OWN_SIRETS = 'select e.siret from establishment e where e.company_id = ?';

function managerCompany(scope: Scope): string | null {
  if (scope.kind === 'self') throw forbidden();
  return scope.kind === 'all' ? null : scope.companyId;
}

/**
 * Links whose declared SIRET the company manages, or that one of its
 * establishments filed. A union of two index scans: an OR of the two would
 * scan every filing.
 */
const MANAGED_LINKS = `select m.id from dsn_filing m where m.declared_siret in (${PORTFOLIO_SIRETS})
  union all select m.id from dsn_filing m where m.declaring_siret in (${OWN_SIRETS})`;

export function dsnLinkScope(scope: Scope): FilterQuery<DsnFiling> {
  const company = managerCompany(scope);
  if (!company) return {};
  return { [raw((a: string) => `${a}.id in (${MANAGED_LINKS})`, [company, company])]: [] };
}

/** Relations whose employer SIRET the company manages. */
export function employmentRelationScope(scope: Scope): FilterQuery<EmploymentRelation> {
  const company = managerCompany(scope);
  if (!company) return {};
  return { [raw((a: string) => `${a}.employer_siret in (${PORTFOLIO_SIRETS} union ${OWN_SIRETS})`, [company, company])]: [] };
}
