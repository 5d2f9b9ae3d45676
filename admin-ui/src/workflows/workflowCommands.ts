import type { Identifier } from 'react-admin';
import { apiUrl, httpClient } from '../httpClient';

const post = (path: string, body: object) =>
  httpClient(`${apiUrl}${path}`, { method: 'POST', body: JSON.stringify(body) }).then(({ json }) => json);

const segment = (value: Identifier) => encodeURIComponent(String(value));

/** Asks the workflow to cancel itself (answer 202); the server's `message` is the error message on failure. */
export const cancelWorkflow = (id: Identifier, reason?: string): Promise<void> =>
  post(`/workflows/${segment(id)}/cancel`, reason ? { reason } : {}).then(() => undefined);

/** Terminates the workflow at once (answer 202); a reason of at least 5 characters is mandatory. */
export const terminateWorkflow = (id: Identifier, reason: string): Promise<void> =>
  post(`/workflows/${segment(id)}/terminate`, { reason }).then(() => undefined);

/** Resets the workflow to its last workflow-task completion (a new run); a reason is mandatory. */
export const resetWorkflow = (id: Identifier, reason: string): Promise<void> =>
  post(`/workflows/${segment(id)}/reset`, { reason }).then(() => undefined);

/** Sends one of the workflow's console commands (an update or a signal of its own). */
export const sendWorkflowCommand = (id: Identifier, name: string): Promise<void> =>
  post(`/workflows/${segment(id)}/commands/${segment(name)}`, {}).then(() => undefined);

/** Where the raw history JSON downloads from (support). */
export const historyDownloadUrl = (id: Identifier) => `${apiUrl}/workflows/${segment(id)}/history.json`;

export type BatchAction = 'cancel' | 'terminate';

export interface BatchJob {
  jobId: string;
  state: 'RUNNING' | 'COMPLETED' | 'FAILED' | 'UNSPECIFIED';
  total: number;
  completed: number;
  failed: number;
}

export interface BatchPreview {
  count: number;
  byCompany: { companySiren: string | null; legalName: string | null; count: number }[];
  truncated: boolean;
}

/** The scope of a batch: a filter that names no company must say it means every company. */
export interface BatchScope {
  filter: object;
  allCompanies?: true;
}

/** How many running processes the list's filter designates, and per company. */
export const previewBatch = (scope: BatchScope): Promise<BatchPreview> => post('/workflows/batch/preview', scope);

/** Starts the batch operation; refused if the count changed since the preview. */
export const startBatch = (body: BatchScope & { action: BatchAction; reason: string; expectedCount: number }): Promise<string> =>
  post('/workflows/batch', body).then((json: { jobId: string }) => json.jobId);

export const batchJob = (jobId: string): Promise<BatchJob> =>
  httpClient(`${apiUrl}/workflows/batch/${segment(jobId)}`).then(({ json }) => json as BatchJob);

/** Retries a failing activity now (support). */
export const retryIncident = (workflowId: string, activityId: string): Promise<void> =>
  post(`/incidents/${segment(workflowId)}/${segment(activityId)}/retry`, {}).then(() => undefined);

export const TERMINATE_REASON_MIN_LENGTH = 5;
