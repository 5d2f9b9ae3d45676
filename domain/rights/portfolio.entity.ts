import { ArrayType, Entity, Enum, Formula, Index, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
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

  /** Read-only, computed when loaded (no column): how many SIRETs the portfolio holds. */
  @Formula((t) => `(select count(*)::int from portfolio_establishment pe where pe.portfolio_id = ${t.alias}.id)`)
  siretCount?: number;

  /** Read-only, computed when loaded (no column): codes of the services in the portfolio. */
  @Formula((t) => `array(select ps.service_code::text from portfolio_service ps where ps.portfolio_id = ${t.alias}.id order by 1)`, {
    type: ArrayType,
  })
  serviceCodes?: string[];
}
