import { BigIntType, Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * Employer SIRET ↔ employee, from DSN. `employeeId` is a pseudonymous id:
 * never a raw NIR in this table.
 */
@Entity({ tableName: 'employment_relation' })
@Unique({ properties: ['employerSiret', 'employeeId', 'startDate'] })
@Index({ properties: ['employerSiret', 'employeeId'] })
export class EmploymentRelation {
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  @Property({ length: 14 })
  employerSiret!: string;

  @Property({ length: 64 })
  employeeId!: string;

  @Property({ type: 'date' })
  startDate!: string;

  @Property({ type: 'date', nullable: true })
  endDate?: string | null;
}
