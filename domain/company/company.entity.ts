import { Entity, EntityRepositoryType, Enum, Property, Unique, type Opt } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity';
import { CompanyRepository } from './company.repository';

export enum CompanyStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  CLOSED = 'CLOSED',
}

@Entity({ tableName: 'company', repository: () => CompanyRepository })
export class Company extends BaseEntity {
  [EntityRepositoryType]?: CompanyRepository;

  @Property({ length: 9 })
  @Unique()
  siren!: string;

  @Property()
  legalName!: string;

  @Property({ type: 'text' })
  headOfficeAddress!: string;

  @Enum({ items: () => CompanyStatus, nativeEnumName: 'company_status' })
  status: Opt<CompanyStatus> = CompanyStatus.PENDING;

  /** The portal operator's own company, holder of the SUPPORT accounts. */
  @Property({ type: 'boolean', default: false })
  operator: Opt<boolean> = false;
}
