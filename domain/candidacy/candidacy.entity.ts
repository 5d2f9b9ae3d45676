import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Account } from '../account/account.entity';
import { Company } from '../company/company.entity';
import { BaseEntity } from '../shared/base.entity';
import { CANDIDACY_ROUTES, CANDIDACY_STATUSES, type CandidacyRoute, type CandidacyStatus } from './candidacy.status';

/**
 * Read model of an administrator candidacy (Candidat AD). The API writes it
 * once when the candidate applies; from then on only the candidacy
 * workflow's activities change it.
 */
@Entity({ tableName: 'candidacy' })
@Index({ properties: ['company', 'status'] })
export class Candidacy extends BaseEntity {
  @Property()
  @Unique()
  workflowId!: string;

  @ManyToOne(() => Company, { deleteRule: 'cascade' })
  company!: Rel<Company>;

  @Property({ length: 9 })
  companySiren!: string;

  @Property()
  companyName!: string;

  /** The candidate's account; null once a failed candidacy removed it. */
  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  @Index()
  account?: Rel<Account> | null;

  @Property({ length: 14 })
  siret!: string;

  @Property()
  lastName!: string;

  @Property()
  firstName!: string;

  @Property()
  email!: string;

  @Enum({ items: [...CANDIDACY_STATUSES], nativeEnumName: 'candidacy_status' })
  status: Opt<CandidacyStatus> = 'AWAITING_EMAIL';

  @Enum({ items: [...CANDIDACY_ROUTES], nativeEnumName: 'candidacy_route' })
  route: Opt<CandidacyRoute> = 'APPROVAL';

  /** Next deadline of the current phase. */
  @Property({ type: 'timestamptz', nullable: true })
  dueDate?: Date | null;

  /** Day 30, or the key's expiry on the letter route. */
  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'boolean', default: false })
  letterRouteOffered: Opt<boolean> = false;

  @Property({ type: 'integer', nullable: true })
  attemptsLeft?: number | null;

  @Property({ type: 'integer', default: 0 })
  lettersSent: Opt<number> = 0;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  decidedBy?: Rel<Account> | null;

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  refusalReason?: string | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
