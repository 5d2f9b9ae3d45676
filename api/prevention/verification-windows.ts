import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { QuarterKey } from '../../domain/prevention/declaration-dates.rules';
import { PREVENTION_WINDOW_WORKFLOW_TYPE, preventionWindowId, type PreventionWindowInput } from '../../workflows/prevention-window/prevention-window.messages';
import { TASK_QUEUE } from '../../workflows/task-queue';

/**
 * The verification window of each (employer SIREN, quarter) a training
 * body's lines name, started with the first of them and found again by its
 * id for the next (USE_EXISTING): one workflow per pair, not per line. It is
 * started before the lines are stored, so a line never waits without its
 * window; a window whose lines were then not stored closes on nothing.
 * Answers the windows found already closed (their deadline passed): their
 * new lines are deemed verified at once.
 */
export async function ensureWindows(client: Client, windows: { employerSiren: string; quarter: QuarterKey; deadline: string }[]): Promise<Set<string>> {
  const closed = new Set<string>();
  for (const w of windows) {
    const input: PreventionWindowInput = { employerSiren: w.employerSiren, quarter: w.quarter, deadline: w.deadline };
    await client.workflow.start(PREVENTION_WINDOW_WORKFLOW_TYPE, {
      taskQueue: TASK_QUEUE,
      workflowId: preventionWindowId(w.employerSiren, w.quarter),
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
    }).catch((err: unknown) => {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      closed.add(preventionWindowId(w.employerSiren, w.quarter));
    });
  }
  return closed;
}
