import { BigIntType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { Company } from '../company/company.entity';
import { JOB_KINDS, type JobKind } from '../habilitation-files/planned-change';
import { Portfolio } from '../rights/portfolio.entity';
import { BaseEntity } from '../shared/base.entity';
import { CHANGE_ACTIONS, JOB_OUTCOMES, JOB_STATUSES, type ChangeAction, type JobOutcome, type JobStatus } from './habilitation-job.status';

/**
 * A mass habilitation request on one portfolio: its plan's counts (the
 * dry-run), then its process `habilitation-job-<id>` (bulkHabilitationJobWorkflow),
 * which records its status, progress and outcome here. Its position in
 * its portfolio's queue is not stored: the queue's workflow knows it.
 */
@Entity({ tableName: 'habilitation_job' })
@Index({ properties: ['portfolio', 'createdAt'] })
export class HabilitationJob extends BaseEntity {
  @ManyToOne(() => Portfolio, { deleteRule: 'cascade' })
  portfolio!: Rel<Portfolio>;

  /** The portfolio's company (scope of its administrators). */
  @ManyToOne(() => Company, { deleteRule: 'cascade' })
  @Index()
  company!: Rel<Company>;

  @Enum({ items: [...JOB_KINDS], nativeEnumName: 'habilitation_job_kind' })
  kind!: JobKind;

  @Enum({ items: [...JOB_STATUSES], nativeEnumName: 'habilitation_job_status' })
  status: Opt<JobStatus> = 'PLANNED';

  /** The administrator who sent it (the actor of its habilitations' audit events). */
  @Property({ type: 'uuid' })
  createdBy!: string;

  /** The uploaded file's name; none for a service added to / removed from the portfolio. */
  @Property({ nullable: true })
  fileName?: string | null;

  /** The file's header line as read (`;`-joined), for the rejected-lines file; none for a headerless establishments file. */
  @Property({ type: 'text', nullable: true })
  header?: string | null;

  @Property({ type: 'integer', default: 0 })
  linesRead: Opt<number> = 0;

  @Property({ type: 'integer', default: 0 })
  linesRejected: Opt<number> = 0;

  /** The dry-run's diff: habilitations added, removed, changed, unchanged. */
  @Property({ type: 'integer', default: 0 })
  added: Opt<number> = 0;

  @Property({ type: 'integer', default: 0 })
  removed: Opt<number> = 0;

  @Property({ type: 'integer', default: 0 })
  changed: Opt<number> = 0;

  @Property({ type: 'integer', default: 0 })
  unchanged: Opt<number> = 0;

  /** Planned changes stored (seq 1..changesTotal). */
  @Property({ type: 'integer', default: 0 })
  changesTotal: Opt<number> = 0;

  /** Planned changes applied so far (seq 1..changesDone): the progress. */
  @Property({ type: 'integer', default: 0 })
  changesDone: Opt<number> = 0;

  /** Planned changes skipped when applied (rejected lines with their seq). */
  @Property({ type: 'integer', default: 0 })
  changesRejected: Opt<number> = 0;

  /** Its removals exceed the quarantine share (the dry-run says so): applied only once confirmed again. */
  @Property({ type: 'boolean', default: false })
  quarantined: Opt<boolean> = false;

  /** When and by whom a quarantined job's removals were confirmed. */
  @Property({ type: 'timestamptz', nullable: true })
  confirmedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  confirmedBy?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt?: Date | null;

  /** The dry-run's outcome until the job is applied (recordDryRun), then the job's (appliedOutcome). */
  @Enum({ items: [...JOB_OUTCOMES], nativeEnumName: 'habilitation_job_outcome', nullable: true })
  outcome?: JobOutcome | null;

  /** The outcome's reason code (none for OK, nor for the dry-run's PARTIAL) and its parameters. */
  @Property({ length: 64, nullable: true })
  outcomeCode?: string | null;

  @Property({ type: 'jsonb', nullable: true })
  outcomeParams?: Record<string, string | number> | null;

  @Property({ nullable: true })
  @Unique()
  workflowId?: string | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

/** One cell of a job's plan, applied in `seq` order (1..n); read by chunks of (job, seq). */
@Entity({ tableName: 'habilitation_job_change' })
export class PlannedHabilitationChange {
  @ManyToOne(() => HabilitationJob, { primary: true, deleteRule: 'cascade' })
  job!: Rel<HabilitationJob>;

  @PrimaryKey({ type: 'integer', autoincrement: false })
  seq!: number;

  /** The line of the file it comes from (header = 1). */
  @Property({ type: 'integer' })
  line!: number;

  /** Ids as planned, not foreign keys: what changed since is checked when the change is applied (APPLY_REJECTIONS). */
  @Property({ type: 'uuid' })
  accountId!: string;

  @Property({ length: 14 })
  siret!: string;

  @Property({ length: 32 })
  serviceCode!: string;

  @Enum({ items: [...CHANGE_ACTIONS], nativeEnumName: 'habilitation_change_action' })
  action!: ChangeAction;

  /** The rights a GRANT gives; null for a REVOKE. */
  @Property({ type: 'boolean', nullable: true })
  canDeclare?: boolean | null;

  @Property({ type: 'boolean', nullable: true })
  canPay?: boolean | null;

  @Property({ type: 'boolean', nullable: true })
  canConsult?: boolean | null;
}

/**
 * A line of a job that is not applied: rejected by the file's rules (its
 * raw text kept for the rejected-lines file, no seq), or one planned change
 * skipped when applied (its seq, no raw text; APPLY_REJECTIONS).
 */
@Entity({ tableName: 'habilitation_job_rejected_line' })
@Index({ properties: ['job', 'line'] })
@Unique({ properties: ['job', 'seq'] })
export class RejectedHabilitationLine {
  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  @ManyToOne(() => HabilitationJob, { deleteRule: 'cascade' })
  job!: Rel<HabilitationJob>;

  @Property({ type: 'integer' })
  line!: number;

  @Property({ length: 64 })
  code!: string;

  @Property({ type: 'jsonb' })
  params!: Record<string, string | number>;

  @Property({ type: 'text', nullable: true })
  raw?: string | null;

  @Property({ type: 'integer', nullable: true })
  seq?: number | null;
}
