import { Entity, Enum, Index, Property, Unique, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity';

export enum OutboxStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
}

/**
 * Every mail the system sends, written before it is sent (outbox pattern):
 * a delivery activity reads it, sends it and records the outcome.
 */
@Entity({ tableName: 'outbox_message' })
@Index({ properties: ['createdAt'] })
export class OutboxMessage extends BaseEntity {
  /** Idempotency key of the step that wrote it (workflow id + step). */
  @Property()
  @Unique()
  dedupeKey!: string;

  @Property({ fieldName: 'recipient' })
  to!: string;

  @Property()
  subject!: string;

  @Property({ type: 'text' })
  text!: string;

  @Property({ type: 'text' })
  html!: string;

  @Property({ type: 'jsonb' })
  links: Opt<string[]> = [];

  @Enum({ items: () => OutboxStatus, nativeEnumName: 'outbox_status' })
  status: Opt<OutboxStatus> = OutboxStatus.PENDING;

  @Property({ type: 'integer', default: 0 })
  attempts: Opt<number> = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  sentAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Index()
  companyId?: string | null;
}
