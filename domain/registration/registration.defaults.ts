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

/**
 * A public form that starts nothing (company already registered, unknown
 * establishment, identity taken…) says why by mail; the same notice to the
 * same address goes at most once an hour, however often the form is posted.
 */
export const PUBLIC_FORM_NOTICE_DEFAULTS = {
  quietPeriodMs: HOUR,
} as const;
