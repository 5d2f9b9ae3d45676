import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit, type AuditEntry } from '../../domain/audit/audit-trail';
import type { Scope } from '../../domain/auth/scope';
import { Portfolio } from '../../domain/rights/portfolio.entity';
import { portfolioNotFound } from '../../domain/rights/portfolio.errors';
import type { AuthContext } from '../auth/auth.middleware';

/** Portfolios a manager sees: all for support, his company's for an administrator. */
export const portfolioScope = (scope: Scope): FilterQuery<Portfolio> => (scope.kind === 'all' ? {} : { company: scope.companyId });

/** The portfolio if the caller may manage it; another company's is a 404. */
export async function findPortfolio(em: EntityManager, scope: Scope, id: string): Promise<Portfolio> {
  const portfolio = await em.findOne(Portfolio, { $and: [portfolioScope(scope), { id }] }, { populate: ['company'] });
  if (!portfolio) throw portfolioNotFound();
  return portfolio;
}

/** Audit event of a change to a portfolio or its content, by the caller, in the caller's unit of work. */
export function auditPortfolio(
  em: EntityManager,
  auth: AuthContext,
  portfolio: Portfolio,
  action: string,
  change: Pick<AuditEntry, 'before' | 'after'>,
): void {
  appendAudit(em, {
    ...auditActor(auth.account),
    action,
    targetType: 'Portfolio',
    targetId: portfolio.id,
    companyId: portfolio.company.id,
    ...change,
  });
}
