import { Entity, Enum, Index, ManyToOne, Property, Unique, type Rel, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity';
import { Company } from './company.entity';

export enum EstablishmentStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  CLOSED = 'CLOSED',
}

@Entity({ tableName: 'establishment' })
export class Establishment extends BaseEntity {
  @Property({ length: 14 })
  @Unique()
  siret!: string;

  @ManyToOne(() => Company, { deleteRule: 'cascade' })
  @Index()
  company!: Rel<Company>;

  @Property()
  name!: string;

  @Property({ type: 'text' })
  address!: string;

  @Enum({ items: () => EstablishmentStatus, nativeEnumName: 'establishment_status' })
  status: Opt<EstablishmentStatus> = EstablishmentStatus.PENDING;

  @Property({ type: 'boolean', default: false })
  headOffice: Opt<boolean> = false;
}
