import type { RaRecord } from 'react-admin';

/** The prevention passport as the API serves it (api/prevention/prevention.schemas.ts). */

export const DECLARANT_KINDS = ['TRAINING_BODY', 'EMPLOYER'] as const;
export const PROOF_TYPES = ['ATTENDANCE', 'SUCCESS'] as const;
export const MODALITIES = ['IN_PERSON', 'REMOTE', 'MIXED'] as const;
export const CERTIFICATION_KINDS = ['RNCP', 'RS', 'CERTIF_INFO', 'FORMACODE'] as const;
export const CHANNELS = ['FORM', 'FILE'] as const;
export const LEARNER_STATUSES = ['PENDING_VERIFICATION', 'VERIFIED', 'DEEMED_VERIFIED', 'CORRECTION_REQUESTED', 'EMPLOYER_DECLARED'] as const;
export const WINDOW_STATUSES = ['OPEN', 'CLOSED', 'CANCELLED'] as const;
/** The verification window's phases as supervision lists them (its workflow's BusinessPhase). */
export const WINDOW_PHASES = ['VERIFICATION_OPEN', 'DEEMING_VERIFIED'] as const;
export const WINDOW_WORKFLOW_TYPE = 'preventionVerificationWindowWorkflow';
/** The employers' yearly check (api/prevention/prevention-checks.routes.ts); CANCELLED: its process was cancelled while open. */
export const CHECK_STATUSES = ['OPEN', 'DONE', 'NOT_DONE', 'CANCELLED'] as const;
export const CHECK_RUN_STATUSES = ['RUNNING', 'REPORTED', 'CANCELLED'] as const;
/**
 * The passport's process types as supervision lists them: the window, the
 * yearly check (its run, each employer's check, the Schedule's start), and
 * a training body's correction request.
 */
export const PREVENTION_WORKFLOW_TYPES = [
  WINDOW_WORKFLOW_TYPE,
  'preventionYearlyCheckWorkflow',
  'preventionEmployerCheckWorkflow',
  'preventionScheduledCheckStartWorkflow',
  'preventionCorrectionWorkflow',
] as const;
/** The phases (BusinessPhase) of the passport's processes; those shared with other processes (EXPIRED, CANCELLED, STARTED) are listed there. */
export const PREVENTION_PHASES = [
  ...WINDOW_PHASES,
  'STARTING_CHECKS',
  'CHECKS_OPEN',
  'REPORTED',
  'CHECK_TO_DO',
  'DONE',
  'NOT_DONE',
  'CORRECTION_TO_DO',
  'CORRECTED',
  'ABANDONED',
] as const;

export type DeclarantKind = (typeof DECLARANT_KINDS)[number];
export type ProofType = (typeof PROOF_TYPES)[number];
export type Modality = (typeof MODALITIES)[number];
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];
export type LearnerStatus = (typeof LEARNER_STATUSES)[number];
export type WindowStatus = (typeof WINDOW_STATUSES)[number];
export type CheckStatus = (typeof CHECK_STATUSES)[number];
export type CheckRunStatus = (typeof CHECK_RUN_STATUSES)[number];

/** Why a line could not be verified (409 PREVENTION.NOT_VERIFIABLE): its status, or the window. */
export type LineRefusal = LearnerStatus | 'WINDOW_OVER' | 'CHANGED_MEANWHILE';

export interface LearnerInput {
  nir: string;
  birthName: string;
  firstNames: string;
  birthDate: string;
  employerSiret: string;
}

/** POST /api/prevention-declarations. */
export interface DeclarationInput {
  declarantSiret: string;
  declarantKind: DeclarantKind;
  proofType: ProofType;
  title: string;
  trainingStart: string;
  trainingEnd: string;
  proofValidFrom: string | null;
  modality: Modality;
  romeSkills: string[];
  trainerQualification: string;
  certificationKind: CertificationKind;
  certificationCode: string;
  nsfCode: string | null;
  learners: LearnerInput[];
}

export interface PreventionLearner extends RaRecord<string> {
  declarationId: string;
  /** In clear for the declarer and the learner's employer; masked (sex and birth year) otherwise. */
  nir: string;
  nirMasked: boolean;
  birthName: string;
  firstNames: string;
  birthDate: string;
  employerSiret: string;
  quarter: string;
  status: LearnerStatus;
  decidedAt: string | null;
  correctionReason: string | null;
  declarantSiret: string;
  declarantKind: DeclarantKind;
  title: string;
  trainingEnd: string;
  /** Last day the employer verifies (training-body lines only). */
  verificationDeadline: string | null;
}

export interface PreventionDeclaration extends RaRecord<string>, Omit<DeclarationInput, 'learners'> {
  channel: (typeof CHANNELS)[number];
  /** `2026-Q3`. */
  quarter: string;
  /** Last day to declare on time. */
  deadline: string;
  late: boolean;
  daysLate: number;
  createdAt: string;
  /** The learners the caller sees (an employer: his own). */
  learnerCount: number;
  statusCounts: Record<LearnerStatus, number>;
  /** On the detail only. */
  learners?: PreventionLearner[];
}

export interface DeadlineMove {
  at: string;
  actorId: string;
  reason: string;
  from: string;
  to: string;
}

export interface PreventionWindow extends RaRecord<string> {
  employerSiren: string;
  quarter: string;
  workflowId?: string;
  status: WindowStatus;
  deadline: string;
  moves: DeadlineMove[];
  deemedVerified: number;
  /** Lines still awaiting the employer. */
  pending: number;
  closedAt: string | null;
}

/** POST /api/prevention-declarations/import: what the file gave, line by line. */
export interface ImportReport {
  linesRead: number;
  declarationsCreated: number;
  learnersCreated: number;
  rejected: { line: number; reference: string | null; field: string | null; code: string | null; message: string }[];
}

export interface CheckCounts {
  /** The employees of the year (DSN employment relations). */
  employees: number;
  withDeclaration: number;
  without: number;
  /** The company's lines of the year still awaiting its verification. */
  awaitingVerification: number;
}

/** An employer's yearly check (GET /api/prevention-checks). */
export interface PreventionCheck extends RaRecord<string> {
  year: number;
  employerSiren: string;
  workflowId: string;
  status: CheckStatus;
  /** Last day of the check (`YYYY-MM-DD`, Paris). */
  due: string;
  remindedAt: string | null;
  doneAt: string | null;
  counts: CheckCounts;
}

/** A line of the year naming an employee of the check. */
export interface CheckDeclaration {
  learnerId: string;
  declarationId: string;
  title: string;
  trainingEnd: string;
  quarter: string;
  status: LearnerStatus;
  birthName: string;
  firstNames: string;
}

/** An employee of the check's year (GET /api/prevention-check-employees): pseudonymous, with the lines naming him that year (or none). */
export interface PreventionCheckEmployee extends RaRecord<string> {
  /** The DSN's pseudonymous id, never a NIR. */
  employeeId: string;
  employerSiret: string;
  declarations: CheckDeclaration[];
}

/** The yearly check's report at its due day. */
export interface CheckRunReport {
  done?: number;
  notDone?: number;
  /** Employers' checks cancelled from supervision. */
  cancelled?: number;
  pendingLines?: number;
}

/** A yearly check's run (GET /api/prevention-check-runs, support): its id is the year. */
export interface PreventionCheckRun extends RaRecord<number> {
  year: number;
  workflowId: string;
  status: CheckRunStatus;
  due: string;
  employers: number;
  startedAt: string;
  reportedAt: string | null;
  report: CheckRunReport | null;
}
