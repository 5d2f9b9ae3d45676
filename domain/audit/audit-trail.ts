import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEvent, SYSTEM_ACTOR } from './audit-event.entity';

export interface AuditEntry {
  actorId?: string | null;
  actorLabel?: string;
  action: string;
  targetType: string;
  targetId: string;
  companyId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  dedupeKey?: string | null;
}

/** Appends one audit event in the caller's unit of work (flushed with it). */
export function appendAudit(em: EntityManager, entry: AuditEntry): AuditEvent {
  return em.create(AuditEvent, { actorLabel: SYSTEM_ACTOR, ...entry, at: new Date() });
}
