import { defineQuery, defineSignal } from '@temporalio/workflow';

export const PREVENTION_CORRECTION_WORKFLOW_TYPE = 'preventionCorrectionWorkflow';

/**
 * One correction task per (employer's correction request, declarant SIRET
 * of the training body): `prevention-correction-<requestId>-<siret>` — a
 * bulk request naming lines of several training bodies starts one each.
 */
export const preventionCorrectionId = (requestId: string, declarantSiret: string) => `prevention-correction-${requestId}-${declarantSiret}`;

/** Ids, counts and a day only: never a NIR, a name or the reason's text (the activities read them from PostgreSQL). */
export interface PreventionCorrectionInput {
  /** The correction request (a UUID), stored on each line it sent back (prevention_learner.correction_request_id). */
  requestId: string;
  /** The training body's declaring SIRET the lines were declared under. */
  declarantSiret: string;
  /** Lines of the request declared under that SIRET. */
  lines: number;
  /** The last day the training body corrects (YYYY-MM-DD, Paris): the latest verification deadline of those lines. */
  due: string;
}

/**
 * `CORRECTION_TO_DO` while the training body's lines wait, then how it
 * ended; `ABANDONED`: the request it was started for was rolled back (its
 * tasks are started before it commits), nothing was asked.
 */
export type CorrectionPhase = 'CORRECTION_TO_DO' | 'CORRECTED' | 'EXPIRED' | 'CANCELLED' | 'ABANDONED';

export interface CorrectionCounts {
  /** Lines the employer sent back to this training body. */
  asked: number;
  /** Of those, lines the training body deleted (to declare them again). */
  corrected: number;
}

export interface CorrectionState {
  requestId: string;
  declarantSiret: string;
  phase: CorrectionPhase;
  due: string;
  /** The instant the due day is over in Paris (ISO), when the task expires. */
  dueAt: string;
  counts: CorrectionCounts;
  /** Mails queued to the training body (0 before, or when it has nobody to write to). */
  mails: number;
}

export const correctionStatusQuery = defineQuery<CorrectionState>('status');

/**
 * The training body deleted a line of the request (DELETE
 * /api/prevention-learners/:id, after its commit). No payload: the
 * workflow reads how many lines are left, so a signal lost, doubled or
 * sent before the start changes nothing.
 */
export const lineDeletedSignal = defineSignal('lineDeleted');

export interface CorrectionResult {
  phase: Exclude<CorrectionPhase, 'CORRECTION_TO_DO' | 'CANCELLED'>;
  counts: CorrectionCounts;
}

export const PreventionCorrectionFailure = {
  INPUT_INVALID: 'PREVENTION.CORRECTION_INPUT_INVALID',
} as const;
