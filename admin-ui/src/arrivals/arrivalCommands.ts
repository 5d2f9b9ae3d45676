import type { Identifier } from 'react-admin';
import { postJson, segment } from '../httpClient';
import type { Arrival, ArrivalInput } from '../types';

/** « Nouveau collaborateur »: the account is created PENDING; the invitation leaves on the start date. */
export const createArrival = (input: ArrivalInput) =>
  postJson<{ id: Identifier; workflowId: string; accountId: Identifier }>('/arrivals', input);

/** While it waits (start date or confirmation): the pending account is removed. */
export const cancelArrival = (id: Identifier) => postJson<Arrival>(`/arrivals/${segment(id)}/cancel`);

/** While the start date is not reached. */
export const changeStartDate = (id: Identifier, startDate: string) =>
  postJson<Arrival>(`/arrivals/${segment(id)}/start-date`, { startDate });
