import type { Identifier } from 'react-admin';
import { apiUrl, httpClient } from '../httpClient';

const post = (path: string, body: object) =>
  httpClient(`${apiUrl}${path}`, { method: 'POST', body: JSON.stringify(body) }).then(() => undefined);

const segment = (value: Identifier) => encodeURIComponent(String(value));

/** Asks the workflow to cancel itself (answer 202); the server's `message` is the error message on failure. */
export const cancelWorkflow = (id: Identifier, reason?: string): Promise<void> =>
  post(`/workflows/${segment(id)}/cancel`, reason ? { reason } : {});

/** Terminates the workflow at once (answer 202); a reason of at least 5 characters is mandatory. */
export const terminateWorkflow = (id: Identifier, reason: string): Promise<void> =>
  post(`/workflows/${segment(id)}/terminate`, { reason });

export const TERMINATE_REASON_MIN_LENGTH = 5;
