import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Account } from '../account/account.entity';
import { Company } from '../company/company.entity';
import { BaseEntity } from '../shared/base.entity';
import { Arrival } from './arrival.entity';
import {
  DEPARTURE_RIGHTS_MODES,
  DEPARTURE_STATUSES,
  type DepartureRightsMode,
  type DepartureStatus,
  type DepartureWaitingReason,
  type RightReport,
} from './collaborators.status';

/**
 * Read model of a collaborator's departure (radiation). The API writes it
 * once; from then on only the departure workflow's activities change it.
 * At most one pending departure per account (partial unique index).
 */
@Entity({ tableName: 'departure' })
@Index({ properties: ['company', 'status'] })
export class Departure extends BaseEntity {
  @Property()
  @Unique()
  workflowId!: string;

  @ManyToOne(() => Company, { deleteRule: 'cascade' })
  company!: Rel<Company>;

  /** The leaver (RADIATED once the departure is applied). */
  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  @Index()
  account!: Rel<Account>;

  @Property()
  lastName!: string;

  @Property()
  firstName!: string;

  /** Calendar day (Paris) the departure takes effect. */
  @Property({ type: 'date', columnType: 'date' })
  effectiveDate!: string;

  @Enum({ items: [...DEPARTURE_RIGHTS_MODES], nativeEnumName: 'departure_rights_mode' })
  rightsMode!: DepartureRightsMode;

  /** Who receives the rights (TRANSFER; TRANSFER_NEW once the new collaborator's account exists). */
  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  toAccount?: Rel<Account> | null;

  @Property({ nullable: true })
  toName?: string | null;

  @ManyToOne(() => Arrival, { nullable: true, deleteRule: 'set null' })
  arrival?: Rel<Arrival> | null;

  @ManyToOne(() => Account, { nullable: true, deleteRule: 'set null' })
  successorAccount?: Rel<Account> | null;

  @Enum({ items: [...DEPARTURE_STATUSES], nativeEnumName: 'departure_status' })
  status: Opt<DepartureStatus> = 'SCHEDULED';

  /** Why the departure waits past its date: a code with parameters, put in words by the console. */
  @Property({ type: 'jsonb', nullable: true })
  waitingReason?: DepartureWaitingReason | null;

  @Property({ type: 'integer', nullable: true })
  transferred?: number | null;

  @Property({ type: 'integer', nullable: true })
  revoked?: number | null;

  /** After completion: what happened to each of the leaver's rights. */
  @Property({ type: 'jsonb', nullable: true, lazy: true })
  rights?: RightReport[] | null;

  @Property({ type: 'uuid', nullable: true })
  createdBy?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  completedAt?: Date | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
