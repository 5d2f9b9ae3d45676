import { Entity, Index, ManyToOne, PrimaryKey, Property, type Rel, type Opt } from '@mikro-orm/core';
import { Account } from '../account/account.entity';

/**
 * A login session. The cookie carries a random token; only its SHA-256 is
 * stored, as the key, so a database leak gives no usable session.
 */
@Entity({ tableName: 'session' })
export class Session {
  @PrimaryKey({ length: 64 })
  tokenHash!: string;

  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  @Index()
  account!: Rel<Account>;

  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;
}
