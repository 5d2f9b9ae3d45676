/** Plain unions, so workflows, activities, the API and entities share them. */
export const PENDING_ARRIVAL_STATUSES = ['SCHEDULED', 'AWAITING_CONFIRMATION'] as const;
export const ARRIVAL_STATUSES = [...PENDING_ARRIVAL_STATUSES, 'COMPLETED', 'EXPIRED', 'CANCELLED'] as const;
export type ArrivalStatus = (typeof ARRIVAL_STATUSES)[number];
export type ArrivalOutcome = Exclude<ArrivalStatus, (typeof PENDING_ARRIVAL_STATUSES)[number]>;

/** Why the system (not a person, who gives his own reason) cancelled an arrival. */
export const ARRIVAL_CANCEL_CAUSES = ['DEPARTURE_CANCELLED', 'DEPARTURE_RETARGETED'] as const;
export type ArrivalCancelCause = (typeof ARRIVAL_CANCEL_CAUSES)[number];

export const ARRIVAL_ROLES = ['DECLARANT', 'ADMINISTRATOR_CANDIDATE'] as const;
export type ArrivalRole = (typeof ARRIVAL_ROLES)[number];

export const ARRIVAL_RIGHTS_MODES = ['NONE', 'COPY', 'LIST'] as const;
export type ArrivalRightsMode = (typeof ARRIVAL_RIGHTS_MODES)[number];

export const PENDING_DEPARTURE_STATUSES = ['SCHEDULED', 'WAITING_FOR_TARGET'] as const;
export const DEPARTURE_STATUSES = [...PENDING_DEPARTURE_STATUSES, 'COMPLETED', 'CANCELLED'] as const;
export type DepartureStatus = (typeof DEPARTURE_STATUSES)[number];

export const DEPARTURE_RIGHTS_MODES = ['TRANSFER', 'TRANSFER_NEW', 'REVOKE'] as const;
export type DepartureRightsMode = (typeof DEPARTURE_RIGHTS_MODES)[number];

/** What happened to each of the leaver's rights. */
export const RIGHT_OUTCOMES = ['TRANSFERRED', 'ALREADY_HELD', 'REVOKED'] as const;
export type RightOutcome = (typeof RIGHT_OUTCOMES)[number];

export const isPendingArrival = (s: ArrivalStatus) => (PENDING_ARRIVAL_STATUSES as readonly string[]).includes(s);
export const isPendingDeparture = (s: DepartureStatus) => (PENDING_DEPARTURE_STATUSES as readonly string[]).includes(s);

/** One right (habilitation cell) as arrivals plan it and departures report it. */
export interface RightCell {
  portfolioId: string;
  siret: string;
  serviceCode: string;
  canDeclare: boolean;
  canPay: boolean;
  canConsult: boolean;
}

export interface NamedRightCell extends RightCell {
  portfolioName: string;
}

export interface RightReport extends NamedRightCell {
  outcome: RightOutcome;
}

/**
 * Why a departure waits past its date, as a code with its parameters; the
 * console puts it in words (French or English). LEGACY_TEXT is a reason
 * recorded before 2026-12-03 as a French sentence, kept as it was
 * (`params.text`).
 */
export const DEPARTURE_WAITING_CODES = [
  'NEWCOMER_NOT_CONFIRMED',
  'NEWCOMER_NOT_ARRIVED',
  'TARGET_GONE',
  'TARGET_INACTIVE',
  'SUCCESSOR_NOT_VALIDATED',
  'LAST_ADMINISTRATOR',
  'LEGACY_TEXT',
] as const;
export type DepartureWaitingCode = (typeof DEPARTURE_WAITING_CODES)[number];

export interface DepartureWaitingReason {
  code: DepartureWaitingCode;
  /** E.g. the target's `firstName`, `lastName` and `status`. */
  params: Record<string, string>;
}

/** A waiting reason as the steps answer it today, or as a French sentence from a step that ran before 2026-12-03. */
export const waitingReasonOf = (reason: DepartureWaitingReason | string): DepartureWaitingReason =>
  typeof reason === 'string' ? { code: 'LEGACY_TEXT', params: { text: reason } } : reason;

export const sameWaitingReason = (a: DepartureWaitingReason | null, b: DepartureWaitingReason | null): boolean =>
  a === b || (a !== null && b !== null && a.code === b.code && JSON.stringify(a.params) === JSON.stringify(b.params));
