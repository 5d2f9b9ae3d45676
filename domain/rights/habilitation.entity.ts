import { Entity, Index, ManyToOne, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Account } from '../account/account.entity';
import { BaseEntity } from '../shared/base.entity';
import { DeclarativeService } from './declarative-service.entity';
import { Portfolio } from './portfolio.entity';

/** Right of one declarant to use one service for one establishment, granted through one portfolio. */
@Entity({ tableName: 'habilitation' })
@Unique({ properties: ['account', 'siret', 'service'] })
@Index({ properties: ['portfolio', 'siret'] })
export class Habilitation extends BaseEntity {
  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Rel<Account>;

  @Property({ length: 14 })
  siret!: string;

  @ManyToOne(() => DeclarativeService, { deleteRule: 'cascade', fieldName: 'service_code' })
  service!: Rel<DeclarativeService>;

  @ManyToOne(() => Portfolio, { deleteRule: 'cascade' })
  portfolio!: Rel<Portfolio>;

  @Property({ type: 'boolean', default: true })
  canDeclare: Opt<boolean> = true;

  @Property({ type: 'boolean', default: false })
  canPay: Opt<boolean> = false;

  @Property({ type: 'boolean', default: true })
  canConsult: Opt<boolean> = true;

  @Property({ type: 'uuid', nullable: true })
  grantedBy?: string | null;
}
