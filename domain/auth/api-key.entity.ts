import { Entity, Index, ManyToOne, Property, Unique, type Rel } from '@mikro-orm/core';
import { Company } from '../company/company.entity';
import { BaseEntity } from '../shared/base.entity';

/**
 * A machine client's key for one company (payroll software asking access
 * decisions). Only the SHA-256 of the key is stored; `prefix` lets people
 * recognise it.
 */
@Entity({ tableName: 'api_key' })
export class ApiKey extends BaseEntity {
  @ManyToOne(() => Company, { deleteRule: 'cascade' })
  @Index()
  company!: Rel<Company>;

  @Property()
  name!: string;

  @Property({ length: 12 })
  prefix!: string;

  @Property({ length: 64, hidden: true })
  @Unique()
  keyHash!: string;

  @Property({ type: 'uuid' })
  createdBy!: string;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;
}
