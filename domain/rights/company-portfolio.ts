import type { EntityManager } from '@mikro-orm/postgresql';
import type { Company } from '../company/company.entity';
import { Portfolio, PortfolioKind } from './portfolio.entity';
import { PortfolioEstablishment } from './portfolio-establishment.entity';

/** The company portfolio (created with the company) holding its own establishments; idempotent. */
export async function ensureCompanyPortfolio(em: EntityManager, company: Company, sirets: string[]): Promise<Portfolio> {
  const portfolio =
    (await em.findOne(Portfolio, { company, kind: PortfolioKind.COMPANY })) ??
    em.create(Portfolio, { company, kind: PortfolioKind.COMPANY, name: 'Portefeuille entreprise' });
  for (const siret of sirets) {
    if (!(await em.findOne(PortfolioEstablishment, { portfolio, siret }))) em.create(PortfolioEstablishment, { portfolio, siret });
  }
  return portfolio;
}
