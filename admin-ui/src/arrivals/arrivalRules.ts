import { todayInParis } from '../common/calendarDate';
import type { Arrival, ArrivalStatus } from '../types';

/** When each action is offered; the server still decides (its refusals show as notifications). */
export const PENDING_ARRIVAL: ArrivalStatus[] = ['SCHEDULED', 'AWAITING_CONFIRMATION'];

/** The history tab: arrivals that are over. */
export const ENDED_ARRIVAL: ArrivalStatus[] = ['COMPLETED', 'EXPIRED', 'CANCELLED'];

export const isPendingArrival = (arrival: Arrival) => PENDING_ARRIVAL.includes(arrival.status);

/** Its date still ahead: on the day the invitation leaves, the API refuses to move it (ARRIVAL.ALREADY_STARTED). */
export const mayChangeStartDate = (arrival: Arrival) => arrival.status === 'SCHEDULED' && arrival.startDate > todayInParis();
