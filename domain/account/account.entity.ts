import { Entity, EntityRepositoryType, Enum, Index, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity';
import { Company } from '../company/company.entity';
import { Establishment } from '../company/establishment.entity';
import { AccountRepository } from './account.repository';

export enum AccountRole {
  SUPPORT = 'SUPPORT',
  ADMINISTRATOR = 'ADMINISTRATOR',
  DECLARANT = 'DECLARANT',
}

export enum AccountStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  LOCKED = 'LOCKED',
  RADIATED = 'RADIATED',
}

export enum AdminStatus {
  PRIMO_AD = 'PRIMO_AD',
  CANDIDATE_AD = 'CANDIDATE_AD',
  ACTIVE = 'ACTIVE',
}

/** One digital identity: SIRET + last name + first name, with its password. */
@Entity({ tableName: 'account', repository: () => AccountRepository })
export class Account extends BaseEntity {
  [EntityRepositoryType]?: AccountRepository;

  @ManyToOne(() => Company, { deleteRule: 'cascade' })
  @Index()
  company!: Rel<Company>;

  @ManyToOne(() => Establishment, { deleteRule: 'cascade' })
  establishment!: Rel<Establishment>;

  @Property({ length: 14 })
  siret!: string;

  @Property()
  lastName!: string;

  @Property()
  firstName!: string;

  /** Normalised triplet: the login key, unique among the accounts not RADIATED (partial unique index, migration 20261202100000). */
  @Property({ hidden: true })
  @Index()
  identityKey!: string;

  /** The address in use: mails and approvals go to it, and it stays in use while a change waits for confirmation. */
  @Property()
  email!: string;

  /**
   * A new address waiting for its confirmation link, when `email` was
   * confirmed: it replaces `email` only once confirmed (the account keeps
   * counting as confirmed meanwhile); null when no change waits.
   */
  @Property({ nullable: true })
  pendingEmail?: string | null;

  @Enum({ items: () => AccountRole, nativeEnumName: 'account_role' })
  role!: AccountRole;

  @Enum({ items: () => AccountStatus, nativeEnumName: 'account_status' })
  status: Opt<AccountStatus> = AccountStatus.PENDING;

  @Enum({ items: () => AdminStatus, nativeEnumName: 'admin_status', nullable: true })
  adminStatus?: AdminStatus | null;

  @Property({ hidden: true, lazy: true })
  passwordHash!: string;

  /** Asked when the password is lost (DOMAIN.md « Lost password »); null when none was chosen. */
  @Property({ length: 200, nullable: true })
  secretQuestion?: string | null;

  /** The answer, only as hashSecretAnswer made it (domain/account/password.hasher.ts). */
  @Property({ hidden: true, lazy: true, nullable: true })
  secretAnswerHash?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  emailConfirmedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  lastLoginAt?: Date | null;

  /** Epoch-ms times of the failed logins inside the lockout window. */
  @Property({ type: 'jsonb', hidden: true })
  recentFailures: Opt<number[]> = [];

  @Property({ type: 'integer', default: 0, hidden: true })
  lockouts: Opt<number> = 0;

  @Property({ type: 'timestamptz', nullable: true })
  lockedUntil?: Date | null;
}
