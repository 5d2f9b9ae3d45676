import { Entity, Enum, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Account } from '../account/account.entity';
import { Company } from '../company/company.entity';
import { BaseEntity } from '../shared/base.entity';
import {
  ARRIVAL_RIGHTS_MODES,
  ARRIVAL_ROLES,
  ARRIVAL_STATUSES,
  type ArrivalRightsMode,
  type ArrivalRole,
  type ArrivalStatus,
  type NamedRightCell,
} from './collaborators.status';

/**
 * Read model of a collaborator's arrival. The API writes it once when the
 * arrival is registered; from then on only the arrival workflow's
 * activities change it.
 */
@Entity({ tableName: 'arrival' })
@Index({ properties: ['company', 'status'] })
export class Arrival extends BaseEntity {
  @Property()
  @Unique()
  workflowId!: string;

  @ManyToOne(() => Company, { deleteRule: 'cascade' })
  company!: Rel<Company>;

  /** The new collaborator's account; null once a cancelled or expired arrival removed it. */
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

  @Enum({ items: [...ARRIVAL_ROLES], nativeEnumName: 'arrival_role' })
  role!: ArrivalRole;

  /** Calendar day (Paris) the invitation goes out. */
  @Property({ type: 'date', columnType: 'date' })
  startDate!: string;

  @Enum({ items: [...ARRIVAL_RIGHTS_MODES], nativeEnumName: 'arrival_rights_mode' })
  rightsMode!: ArrivalRightsMode;

  /** The rights granted at confirmation, fixed when the arrival is registered. */
  @Property({ type: 'jsonb' })
  rights!: NamedRightCell[];

  @Enum({ items: [...ARRIVAL_STATUSES], nativeEnumName: 'arrival_status' })
  status: Opt<ArrivalStatus> = 'SCHEDULED';

  @Property({ type: 'timestamptz', nullable: true })
  invitedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  completedAt?: Date | null;

  /** ADMINISTRATOR_CANDIDATE: the candidacy opened once the address is confirmed. */
  @Property({ type: 'uuid', nullable: true })
  candidacyId?: string | null;

  @Property({ type: 'uuid', nullable: true })
  createdBy?: string | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
