import type { Arrival, ArrivalStatus } from '../types';

/** When each action is offered; the server still decides (its refusals show as notifications). */
export const PENDING_ARRIVAL: ArrivalStatus[] = ['SCHEDULED', 'AWAITING_CONFIRMATION'];

/** The history tab: arrivals that are over. */
export const ENDED_ARRIVAL: ArrivalStatus[] = ['COMPLETED', 'EXPIRED', 'CANCELLED'];

export const isPendingArrival = (arrival: Arrival) => PENDING_ARRIVAL.includes(arrival.status);

export const mayChangeStartDate = (arrival: Arrival) => arrival.status === 'SCHEDULED';
