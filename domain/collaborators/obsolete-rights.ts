import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEvent } from '../audit/audit-event.entity';
import { cleanupCountChanged } from './collaborators.errors';
import { PENDING_DEPARTURE_STATUSES } from './collaborators.status';
import { randomUUID } from 'node:crypto';

/** Why a habilitation is obsolete (DOMAIN.md "Mass habilitation management", hygiene). */
export const OBSOLETE_REASONS = ['ACCOUNT_RADIATED', 'ESTABLISHMENT_CLOSED', 'NOT_IN_ANY_PORTFOLIO', 'SERVICE_NOT_IN_PORTFOLIO'] as const;
export type ObsoleteReason = (typeof OBSOLETE_REASONS)[number];

export interface ObsoleteRight {
  habilitationId: string;
  accountId: string;
  lastName: string;
  firstName: string;
  siret: string;
  serviceCode: string;
  portfolioName: string;
  reason: ObsoleteReason;
}

/**
 * A company's habilitations that no longer serve, with the first reason
 * that applies: the holder was radiated; the establishment is CLOSED; the
 * SIRET left the portfolio the right was granted through (so no portfolio
 * grants it any more: decisions already ignore it); the service left that
 * portfolio. Rights a departure holds (its leaver radiated at the date,
 * his rights waiting for their receiver) are not obsolete: they are not
 * listed. `lock` reads them FOR UPDATE (the clean-up's transaction).
 */
const OBSOLETE = `
select h.id as "habilitationId", a.id as "accountId", a.last_name as "lastName", a.first_name as "firstName",
       h.siret, h.service_code as "serviceCode", p.name as "portfolioName",
       case when a.status = 'RADIATED' then 'ACCOUNT_RADIATED'
            when e.status = 'CLOSED' then 'ESTABLISHMENT_CLOSED'
            when pe.siret is null then 'NOT_IN_ANY_PORTFOLIO'
            else 'SERVICE_NOT_IN_PORTFOLIO' end as reason
  from habilitation h
  join account a on a.id = h.account_id
  join portfolio p on p.id = h.portfolio_id
  left join establishment e on e.siret = h.siret
  left join portfolio_establishment pe on pe.portfolio_id = h.portfolio_id and pe.siret = h.siret
  left join portfolio_service ps on ps.portfolio_id = h.portfolio_id and ps.service_code = h.service_code
 where p.company_id = ? and (?::text is null or h.siret = ?)
   and (a.status = 'RADIATED' or e.status = 'CLOSED' or pe.siret is null or ps.service_code is null)
   and not (a.status = 'RADIATED' and exists (select 1 from departure d where d.account_id = a.id and d.status in (${PENDING_DEPARTURE_STATUSES.map((status) => `'${status}'`).join(', ')})))
 order by a.last_name, a.first_name, h.siret, h.service_code`;

export async function obsoleteRights(em: EntityManager, companyId: string, siret: string | null, lock = false): Promise<ObsoleteRight[]> {
  return (await em.execute(lock ? `${OBSOLETE} for update of h` : OBSOLETE, [companyId, siret, siret])) as ObsoleteRight[];
}

export interface CleanupActor {
  actorId: string;
  actorLabel: string;
}

/**
 * Removes the obsolete rights the person saw, in one transaction (the
 * caller's): refused, with nothing removed, when the list changed since it
 * was shown. One audit line per right removed. Returns how many.
 */
export async function cleanUpObsoleteRights(em: EntityManager, companyId: string, siret: string | null, expectedCount: number, actor: CleanupActor): Promise<number> {
  await em.execute('select id from company where id = ? for update', [companyId]);
  const rights = await obsoleteRights(em, companyId, siret, true);
  if (rights.length !== expectedCount) throw cleanupCountChanged(expectedCount, rights.length);
  if (!rights.length) return 0;
  await em.execute(`delete from habilitation where id in (${rights.map(() => '?').join(',')})`, rights.map((r) => r.habilitationId));
  const at = new Date();
  await em.insertMany(AuditEvent, [
    ...rights.map((r) => ({
      id: randomUUID(),
      at,
      ...actor,
      action: 'HABILITATION.REVOKED',
      targetType: 'Habilitation',
      targetId: r.habilitationId,
      companyId,
      before: { accountId: r.accountId, siret: r.siret, serviceCode: r.serviceCode, portfolioName: r.portfolioName },
      after: { reason: r.reason, cleanup: true },
    })),
    {
      id: randomUUID(),
      at,
      ...actor,
      action: 'OBSOLETE_RIGHTS.CLEANED',
      targetType: 'Company',
      targetId: companyId,
      companyId,
      after: { siret, removed: rights.length },
    },
  ]);
  return rights.length;
}

