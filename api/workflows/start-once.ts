import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { TASK_QUEUE } from '../../workflows/task-queue';

/**
 * Starts a process under its business id, once ever (REJECT_DUPLICATE, FAIL
 * on a running one): an id already used throws `exists()` — the caller's
 * domain error (a campaign, a yearly run already started).
 */
export async function startOnce(client: Client, workflowType: string, workflowId: string, args: unknown[], exists: () => Error): Promise<void> {
  try {
    await client.workflow.start(workflowType, { taskQueue: TASK_QUEUE, workflowId, args, workflowIdReusePolicy: 'REJECT_DUPLICATE', workflowIdConflictPolicy: 'FAIL' });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) throw exists();
    throw err;
  }
}
