import { Entity, Index, ManyToOne, PrimaryKey, Property, type Opt, type Rel } from '@mikro-orm/core';
import { Portfolio } from './portfolio.entity';

/**
 * A SIRET in a portfolio. Kept as a SIRET, not a link to Establishment: a
 * client's establishments need not belong to a company registered here.
 */
@Entity({ tableName: 'portfolio_establishment' })
@Index({ properties: ['siret'] })
export class PortfolioEstablishment {
  @ManyToOne(() => Portfolio, { primary: true, deleteRule: 'cascade' })
  portfolio!: Rel<Portfolio>;

  @PrimaryKey({ length: 14 })
  siret!: string;

  @Property({ type: 'timestamptz' })
  addedAt: Opt<Date> = new Date();
}
