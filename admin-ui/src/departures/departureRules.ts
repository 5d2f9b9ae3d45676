import { todayInParis } from '../common/calendarDate';
import type { Departure, DepartureStatus } from '../types';

/** When each action is offered; the server still decides (its refusals show as notifications). */
export const PENDING_DEPARTURE: DepartureStatus[] = ['SCHEDULED', 'WAITING_FOR_TARGET'];

/** The history tab: departures that are over. */
export const ENDED_DEPARTURE: DepartureStatus[] = ['COMPLETED', 'CANCELLED'];

export const isPendingDeparture = (departure: Departure) => PENDING_DEPARTURE.includes(departure.status);

/** Its date still ahead: one reached applies at once, the API refuses to move it (DEPARTURE.ALREADY_STARTED). */
export const mayChangeEffectiveDate = (departure: Departure) => departure.status === 'SCHEDULED' && departure.effectiveDate > todayInParis();

/** The API's answer when the leaver is the company's last active administrator and no valid successor was named. */
export const LAST_ADMINISTRATOR = 'DEPARTURE.LAST_ADMINISTRATOR';
