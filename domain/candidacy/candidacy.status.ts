/** Plain unions, so workflows, activities, the API and entities share them. */
export const CANDIDACY_ROUTES = ['APPROVAL', 'LETTER'] as const;
export type CandidacyRoute = (typeof CANDIDACY_ROUTES)[number];

export const PENDING_CANDIDACY_STATUSES = ['AWAITING_EMAIL', 'AWAITING_APPROVAL', 'AWAITING_LETTER', 'AWAITING_KEY'] as const;
export const CLOSED_CANDIDACY_STATUSES = ['APPROVED', 'REFUSED', 'EXPIRED', 'LOCKED', 'CANCELLED'] as const;
export const CANDIDACY_STATUSES = [...PENDING_CANDIDACY_STATUSES, ...CLOSED_CANDIDACY_STATUSES] as const;

export type PendingCandidacyStatus = (typeof PENDING_CANDIDACY_STATUSES)[number];
export type CandidacyOutcome = (typeof CLOSED_CANDIDACY_STATUSES)[number];
export type CandidacyStatus = (typeof CANDIDACY_STATUSES)[number];

export const LETTER_STATUSES = ['PENDING', 'POSTED', 'VOIDED'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

export function isPendingCandidacy(status: CandidacyStatus): status is PendingCandidacyStatus {
  return (PENDING_CANDIDACY_STATUSES as readonly string[]).includes(status);
}
