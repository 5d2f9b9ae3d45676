const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** DOMAIN.md defaults for company registration; operators and tests override them. */
export const REGISTRATION_DEFAULTS = {
  /** A confirmation link is valid 72 h. */
  tokenTtlMs: 72 * HOUR,
  /** One reminder, with a fresh link, if nothing happened after 48 h. */
  reminderAfterMs: 48 * HOUR,
  /** An unconfirmed registration is purged after 30 days. */
  purgeAfterMs: 30 * DAY,
} as const;
