import type { FilterQuery } from '@mikro-orm/core';
import type { Scope } from '../../domain/auth/scope';
import type { Habilitation } from '../../domain/rights/habilitation.entity';
import { defined } from '../http/filters';
import { z } from '../http/openapi';
import { Siret, SiretFilter, siretMatch } from '../portfolios/identifier.schemas';

const rights = { canDeclare: z.boolean(), canPay: z.boolean(), canConsult: z.boolean() };

export const HabilitationRecord = z
  .object({
    id: z.string().uuid(),
    accountId: z.string().uuid(),
    siret: z.string(),
    serviceCode: z.string(),
    portfolioId: z.string().uuid(),
    ...rights,
    createdAt: z.string().datetime(),
  })
  .openapi('Habilitation');

export const HabilitationSet = z
  .object({
    portfolioId: z.string().uuid('Identifiant invalide'),
    accountId: z.string().uuid('Identifiant invalide'),
    siret: Siret,
    serviceCode: z.string().trim().min(1, 'Service obligatoire').max(32),
    ...rights,
  })
  .openapi('HabilitationSet');
export type HabilitationSet = z.infer<typeof HabilitationSet>;

export const HabilitationFilter = z.object({
  portfolioId: z.string().uuid().optional(),
  accountId: z.string().uuid().optional(),
  siret: SiretFilter.optional(),
  serviceCode: z.string().optional(),
});

export const habilitationFilterWhere = ({ portfolioId, accountId, siret, serviceCode }: z.infer<typeof HabilitationFilter>): FilterQuery<Habilitation> =>
  defined({ portfolio: portfolioId, account: accountId, siret: siretMatch(siret), service: serviceCode });

/** Support sees every habilitation, an administrator his company's, a declarant his own. */
export const habilitationScope = (scope: Scope): FilterQuery<Habilitation> =>
  scope.kind === 'all' ? {} : scope.kind === 'company' ? { portfolio: { company: scope.companyId } } : { account: scope.accountId };

export const toHabilitationRecord = (h: Habilitation) => ({
  id: h.id,
  accountId: h.account.id,
  siret: h.siret,
  serviceCode: h.service.code,
  portfolioId: h.portfolio.id,
  canDeclare: h.canDeclare,
  canPay: h.canPay,
  canConsult: h.canConsult,
  createdAt: h.createdAt.toISOString(),
});
