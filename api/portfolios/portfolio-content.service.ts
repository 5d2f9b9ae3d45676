import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Establishment } from '../../domain/company/establishment.entity';
import { managedSirets } from '../../domain/dsn/dsn-control.scope';
import { AccessMode, DeclarativeService } from '../../domain/rights/declarative-service.entity';
import { Habilitation } from '../../domain/rights/habilitation.entity';
import { PortfolioEstablishment } from '../../domain/rights/portfolio-establishment.entity';
import { PortfolioService } from '../../domain/rights/portfolio-service.entity';
import { PortfolioKind, type Portfolio } from '../../domain/rights/portfolio.entity';
import {
  establishmentNotInPortfolio,
  notOwnEstablishment,
  serviceInheritedFromDsn,
  serviceNotInPortfolio,
  serviceUnknown,
  sirenUnknown,
} from '../../domain/rights/portfolio.errors';
import type { AuthContext } from '../auth/auth.middleware';
import { auditPortfolio, findPortfolio } from './portfolio-scope';

/** Runs one change of a portfolio's content in a transaction, on a portfolio the caller manages. */
async function changeContent<T>(orm: MikroORM, auth: AuthContext, id: string, change: (em: EntityManager, portfolio: Portfolio) => Promise<T>): Promise<T> {
  return orm.em.fork().transactional(async (em) => change(em, await findPortfolio(em, auth.scope, id)));
}

/**
 * What a SIREN adds: its registered establishments (the public register's
 * content, what the firm would type in itself) and the SIRETs of it the
 * portfolio's company manages (DSN filed within the look-back). Never a SIRET
 * known only from another firm's filings: that would tell who files what.
 */
async function siretsOfSiren(em: EntityManager, companyId: string, siren: string): Promise<string[]> {
  const registered = await em.find(Establishment, { siret: { $like: `${siren}%` } }, { fields: ['siret'] });
  const managed = await managedSirets(em, companyId, [`${siren}%`]);
  return [...new Set([...registered.map((e) => e.siret), ...managed])].sort();
}

/**
 * The names of the establishments of these SIRETs that the company manages
 * (DOMAIN.md: nothing of a SIRET it does not manage, be it another
 * company's registered establishment).
 */
export async function managedEstablishmentNames(em: EntityManager, companyId: string, sirets: string[]): Promise<Map<string, string>> {
  const managed = await managedSirets(em, companyId, sirets);
  if (!managed.length) return new Map();
  return new Map((await em.find(Establishment, { siret: { $in: managed } })).map((e) => [e.siret, e.name] as const));
}

/**
 * Adds one SIRET, or the SIRETs of a SIREN (siretsOfSiren). The company portfolio
 * holds only the company's own establishments (client ones go to a client
 * portfolio). Above 100 SIRETs the portfolio carries an advice, never a refusal.
 */
export function addEstablishments(orm: MikroORM, auth: AuthContext, id: string, request: { siret?: string; siren?: string }) {
  return changeContent(orm, auth, id, async (em, portfolio) => {
    const [field, value] = request.siret ? (['siret', request.siret] as const) : (['siren', request.siren!] as const);
    const { siren } = portfolio.company;
    if (portfolio.kind === PortfolioKind.COMPANY && !value.startsWith(siren)) throw notOwnEstablishment(field, value, siren);
    const sirets = request.siret ? [request.siret] : await siretsOfSiren(em, portfolio.company.id, value);
    if (!sirets.length) throw sirenUnknown(value);
    const present = new Set((await em.find(PortfolioEstablishment, { portfolio, siret: { $in: sirets } })).map((e) => e.siret));
    const added = sirets.filter((s) => !present.has(s));
    for (const siret of added) em.create(PortfolioEstablishment, { portfolio, siret });
    if (added.length) auditPortfolio(em, auth, portfolio, 'PORTFOLIO.ESTABLISHMENTS_ADDED', { after: { sirets: added } });
    return { added, alreadyThere: sirets.filter((s) => present.has(s)) };
  });
}

/** Removes a SIRET and the habilitations granted on it through this portfolio. */
export function removeEstablishment(orm: MikroORM, auth: AuthContext, id: string, siret: string) {
  return changeContent(orm, auth, id, async (em, portfolio) => {
    if (!(await em.nativeDelete(PortfolioEstablishment, { portfolio, siret }))) throw establishmentNotInPortfolio(siret);
    const habilitations = await em.nativeDelete(Habilitation, { portfolio, siret });
    auditPortfolio(em, auth, portfolio, 'PORTFOLIO.ESTABLISHMENT_REMOVED', { before: { siret, habilitations } });
  });
}

/** Adds a declarative service whose rights are granted (DSN-inherited ones need none). */
export function addService(orm: MikroORM, auth: AuthContext, id: string, serviceCode: string) {
  return changeContent(orm, auth, id, async (em, portfolio) => {
    const service = await em.findOne(DeclarativeService, { code: serviceCode });
    if (!service) throw serviceUnknown(serviceCode);
    if (service.accessMode === AccessMode.DSN_INHERITED) throw serviceInheritedFromDsn(serviceCode);
    if (await em.findOne(PortfolioService, { portfolio, service })) return;
    em.create(PortfolioService, { portfolio, service });
    auditPortfolio(em, auth, portfolio, 'PORTFOLIO.SERVICE_ADDED', { after: { serviceCode } });
  });
}

/** Removes a service and the habilitations of that service granted through this portfolio. */
export function removeService(orm: MikroORM, auth: AuthContext, id: string, serviceCode: string) {
  return changeContent(orm, auth, id, async (em, portfolio) => {
    if (!(await em.nativeDelete(PortfolioService, { portfolio, service: serviceCode }))) throw serviceNotInPortfolio(serviceCode);
    const habilitations = await em.nativeDelete(Habilitation, { portfolio, service: serviceCode });
    auditPortfolio(em, auth, portfolio, 'PORTFOLIO.SERVICE_REMOVED', { before: { serviceCode, habilitations } });
  });
}
