import { Entity, Enum, Index, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { Company } from '../company/company.entity';
import { BaseEntity } from '../shared/base.entity';

export enum PortfolioKind {
  /** The firm's own establishments; one per company, created at registration. */
  COMPANY = 'COMPANY',
  /** Clients' or subsidiaries' establishments; any number. */
  CLIENTS = 'CLIENTS',
}

/** Advice shown (never enforced) above this many SIRETs in a portfolio. */
export const PORTFOLIO_ADVISED_MAX_SIRETS = 100;

@Entity({ tableName: 'portfolio' })
export class Portfolio extends BaseEntity {
  @ManyToOne(() => Company, { deleteRule: 'cascade' })
  @Index()
  company!: Rel<Company>;

  @Enum({ items: () => PortfolioKind, nativeEnumName: 'portfolio_kind' })
  kind!: PortfolioKind;

  @Property()
  name!: string;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
