import type { EntityManager } from '@mikro-orm/postgresql';
import { removeUnconfirmedAccount } from '../account/account-closure';
import { AccountStatus } from '../account/account.entity';
import { appendAudit, type AuditEntry } from '../audit/audit-trail';
import { Arrival } from './arrival.entity';
import type { ArrivalCancelCause, ArrivalStatus } from './collaborators.status';

/** What the read model shows of the arrival workflow's state. */
export interface ArrivalSnapshot {
  status: ArrivalStatus;
  startDate: string;
  invitedAt: string | null;
  expiresAt: string | null;
}

export function applyArrivalSnapshot(arrival: Arrival, s: ArrivalSnapshot): void {
  Object.assign(arrival, {
    status: s.status,
    startDate: s.startDate,
    invitedAt: s.invitedAt ? new Date(s.invitedAt) : null,
    expiresAt: s.expiresAt ? new Date(s.expiresAt) : null,
  });
}

export function arrivalSnapshotOf(a: Arrival): ArrivalSnapshot {
  return { status: a.status, startDate: a.startDate, invitedAt: a.invitedAt?.toISOString() ?? null, expiresAt: a.expiresAt?.toISOString() ?? null };
}

export interface ArrivalEnd {
  arrivalId: string;
  outcome: 'EXPIRED' | 'CANCELLED';
  /** Who ended it (nothing: the system). */
  actor: Pick<AuditEntry, 'actorId' | 'actorLabel'>;
  /** A person's own words. */
  reason?: string | null;
  /** Cancelled by a departure's process: why, as a code. */
  cause?: ArrivalCancelCause;
  /** The workflow's state; without it (a terminated workflow tells nothing more), the record's own. */
  snapshot?: ArrivalSnapshot;
  /** Further facts for the audit (e.g. the process was terminated). */
  details?: Record<string, unknown>;
  dedupeKey: string;
}

/**
 * Ends, in the caller's transaction, an arrival nobody confirmed: its read
 * model EXPIRED or CANCELLED, audited, and the PENDING account removed with
 * its links (the rights were never granted). The arrival workflow's step
 * when it expires or is cancelled, and the API's closing of one terminated
 * from supervision. Returns whether the account was removed.
 */
export async function endArrivalRecord(em: EntityManager, req: ArrivalEnd): Promise<boolean> {
  const arrival = await em.findOneOrFail(Arrival, req.arrivalId, { populate: ['account'] });
  const before = arrivalSnapshotOf(arrival);
  const account = arrival.account;
  const removing = account?.status === AccountStatus.PENDING;
  applyArrivalSnapshot(arrival, { ...(req.snapshot ?? before), status: req.outcome });
  appendAudit(em, {
    ...req.actor,
    action: `ARRIVAL.${req.outcome}`,
    targetType: 'Arrival',
    targetId: arrival.id,
    companyId: arrival.company.id,
    before: { ...before },
    after: { ...arrivalSnapshotOf(arrival), accountRemoved: removing, ...(req.reason ? { reason: req.reason } : {}), ...(req.cause ? { cause: req.cause } : {}), ...req.details },
    dedupeKey: req.dedupeKey,
  });
  await em.flush();
  return account && removing ? removeUnconfirmedAccount(em, account.id) : false;
}
