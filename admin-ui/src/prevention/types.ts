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

export type DeclarantKind = (typeof DECLARANT_KINDS)[number];
export type ProofType = (typeof PROOF_TYPES)[number];
export type Modality = (typeof MODALITIES)[number];
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];
export type LearnerStatus = (typeof LEARNER_STATUSES)[number];
export type WindowStatus = (typeof WINDOW_STATUSES)[number];

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
