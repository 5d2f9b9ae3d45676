import { Entity, Enum, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity';
import { Account } from '../account/account.entity';
import { TOKEN_PURPOSES, type TokenPurpose } from './token-purpose';


/**
 * A single-use link token proving an e-mail address. Only its SHA-256 is
 * stored; the workflow that issued it decides whether it is still the
 * current one.
 */
@Entity({ tableName: 'confirmation_token' })
export class ConfirmationToken extends BaseEntity {
  @Property({ length: 64 })
  @Unique()
  tokenHash!: string;

  @Enum({ items: [...TOKEN_PURPOSES], nativeEnumName: 'token_purpose' })
  purpose!: TokenPurpose;

  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Rel<Account>;

  @Property()
  @Index()
  workflowId!: string;

  /** Idempotency key of the step that issued it. */
  @Property()
  @Unique()
  dedupeKey!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  voidedAt?: Date | null;
}
