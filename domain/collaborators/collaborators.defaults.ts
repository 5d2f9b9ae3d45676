const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** DOMAIN.md defaults of a collaborator's arrival; operators and tests override them. */
export const ARRIVAL_DEFAULTS = {
  /** The invitation's confirmation link is valid 72 h (a reminder carries a new one). */
  tokenTtlMs: 72 * HOUR,
  /** One reminder 3 days after the invitation. */
  reminderAfterMs: 3 * DAY,
  /** Unconfirmed 30 days after the invitation: the arrival expires, the account is removed. */
  expireAfterMs: 30 * DAY,
} as const;

/** Defaults of a departure. */
export const DEPARTURE_DEFAULTS = {
  /** Date reached but the target (or the successor) not ready: checked again this often. */
  recheckEveryMs: 1 * HOUR,
} as const;
