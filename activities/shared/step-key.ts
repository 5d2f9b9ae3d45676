import { Context } from '@temporalio/activity';

/**
 * Idempotency key of one workflow step: the same on every retry of the
 * activity, different for another run of the same workflow id.
 */
export function stepKey(step: string): string {
  const { workflowId, runId } = workflowExecution();
  return `${workflowId}/${runId}/${step}`;
}

export function currentWorkflowId(): string {
  return workflowExecution().workflowId;
}

function workflowExecution(): { workflowId: string; runId: string } {
  const execution = Context.current().info.workflowExecution;
  if (!execution) throw new Error('This activity must run inside a workflow');
  return execution;
}
