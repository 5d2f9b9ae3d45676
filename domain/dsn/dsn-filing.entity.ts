import { BigIntType, Entity, Index, PrimaryKey, Property, Unique, type Opt } from '@mikro-orm/core';

/**
 * One monthly DSN: which firm (declaring SIRET, and the account that filed
 * it when known) declared which SIRET for which month. Imported from outside.
 */
@Entity({ tableName: 'dsn_filing' })
@Unique({ properties: ['declaringSiret', 'declaredSiret', 'period'] })
@Index({ properties: ['declaredSiret', 'period'] })
@Index({ properties: ['declaringAccountId', 'declaredSiret'] })
export class DsnFiling {
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  @Property({ length: 14 })
  declaringSiret!: string;

  @Property({ type: 'uuid', nullable: true })
  declaringAccountId?: string | null;

  @Property({ length: 14 })
  declaredSiret!: string;

  /** First day of the declared month. */
  @Property({ type: 'date' })
  period!: string;

  @Property({ type: 'timestamptz' })
  filedAt!: Date;

  @Property({ type: 'timestamptz' })
  importedAt: Opt<Date> = new Date();
}
