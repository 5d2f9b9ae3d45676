import type { Identifier } from 'react-admin';
import { postJson, segment } from '../httpClient';
import type { Departure, DepartureInput, DepartureTarget } from '../types';

/** Registers a departure; 409 `DEPARTURE.LAST_ADMINISTRATOR` asks for a successor. */
export const createDeparture = (input: DepartureInput) => postJson<{ id: Identifier; workflowId: string }>('/departures', input);

/** Before it is applied: nothing changes. */
export const cancelDeparture = (id: Identifier) => postJson<Departure>(`/departures/${segment(id)}/cancel`);

/** While the effective date is not reached. */
/** Until it is applied; a new collaborator awaited is no longer (his arrival is cancelled). */
export const retargetDeparture = (id: Identifier, rights: DepartureTarget) => postJson<Departure>(`/departures/${segment(id)}/target`, { rights });

export const changeEffectiveDate = (id: Identifier, effectiveDate: string) =>
  postJson<Departure>(`/departures/${segment(id)}/effective-date`, { effectiveDate });
