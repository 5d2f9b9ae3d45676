const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * DOMAIN.md defaults for confirming an account's e-mail address (a declarant
 * created by an administrator, or a corrected address); operators and tests
 * override them.
 */
export const ACCOUNT_CONFIRMATION_DEFAULTS = {
  /** A confirmation link is valid 72 h. */
  tokenTtlMs: 72 * HOUR,
  /** One reminder, with a fresh link, if nothing happened after 48 h. */
  reminderAfterMs: 48 * HOUR,
  /** After 30 days the process gives up; a never-confirmed account is removed. */
  expireAfterMs: 30 * DAY,
} as const;
