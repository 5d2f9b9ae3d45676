import { Entity, Enum, PrimaryKey, PrimaryKeyProp, Property, type Opt } from '@mikro-orm/core';

/** How a service's rights are obtained (DOMAIN.md "Rights"). */
export enum AccessMode {
  /** Part of the payroll act: acts on exactly the SIRETs whose DSN the declarant filed. */
  DSN_INHERITED = 'DSN_INHERITED',
  /** In the portfolio with rights, on SIRETs declared in DSN; implicit mandate applies. */
  PAYROLL_LINKED = 'PAYROLL_LINKED',
  /** Explicit rights per declarant, with optional checks. */
  SPECIFIC = 'SPECIFIC',
}

/** The catalogue of declarative services (seeded by migration, editable by support). */
@Entity({ tableName: 'declarative_service' })
export class DeclarativeService {
  /** The code is the key: references and filters take it as a plain string. */
  [PrimaryKeyProp]?: 'code';

  @PrimaryKey({ length: 32 })
  code!: string;

  @Property()
  label!: string;

  @Enum({ items: () => AccessMode, nativeEnumName: 'access_mode' })
  accessMode!: AccessMode;

  /** SPECIFIC option: the declaring SIRET must be the DSN declarant of the declared SIRET. */
  @Property({ type: 'boolean', default: false })
  checkDeclaringSiret: Opt<boolean> = false;

  /** SPECIFIC option: the employees named must be employees of the declared establishment. */
  @Property({ type: 'boolean', default: false })
  checkEmployees: Opt<boolean> = false;

  @Property({ type: 'boolean', default: true })
  active: Opt<boolean> = true;
}
