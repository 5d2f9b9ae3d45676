import type { TimerOptions } from '@temporalio/workflow';

/**
 * What a timer waits for, as a code. It goes into the timer's summary (the
 * TimerStarted event's user metadata, which replay does not compare), so the
 * console's process history says in words what the timer is for
 * (`app.timers.<code>`) instead of its sequence number.
 */
export type TimerPurpose =
  | 'CONFIRMATION_REMINDER'
  | 'CONFIRMATION_EXPIRY'
  | 'QUIET_PERIOD_END'
  | 'START_DATE'
  | 'EFFECTIVE_DATE'
  | 'TARGET_RECHECK'
  | 'APPROVAL_REMINDER'
  | 'LETTER_ROUTE_OFFER'
  | 'LETTER_POST_DEADLINE'
  | 'CANDIDACY_EXPIRY'
  | 'KEY_EXPIRY';

export const timerFor = (purpose: TimerPurpose): TimerOptions => ({ summary: purpose });
