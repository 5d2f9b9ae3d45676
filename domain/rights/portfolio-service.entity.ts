import { Entity, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { DeclarativeService } from './declarative-service.entity';
import { Portfolio } from './portfolio.entity';

/** A declarative service added to a portfolio. */
@Entity({ tableName: 'portfolio_service' })
export class PortfolioService {
  @ManyToOne(() => Portfolio, { primary: true, deleteRule: 'cascade' })
  portfolio!: Rel<Portfolio>;

  @ManyToOne(() => DeclarativeService, { primary: true, deleteRule: 'cascade', fieldName: 'service_code' })
  service!: Rel<DeclarativeService>;

  @Property({ type: 'timestamptz' })
  addedAt: Opt<Date> = new Date();
}
