/** An activity that failed this many attempts in a row is an incident support must see. */
export const INCIDENT_FAILED_ATTEMPTS = 3;

export interface PendingActivityState {
  /** Temporal's attempt number: the attempt running, or the next one once a failure is recorded. */
  attempt: number;
  lastFailure: string | null;
}

/** Attempts that ended in failure so far: every attempt before the current one, once a failure is on record. */
export function failedAttempts({ attempt, lastFailure }: PendingActivityState): number {
  return lastFailure === null ? 0 : Math.max(attempt - 1, 0);
}

/** True while the activity keeps failing; false again as soon as a retry succeeds (it is no longer pending). */
export function isIncident(activity: PendingActivityState): boolean {
  return failedAttempts(activity) >= INCIDENT_FAILED_ATTEMPTS;
}
