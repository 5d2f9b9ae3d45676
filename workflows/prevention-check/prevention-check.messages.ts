import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CheckCounts, CheckStatus } from '../../activities/prevention/check.activities';

export type { CheckCounts, CheckStatus };
export type { ScheduledStartInput } from '../shared/yearly-start';

export const PREVENTION_YEARLY_CHECK_WORKFLOW_TYPE = 'preventionYearlyCheckWorkflow';
export const PREVENTION_EMPLOYER_CHECK_WORKFLOW_TYPE = 'preventionEmployerCheckWorkflow';
export const PREVENTION_SCHEDULED_CHECK_START_WORKFLOW_TYPE = 'preventionScheduledCheckStartWorkflow';

/** One yearly check per year: `prevention-check-2026`. */
export const preventionCheckId = (year: number) => `prevention-check-${year}`;

/** One employer's check per year and SIREN: `prevention-check-2026-552100554`. */
export const employerCheckId = (year: number, siren: string) => `prevention-check-${year}-${siren}`;

/** DOMAIN.md « Passeport de prévention », the yearly check: defaults an operator or a test overrides in the input. */
export const PREVENTION_CHECK_DEFAULTS = {
  /** The administrators are reminded this many days before the due day is over. */
  reminderDaysBefore: 15,
  /** Employers per page of the yearly check (a few hundred). */
  pageSize: 500,
  /** Children one run of the yearly check starts before it continues as new (the server refuses a run more than 2 000 pending children). */
  childrenPerRun: 1_000,
} as const;

/** The check's last day (YYYY-MM-DD, Paris) when the input names none: 31 December of its year. */
export const defaultCheckDue = (year: number) => `${year}-12-31`;

/** The terms the yearly check hands to each employer's check. */
export interface CheckTerms {
  year: number;
  /** The last day of the check (YYYY-MM-DD, Paris); `<year>-12-31` by default. */
  due?: string;
  /** Days before the due day's end the administrators are reminded (15 by default). */
  reminderDaysBefore?: number;
}

/** What a run of the yearly check hands to the next one, in the middle of its pages. */
export interface CarriedYearlyCheck {
  /** The last SIREN of the last page done. */
  after: string;
  /** Employers whose check was started (or found started) so far. */
  employers: number;
}

export interface PreventionYearlyCheckInput extends CheckTerms {
  /** Employers per page (a few hundred, at most 1 000). */
  pageSize?: number;
  /** Children started by one run before it continues as new (at most 1 000). */
  childrenPerRun?: number;
  carried?: CarriedYearlyCheck;
}

/** `STARTING_CHECKS` while its pages start the employers' checks, `CHECKS_OPEN` until the due day is over, then its outcome. */
export type YearlyCheckPhase = 'STARTING_CHECKS' | 'CHECKS_OPEN' | 'REPORTED' | 'CANCELLED';

export interface YearlyCheckCounts extends CheckCounts {
  employers: number;
}

export interface YearlyCheckState {
  year: number;
  phase: YearlyCheckPhase;
  /** The last day of the check (YYYY-MM-DD). */
  due: string;
  /** The instant it is over in Paris (ISO), when the report is made. */
  dueAt: string;
  /** `done`, `notDone`, `cancelled` and `pendingLines` are the report's, 0 until it is made. */
  counts: YearlyCheckCounts;
}

export const yearlyCheckStatusQuery = defineQuery<YearlyCheckState>('status');

export interface YearlyCheckResult {
  outcome: 'REPORTED';
  counts: YearlyCheckCounts;
}

export interface PreventionEmployerCheckInput extends CheckTerms {
  employerSiren: string;
}

export interface EmployerCheckState {
  year: number;
  employerSiren: string;
  status: CheckStatus;
  due: string;
  /** The instant the due day is over in Paris (ISO). */
  dueAt: string;
  /** When the administrators were reminded (ISO), null before. */
  remindedAt: string | null;
  doneAt: string | null;
  /** The account that marked it done. */
  doneBy: string | null;
}

export const employerCheckStatusQuery = defineQuery<EmployerCheckState>('status');

export interface EmployerCheckResult {
  status: Exclude<CheckStatus, 'OPEN' | 'CANCELLED'>;
  reminded: boolean;
}

export interface MarkCheckDoneRequest {
  /** The administrator's account id (a UUID). */
  actorId: string;
}

/** An administrator of the company says the year's check is done; the validator refuses with a `PreventionCheckFailure` type. */
export const markCheckDoneUpdate = defineUpdate<EmployerCheckState, [MarkCheckDoneRequest]>('markCheckDone');

/** Failure types of the `markCheckDone` refusals and of a check started with a bad input. */
export const PreventionCheckFailure = {
  /** Done already, or its due day is over. */
  CLOSED: 'PREVENTION.CHECK_CLOSED',
  ACTOR_INVALID: 'PREVENTION.ACTOR_INVALID',
  INPUT_INVALID: 'PREVENTION.CHECK_INPUT_INVALID',
} as const;

export type PreventionCheckFailureType = (typeof PreventionCheckFailure)[keyof typeof PreventionCheckFailure];
