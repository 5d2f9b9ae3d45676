import { Cascade, Collection, Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique, type Opt, type Rel } from '@mikro-orm/core';
import { BaseEntity } from '../shared/base.entity';
import type { DeclarantKind, ProofType, QuarterKey } from './declaration-dates.rules';

export const DECLARANT_KINDS = ['TRAINING_BODY', 'EMPLOYER'] as const satisfies readonly DeclarantKind[];
export const PROOF_TYPES = ['ATTENDANCE', 'SUCCESS'] as const satisfies readonly ProofType[];
export const MODALITIES = ['IN_PERSON', 'REMOTE', 'MIXED'] as const;
export type Modality = (typeof MODALITIES)[number];
/** The certification a training leads to: an RNCP or RS code, a Certif Info code, or a Formacode with its NSF code. */
export const CERTIFICATION_KINDS = ['RNCP', 'RS', 'CERTIF_INFO', 'FORMACODE'] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];
export const CHANNELS = ['FORM', 'FILE'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Where a learner's line stands with his employer: a training body's line
 * waits for the employer's verification until the window of (employer
 * SIREN, quarter) ends, then is deemed verified; the employer may ask the
 * training body for a correction. An employer's own declaration needs no
 * verification.
 */
export const LEARNER_STATUSES = ['PENDING_VERIFICATION', 'VERIFIED', 'DEEMED_VERIFIED', 'CORRECTION_REQUESTED', 'EMPLOYER_DECLARED'] as const;
export type LearnerStatus = (typeof LEARNER_STATUSES)[number];

/**
 * A declaration of a health-and-safety training (décret 2025-748), by a
 * training body for learners employed elsewhere or by an employer for a
 * training it gave. It is never edited: its learners are deleted (the
 * declaration goes when none remain) and it is declared again.
 */
@Entity({ tableName: 'prevention_declaration' })
@Index({ properties: ['declarantSiret', 'createdAt'] })
export class PreventionDeclaration extends BaseEntity {
  @Enum({ items: [...DECLARANT_KINDS], nativeEnumName: 'prevention_declarant_kind' })
  declarantKind!: DeclarantKind;

  @Property({ length: 14 })
  declarantSiret!: string;

  @Property({ type: 'uuid' })
  declaredBy!: string;

  @Enum({ items: [...CHANNELS], nativeEnumName: 'prevention_channel' })
  channel!: Channel;

  @Enum({ items: [...PROOF_TYPES], nativeEnumName: 'prevention_proof_type' })
  proofType!: ProofType;

  @Property()
  title!: string;

  @Property({ type: 'date' })
  trainingStart!: string;

  @Property({ type: 'date' })
  trainingEnd!: string;

  /** The day a success proof became valid (SUCCESS only). */
  @Property({ type: 'date', nullable: true })
  proofValidFrom?: string | null;

  @Enum({ items: [...MODALITIES], nativeEnumName: 'prevention_modality' })
  modality!: Modality;

  /** ROME skill codes the training develops. */
  @Property({ type: 'jsonb' })
  romeSkills!: string[];

  @Property({ type: 'text' })
  trainerQualification!: string;

  @Enum({ items: [...CERTIFICATION_KINDS], nativeEnumName: 'prevention_certification_kind' })
  certificationKind!: CertificationKind;

  @Property({ length: 20 })
  certificationCode!: string;

  /** The NSF code that goes with a Formacode. */
  @Property({ length: 10, nullable: true })
  nsfCode?: string | null;

  @Property({ length: 7 })
  quarter!: QuarterKey;

  /** The last day to declare it on time. */
  @Property({ type: 'date' })
  deadline!: string;

  @Property({ type: 'integer' })
  daysLate!: number;

  @OneToMany(() => PreventionLearner, (l) => l.declaration, { cascade: [Cascade.ALL], orphanRemoval: true })
  learners = new Collection<PreventionLearner>(this);
}

/**
 * A learner of a declaration. The NIR is personal data: read only by the
 * declarer and the learner's employer (masked for anyone else), never in
 * logs or workflow histories; `employeePseudonym` (a keyed hash of the NIR)
 * joins the learner with the employment relations without it.
 */
@Entity({ tableName: 'prevention_learner' })
@Unique({ properties: ['declaration', 'employeePseudonym'] })
@Index({ properties: ['employerSiren', 'quarter', 'status'] })
@Index({ properties: ['employerSiret', 'createdAt'] })
export class PreventionLearner extends BaseEntity {
  @ManyToOne(() => PreventionDeclaration, { deleteRule: 'cascade' })
  declaration!: Rel<PreventionDeclaration>;

  @Property({ length: 15 })
  nir!: string;

  @Property({ length: 64 })
  @Index()
  employeePseudonym!: string;

  @Property()
  birthName!: string;

  @Property()
  firstNames!: string;

  @Property({ type: 'date' })
  birthDate!: string;

  @Property({ length: 14 })
  employerSiret!: string;

  @Property({ length: 9 })
  employerSiren!: string;

  /** The declaration's quarter, kept here for the verification window of (employer SIREN, quarter). */
  @Property({ length: 7 })
  quarter!: QuarterKey;

  @Enum({ items: [...LEARNER_STATUSES], nativeEnumName: 'prevention_learner_status' })
  status!: LearnerStatus;

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  decidedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  correctionReason?: string | null;

  /** The employer's correction request that sent this line back (its task: `prevention-correction-<id>-<declarant SIRET>`). */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  correctionRequestId?: string | null;
}

/**
 * An employer's correction request, recorded in the transaction that sends
 * its lines back (CORRECTION_REQUESTED, `correctionRequestId`). Its training
 * bodies' tasks are started inside that transaction, before it commits:
 * each waits for it to end (domain/prevention/correction-request.ts) and
 * reads this row to know whether the request was made or rolled back.
 */
@Entity({ tableName: 'prevention_correction_request' })
export class PreventionCorrectionRequest extends BaseEntity {
  /** The employers (SIREN) whose lines it sent back: one, unless the requester acts for several companies. */
  @Property({ type: 'jsonb' })
  employerSirens!: string[];

  /** The account that asked. */
  @Property({ type: 'uuid' })
  requestedBy!: string;
}

export const WINDOW_STATUSES = ['OPEN', 'CLOSED', 'CANCELLED'] as const;
export type WindowStatus = (typeof WINDOW_STATUSES)[number];

/** A deadline move of a verification window: before, after, who, why. */
export interface DeadlineMoveRecord {
  at: string;
  actorId: string;
  reason: string;
  from: string;
  to: string;
}

/**
 * Read model of the verification window of (employer SIREN, quarter),
 * written by its workflow's activities (the workflow owns the deadline:
 * the API moves it only through the workflow's update).
 */
@Entity({ tableName: 'prevention_window' })
@Unique({ properties: ['employerSiren', 'quarter'] })
export class PreventionWindow extends BaseEntity {
  @Property({ length: 9 })
  employerSiren!: string;

  @Property({ length: 7 })
  quarter!: QuarterKey;

  @Property()
  @Unique()
  workflowId!: string;

  @Enum({ items: [...WINDOW_STATUSES], nativeEnumName: 'prevention_window_status' })
  status: Opt<WindowStatus> = 'OPEN';

  /** The last day the employer verifies (the window ends when it is over in Paris). */
  @Property({ type: 'date' })
  deadline!: string;

  @Property({ type: 'jsonb' })
  moves: Opt<DeadlineMoveRecord[]> = [];

  /** Lines marked DEEMED_VERIFIED at the deadline. */
  @Property({ type: 'integer', default: 0 })
  deemedVerified: Opt<number> = 0;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

export const CHECK_STATUSES = ['OPEN', 'DONE', 'NOT_DONE', 'CANCELLED'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/**
 * An employer's yearly check of his employees' declarations (one per SIREN
 * and year), task of his administrators until its due day: read model of
 * its workflow (`prevention-check-<year>-<siren>`).
 */
@Entity({ tableName: 'prevention_check' })
@Unique({ properties: ['year', 'employerSiren'] })
@Index({ properties: ['year', 'status'] })
export class PreventionCheck extends BaseEntity {
  @Property({ type: 'integer' })
  year!: number;

  @Property({ length: 9 })
  employerSiren!: string;

  @Property()
  @Unique()
  workflowId!: string;

  @Enum({ items: [...CHECK_STATUSES], nativeEnumName: 'prevention_check_status' })
  status: Opt<CheckStatus> = 'OPEN';

  /** The last day of the check (31 December by default). */
  @Property({ type: 'date' })
  due!: string;

  @Property({ type: 'timestamptz', nullable: true })
  remindedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  doneAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  doneBy?: string | null;

  @Property({ type: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}

export const CHECK_RUN_STATUSES = ['RUNNING', 'REPORTED', 'CANCELLED'] as const;
export type CheckRunStatus = (typeof CHECK_RUN_STATUSES)[number];

/** The yearly check's run (`prevention-check-<year>`): employers asked, then its report at the due day (done, not done, lines still pending). */
@Entity({ tableName: 'prevention_check_run' })
export class PreventionCheckRun {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  year!: number;

  @Property()
  @Unique()
  workflowId!: string;

  @Enum({ items: [...CHECK_RUN_STATUSES], nativeEnumName: 'prevention_check_run_status' })
  status: Opt<CheckRunStatus> = 'RUNNING';

  @Property({ type: 'date' })
  due!: string;

  /** Employers whose check was started. */
  @Property({ type: 'integer', default: 0 })
  employers: Opt<number> = 0;

  @Property({ type: 'timestamptz' })
  startedAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  reportedAt?: Date | null;

  /** Counts by code: done, notDone, pendingLines. */
  @Property({ type: 'jsonb', nullable: true })
  report?: Record<string, number> | null;
}
