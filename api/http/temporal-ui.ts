import type { WorkflowExecutionInfo } from '@temporalio/client';

/** Link to the same workflow in the Temporal Web UI. */
export function temporalUiLink(
  baseUrl: string,
  namespace: string,
  execution: Pick<WorkflowExecutionInfo, 'workflowId' | 'runId'>,
): string {
  return `${baseUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(execution.workflowId)}/${encodeURIComponent(execution.runId)}/history`;
}
