import { BigIntType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Company } from '../company/company.entity';
import { BaseEntity } from '../shared/base.entity';
import type { CampaignCalendar } from './calendar.rules';
import { CAMPAIGN_STATUSES, type CampaignStatus, type MilestoneMoveRecord } from './campaign.status';

export { CAMPAIGN_STATUSES, type CampaignStatus, type MilestoneMoveRecord };

/**
 * Read model of a year's campaign, written by the campaign workflow's
 * activities (the workflow owns the calendar: the API reads it here to
 * open and close windows, and moves it only through the workflow's update).
 */
@Entity({ tableName: 'soltea_campaign' })
export class SolteaCampaign {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  @Property()
  @Unique()
  workflowId!: string;

  @Enum({ items: [...CAMPAIGN_STATUSES], nativeEnumName: 'soltea_campaign_status' })
  status: Opt<CampaignStatus> = 'RUNNING';

  /** The step reached: the last one done, or `STARTED`. */
  @Property()
  phase: Opt<string> = 'STARTED';

  @Property({ type: 'jsonb' })
  calendar!: CampaignCalendar;

  @Property({ type: 'jsonb' })
  moves: Opt<MilestoneMoveRecord[]> = [];

  @Property({ nullable: true })
  nextStep?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  nextStepAt?: Date | null;

  @Property({ type: 'timestamptz' })
  startedAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  /** The closing report: totals per step (codes and numbers). */
  @Property({ type: 'jsonb', nullable: true })
  report?: Record<string, unknown> | null;
}

export const APPLICATION_STATUSES = ['SUBMITTED', 'ACCEPTED', 'REFUSED'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** An establishment's application to receive the balance of a year (SOLTEA_ETAB). */
@Entity({ tableName: 'soltea_application' })
@Unique({ properties: ['year', 'siret'] })
@Index({ properties: ['year', 'status'] })
export class SolteaApplication extends BaseEntity {
  @Property({ type: 'integer' })
  year!: number;

  @Property({ length: 14 })
  siret!: string;

  @ManyToOne(() => Company, { nullable: true, deleteRule: 'set null' })
  company?: Rel<Company> | null;

  @Property()
  name!: string;

  /** Unité administrative immatriculée (7 digits + a letter). */
  @Property({ length: 8 })
  uai!: string;

  @Property()
  city!: string;

  /** INSEE region code (2 digits). */
  @Property({ length: 2 })
  region!: string;

  @Property()
  category!: string;

  @Property({ type: 'integer', default: 0 })
  shortageTrainings: Opt<number> = 0;

  @Property({ default: false })
  bankDetailsPresent: Opt<boolean> = false;

  @Enum({ items: [...APPLICATION_STATUSES], nativeEnumName: 'soltea_application_status' })
  status: Opt<ApplicationStatus> = 'SUBMITTED';

  @Property({ type: 'text', nullable: true })
  refusalReason?: string | null;

  @Property({ type: 'uuid', nullable: true })
  submittedBy?: string | null;

  @Property({ type: 'uuid', nullable: true })
  decidedBy?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

/** An employer's balance for a year (DSN code 076), imported by support; a correction replaces the amount. */
@Entity({ tableName: 'soltea_balance' })
@Unique({ properties: ['year', 'employerSiret'] })
export class SolteaBalance extends BaseEntity {
  @Property({ type: 'integer' })
  year!: number;

  @Property({ length: 14 })
  employerSiret!: string;

  @Property({ length: 9 })
  @Index()
  employerSiren!: string;

  @Property()
  employerName!: string;

  /** INSEE region of the employer (where his unallocated share is spent); null when unknown. */
  @Property({ length: 2, nullable: true })
  region?: string | null;

  @Property({ type: new BigIntType('number') })
  amountCents!: number;

  /** The DSN's contact address at the employer; reminders fall back to the company's administrators. */
  @Property({ nullable: true })
  contactEmail?: string | null;

  /** Set at the transfer that froze his choices (they covered the whole balance). */
  @Property({ type: 'timestamptz', nullable: true })
  frozenAt?: Date | null;

  @Property({ nullable: true })
  frozenBy?: string | null;

  @Property({ type: 'uuid', nullable: true })
  importId?: string | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

/** One share of an employer's balance to an eligible establishment, in basis points (100 % = 10 000). */
@Entity({ tableName: 'soltea_allocation' })
@Unique({ properties: ['year', 'employerSiret', 'establishmentSiret'] })
@Index({ properties: ['year', 'establishmentSiret'] })
export class SolteaAllocation extends BaseEntity {
  @Property({ type: 'integer' })
  year!: number;

  @Property({ length: 14 })
  employerSiret!: string;

  @Property({ length: 14 })
  establishmentSiret!: string;

  @Property({ type: 'integer' })
  shareBp!: number;

  @Property({ type: 'uuid', nullable: true })
  updatedBy?: string | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

/** Each save of an employer's choices: the share he had allocated then (the campaign's chart over time). */
@Entity({ tableName: 'soltea_allocation_event' })
@Index({ properties: ['year', 'at'] })
export class SolteaAllocationEvent {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'integer' })
  year!: number;

  @Property({ length: 14 })
  employerSiret!: string;

  @Property({ type: 'integer' })
  totalBp!: number;

  @Property({ type: 'timestamptz' })
  at: Opt<Date> = new Date();
}

/** A group of establishments an employer saved to allocate to them together. */
@Entity({ tableName: 'soltea_group' })
@Unique({ properties: ['company', 'name'] })
export class SolteaGroup extends BaseEntity {
  @ManyToOne(() => Company, { deleteRule: 'cascade' })
  company!: Rel<Company>;

  @Property()
  name!: string;

  @Property({ type: 'jsonb' })
  establishmentSirets!: string[];
}

export const TRANSFER_STEPS = ['TRANSFER1', 'TRANSFER2', 'UNALLOCATED_DISTRIBUTION'] as const;
export type TransferStep = (typeof TRANSFER_STEPS)[number];
export const TRANSFER_STATUSES = ['PAID', 'NOT_PAID_NO_BANK_DETAILS'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** What one transfer pays one establishment from one employer (or, for the distribution, from the unallocated funds: employerSiret ''). */
@Entity({ tableName: 'soltea_transfer' })
@Unique({ properties: ['year', 'step', 'employerSiret', 'establishmentSiret'] })
@Index({ properties: ['year', 'establishmentSiret'] })
export class SolteaTransfer extends BaseEntity {
  @Property({ type: 'integer' })
  year!: number;

  @Enum({ items: [...TRANSFER_STEPS], nativeEnumName: 'soltea_transfer_step' })
  step!: TransferStep;

  /** '' for the distribution of unallocated funds (kept non-null so the unique key holds). */
  @Property({ length: 14 })
  employerSiret!: string;

  @Property({ length: 14 })
  establishmentSiret!: string;

  @Property({ type: new BigIntType('number') })
  amountCents!: number;

  @Enum({ items: [...TRANSFER_STATUSES], nativeEnumName: 'soltea_transfer_status' })
  status!: TransferStatus;
}

/**
 * One mail to one employer for one step — a reminder (`REMINDER_PERIOD1_7`…)
 * or a transfer's notice that an establishment chosen had no bank details
 * (`TRANSFER1`, `TRANSFER2`): the unique key makes it exactly once, whatever
 * retries. Its outbox messages (one per recipient: the DSN contact, else each
 * active administrator of the employer's company) are written with it.
 */
@Entity({ tableName: 'soltea_reminder' })
@Unique({ properties: ['year', 'step', 'employerSiret'] })
export class SolteaReminder {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Property({ type: 'integer' })
  year!: number;

  @Property()
  step!: string;

  @Property({ length: 14 })
  employerSiret!: string;

  /** Its outbox messages, in the order written (the first keyed `soltea-<year>/<step>/<siret>`, the next ones `…/<siret>/2`, `/3`…). */
  @Property({ type: 'jsonb' })
  outboxIds!: string[];

  @Property({ type: 'timestamptz' })
  at: Opt<Date> = new Date();
}

export const RUN_STATUSES = ['RUNNING', 'DONE', 'DONE_WITH_FAILURES'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The report of one campaign step: started, ended, counts, and its failures per item. */
@Entity({ tableName: 'soltea_run' })
@Unique({ properties: ['year', 'step'] })
export class SolteaRun extends BaseEntity {
  @Property({ type: 'integer' })
  year!: number;

  @Property()
  step!: string;

  @Enum({ items: [...RUN_STATUSES], nativeEnumName: 'soltea_run_status' })
  status: Opt<RunStatus> = 'RUNNING';

  @Property({ type: 'timestamptz' })
  startedAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  endedAt?: Date | null;

  /** Counters by code (`sent`, `skipped`, `paidCents`, `frozen`…). */
  @Property({ type: 'jsonb' })
  counts: Opt<Record<string, number>> = {};
}

/** One item a step could not do, and why (a code with parameters). */
@Entity({ tableName: 'soltea_run_failure' })
@Unique({ properties: ['run', 'item'] })
export class SolteaRunFailure {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => SolteaRun, { deleteRule: 'cascade' })
  run!: Rel<SolteaRun>;

  @Property()
  item!: string;

  @Property()
  code!: string;

  @Property({ type: 'jsonb', nullable: true })
  params?: Record<string, unknown> | null;

  @Property({ type: 'timestamptz' })
  at: Opt<Date> = new Date();
}
