import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../account/account.entity';
import { appendAudit, type AuditEntry } from '../audit/audit-trail';
import type { DepartureRightsMode, DepartureStatus, DepartureWaitingReason } from './collaborators.status';
import { Departure } from './departure.entity';

/** What the audit trail shows of a departure's read model. */
export function departureSnapshotOf(d: Departure): Record<string, unknown> {
  return { status: d.status, effectiveDate: d.effectiveDate, waitingReason: d.waitingReason ?? null, rightsMode: d.rightsMode, toAccountId: d.toAccount?.id ?? null };
}

export interface DepartureRecordChange {
  departureId: string;
  /** Audit action, e.g. DEPARTURE.WAITING_FOR_TARGET. */
  action: string;
  /** Who acted (nothing: the system). */
  actor: Pick<AuditEntry, 'actorId' | 'actorLabel'>;
  status: DepartureStatus;
  effectiveDate: string;
  waitingReason?: DepartureWaitingReason | null;
  details?: Record<string, unknown>;
  /** Retargeted: where the rights go now (an existing collaborator, or nobody). */
  target?: { rightsMode: DepartureRightsMode; toAccountId: string | null };
  dedupeKey: string;
}

/**
 * One transition of a departure's read model (re-dated, waiting, retargeted,
 * cancelled), audited, in the caller's transaction: the departure
 * workflow's step, and the API's closing of one terminated from supervision.
 */
export async function changeDepartureRecord(em: EntityManager, t: DepartureRecordChange): Promise<void> {
  const departure = await em.findOneOrFail(Departure, t.departureId);
  const before = departureSnapshotOf(departure);
  Object.assign(departure, { status: t.status, effectiveDate: t.effectiveDate, waitingReason: t.waitingReason ?? null });
  if (t.target) {
    const to = t.target.toAccountId ? await em.findOneOrFail(Account, t.target.toAccountId) : null;
    Object.assign(departure, { rightsMode: t.target.rightsMode, toAccount: to, toName: to && `${to.firstName} ${to.lastName}` });
  }
  appendAudit(em, {
    ...t.actor,
    action: t.action,
    targetType: 'Departure',
    targetId: departure.id,
    companyId: departure.company.id,
    before,
    after: { ...departureSnapshotOf(departure), ...t.details },
    dedupeKey: t.dedupeKey,
  });
}
