import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DeadlineMoveRecord, WindowStatus } from '../../activities/prevention/window.activities';
import type { QuarterKey } from '../../domain/prevention/declaration-dates.rules';

export const PREVENTION_WINDOW_WORKFLOW_TYPE = 'preventionVerificationWindowWorkflow';

/** One window per employer and quarter: `prevention-window-552100554-2026-Q1`. */
export const preventionWindowId = (siren: string, quarter: QuarterKey) => `prevention-window-${siren}-${quarter}`;

/** What a run hands to the next one when its history grows long (in the middle of the pages). */
export interface CarriedWindow {
  moves: DeadlineMoveRecord[];
  deemedVerified: number;
}

export interface PreventionWindowInput {
  employerSiren: string;
  quarter: QuarterKey;
  /** The last day the employer verifies (YYYY-MM-DD, Paris): the window ends when it is over. */
  deadline: string;
  /** Lines per page at the deadline (a few hundred). */
  pageSize?: number;
  carried?: CarriedWindow;
}

export interface PreventionWindowResult {
  outcome: 'CLOSED';
  deemedVerified: number;
}

/** `VERIFICATION_OPEN` while the employer verifies, `DEEMING_VERIFIED` while the deadline's pages run, then the status. */
export type WindowPhase = 'VERIFICATION_OPEN' | 'DEEMING_VERIFIED' | 'CLOSED' | 'CANCELLED';

export interface WindowState {
  employerSiren: string;
  quarter: QuarterKey;
  status: WindowStatus;
  phase: WindowPhase;
  /** The last day of the window (YYYY-MM-DD). */
  deadline: string;
  /** The instant it is over in Paris (ISO), when the wait ends. */
  deadlineAt: string;
  moves: DeadlineMoveRecord[];
  counts: { deemedVerified: number };
}

export const windowStatusQuery = defineQuery<WindowState>('status');

export interface MoveDeadlineRequest {
  actorId: string;
  reason: string;
  /** The new last day (YYYY-MM-DD), today or later in Paris. */
  deadline: string;
}

/** Support moves the window's deadline; the validator refuses with a `PreventionWindowFailure` type. */
export const moveDeadlineUpdate = defineUpdate<WindowState, [MoveDeadlineRequest]>('moveDeadline');

/** Failure types of the `moveDeadline` refusals. */
export const PreventionWindowFailure = {
  REASON_REQUIRED: 'PREVENTION.REASON_REQUIRED',
  DATE_INVALID: 'PREVENTION.DATE_INVALID',
  DATE_PAST: 'PREVENTION.DATE_PAST',
  WINDOW_CLOSED: 'PREVENTION.WINDOW_CLOSED',
} as const;

export type PreventionWindowFailureType = (typeof PreventionWindowFailure)[keyof typeof PreventionWindowFailure];
