import { Entity, Index, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** Append-only trail: who did what to which target, with before/after. */
@Entity({ tableName: 'audit_event' })
@Index({ properties: ['at'] })
export class AuditEvent {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'timestamptz' })
  at: Opt<Date> = new Date();

  /** Account that acted; null for the system itself (workflows, schedules). */
  @Property({ type: 'uuid', nullable: true })
  actorId?: string | null;

  @Property()
  actorLabel!: string;

  @Property()
  action!: string;

  @Property()
  targetType!: string;

  @Property()
  targetId!: string;

  @Property({ type: 'uuid', nullable: true })
  @Index()
  companyId?: string | null;

  @Property({ type: 'jsonb', nullable: true })
  before?: Record<string, unknown> | null;

  @Property({ type: 'jsonb', nullable: true })
  after?: Record<string, unknown> | null;

  /** Set when written by a retried step, so a retry never writes it twice. */
  @Property({ nullable: true })
  @Unique()
  dedupeKey?: string | null;
}

export const SYSTEM_ACTOR = 'system';
