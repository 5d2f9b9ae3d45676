import type { MikroORM } from '@mikro-orm/postgresql';
import { Company } from '../../domain/company/company.entity';
import { Habilitation } from '../../domain/rights/habilitation.entity';
import { Portfolio, PortfolioKind } from '../../domain/rights/portfolio.entity';
import { companyNotFound, companyPortfolioKept, companyRequired } from '../../domain/rights/portfolio.errors';
import type { AuthContext } from '../auth/auth.middleware';
import { auditPortfolio, findPortfolio } from './portfolio-scope';

/** Re-reads a portfolio after a change, with its computed counts. */
export const reload = (orm: MikroORM, id: string) => orm.em.fork().findOneOrFail(Portfolio, id);

/** A new CLIENTS portfolio of the caller's company (support names the company). */
export async function createPortfolio(orm: MikroORM, auth: AuthContext, request: { name: string; companyId?: string }): Promise<Portfolio> {
  const companyId = auth.scope.kind === 'all' ? request.companyId : auth.scope.companyId;
  if (!companyId) throw companyRequired();
  if (request.companyId && request.companyId !== companyId) throw companyNotFound();
  const id = await orm.em.fork().transactional(async (em) => {
    const company = await em.findOne(Company, companyId);
    if (!company) throw companyNotFound();
    const portfolio = em.create(Portfolio, { company, kind: PortfolioKind.CLIENTS, name: request.name });
    auditPortfolio(em, auth, portfolio, 'PORTFOLIO.CREATED', { after: { kind: portfolio.kind, name: portfolio.name } });
    return portfolio.id;
  });
  return reload(orm, id);
}

export async function renamePortfolio(orm: MikroORM, auth: AuthContext, id: string, name: string): Promise<Portfolio> {
  await orm.em.fork().transactional(async (em) => {
    const portfolio = await findPortfolio(em, auth.scope, id);
    if (portfolio.name === name) return;
    auditPortfolio(em, auth, portfolio, 'PORTFOLIO.RENAMED', { before: { name: portfolio.name }, after: { name } });
    portfolio.name = name;
  });
  return reload(orm, id);
}

/** Deletes a CLIENTS portfolio with its content and the habilitations granted through it. */
export async function deletePortfolio(orm: MikroORM, auth: AuthContext, id: string): Promise<void> {
  await orm.em.fork().transactional(async (em) => {
    const portfolio = await findPortfolio(em, auth.scope, id);
    if (portfolio.kind === PortfolioKind.COMPANY) throw companyPortfolioKept();
    const habilitations = await em.nativeDelete(Habilitation, { portfolio });
    auditPortfolio(em, auth, portfolio, 'PORTFOLIO.DELETED', {
      before: { name: portfolio.name, siretCount: portfolio.siretCount, serviceCodes: portfolio.serviceCodes, habilitations },
    });
    await em.nativeDelete(Portfolio, { id: portfolio.id });
  });
}
