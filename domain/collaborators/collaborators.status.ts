/** Plain unions, so workflows, activities, the API and entities share them. */
export const PENDING_ARRIVAL_STATUSES = ['SCHEDULED', 'AWAITING_CONFIRMATION'] as const;
export const ARRIVAL_STATUSES = [...PENDING_ARRIVAL_STATUSES, 'COMPLETED', 'EXPIRED', 'CANCELLED'] as const;
export type ArrivalStatus = (typeof ARRIVAL_STATUSES)[number];
export type ArrivalOutcome = Exclude<ArrivalStatus, (typeof PENDING_ARRIVAL_STATUSES)[number]>;

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
