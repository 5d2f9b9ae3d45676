import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Account, AccountRole } from '../../domain/account/account.entity';
import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit } from '../../domain/audit/audit-trail';
import {
  concurrentChange,
  grantedThroughAnotherPortfolio,
  habilitationNotFound,
  holderNotFound,
  serviceNotInPortfolio,
  serviceUnknown,
  siretNotInPortfolio,
} from '../../domain/rights/habilitation.errors';
import { DeclarativeService } from '../../domain/rights/declarative-service.entity';
import { Habilitation } from '../../domain/rights/habilitation.entity';
import { PortfolioEstablishment } from '../../domain/rights/portfolio-establishment.entity';
import { PortfolioService } from '../../domain/rights/portfolio-service.entity';
import type { AuthContext } from '../auth/auth.middleware';
import { findPortfolio } from '../portfolios/portfolio-scope';
import { habilitationScope, toHabilitationRecord, type HabilitationSet } from './habilitations.schemas';

type State = Omit<ReturnType<typeof toHabilitationRecord>, 'id' | 'createdAt'>;

function stateOf(h: Habilitation): State {
  const { id: _id, createdAt: _at, ...state } = toHabilitationRecord(h);
  return state;
}

function audit(em: EntityManager, auth: AuthContext, h: Habilitation, companyId: string, before: State | null, after: State | null) {
  const action = !after ? 'HABILITATION.REVOKED' : before ? 'HABILITATION.CHANGED' : 'HABILITATION.GRANTED';
  appendAudit(em, { ...auditActor(auth.account), action, targetType: 'Habilitation', targetId: h.id, companyId, before, after });
}

const sameRights = (h: Habilitation, r: HabilitationSet) => h.canDeclare === r.canDeclare && h.canPay === r.canPay && h.canConsult === r.canConsult;

/**
 * Grants, changes or — all rights off — revokes one cell of the matrix:
 * declarant × SIRET × service, through a portfolio that holds both the SIRET
 * and the service. Returns the habilitation, or null when there is none left.
 */
export async function setHabilitation(orm: MikroORM, auth: AuthContext, request: HabilitationSet): Promise<Habilitation | null> {
  const { siret, serviceCode, canDeclare, canPay, canConsult } = request;
  return orm.em
    .fork()
    .transactional(async (em) => {
      const portfolio = await findPortfolio(em, auth.scope, request.portfolioId);
      const companyId = portfolio.company.id;
      const roles = [AccountRole.DECLARANT, AccountRole.ADMINISTRATOR];
      const account = await em.findOne(Account, { id: request.accountId, company: companyId, role: { $in: roles } });
      if (!account) throw holderNotFound();
      if (!(await em.count(DeclarativeService, { code: serviceCode }))) throw serviceUnknown(serviceCode);
      if (!(await em.count(PortfolioEstablishment, { portfolio, siret }))) throw siretNotInPortfolio(siret);
      if (!(await em.count(PortfolioService, { portfolio, service: serviceCode }))) throw serviceNotInPortfolio(serviceCode);
      const existing = await em.findOne(Habilitation, { account, siret, service: serviceCode });
      if (existing && existing.portfolio.id !== portfolio.id) throw grantedThroughAnotherPortfolio();
      if (existing && sameRights(existing, request)) return existing;
      const before = existing && stateOf(existing);
      if (!canDeclare && !canPay && !canConsult) {
        if (existing) {
          audit(em, auth, existing, companyId, before, null);
          em.remove(existing);
        }
        return null;
      }
      const habilitation = existing ?? em.create(Habilitation, { account, siret, service: serviceCode, portfolio });
      Object.assign(habilitation, { canDeclare, canPay, canConsult, grantedBy: auth.account.id });
      audit(em, auth, habilitation, companyId, before, stateOf(habilitation));
      return habilitation;
    })
    .catch((err: unknown) => {
      throw err instanceof UniqueConstraintViolationException ? concurrentChange() : err;
    });
}

export async function revokeHabilitation(orm: MikroORM, auth: AuthContext, id: string): Promise<void> {
  await orm.em.fork().transactional(async (em) => {
    const habilitation = await em.findOne(Habilitation, { $and: [habilitationScope(auth.scope), { id }] }, { populate: ['portfolio'] });
    if (!habilitation) throw habilitationNotFound();
    audit(em, auth, habilitation, habilitation.portfolio.company.id, stateOf(habilitation), null);
    em.remove(habilitation);
  });
}
