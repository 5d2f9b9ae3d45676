const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** DOMAIN.md defaults of an administrator candidacy (Candidat AD); operators and tests override them. */
export const CANDIDACY_DEFAULTS = {
  /** The candidate's e-mail confirmation link is valid 72 h. */
  tokenTtlMs: 72 * HOUR,
  /** Reminder to the administrators at day 7 (counted from the approval request). */
  reminderAfterMs: 7 * DAY,
  /** At day 14 without an answer the candidate may switch to the letter route. */
  letterOfferAfterMs: 14 * DAY,
  /** The candidacy expires at day 30 (e-mail never confirmed, or nobody answered). */
  expireAfterMs: 30 * DAY,
  /** A letter should be posted within 2 weeks; support is alerted otherwise. */
  postWithinMs: 14 * DAY,
  /** The activation key is valid 60 days from the posting. */
  keyValidityMs: 60 * DAY,
  /** 5 wrong keys lock the candidacy. */
  maxWrongKeys: 5,
  /** At most 3 letters per candidacy (a new letter voids the previous key). */
  maxLetters: 3,
} as const;
