import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { Logger } from '../../platform/logger';
import {
  PREVENTION_CORRECTION_WORKFLOW_TYPE,
  lineDeletedSignal,
  preventionCorrectionId,
  type PreventionCorrectionInput,
} from '../../workflows/prevention-correction/prevention-correction.messages';
import { TASK_QUEUE } from '../../workflows/task-queue';

/** One training body's share of a correction request: its lines' count and the last day to correct them. */
export interface CorrectionShare {
  declarantSiret: string;
  lines: number;
  /** YYYY-MM-DD: the latest verification deadline of those lines. */
  due: string;
}

/**
 * Starts, once the request is committed, one preventionCorrectionWorkflow
 * per training body (declarant SIRET) the request sends lines back to —
 * ids, counts and a day only. The id is the request's and the SIRET's, never
 * reused (REJECT_DUPLICATE): a start already made is no error.
 */
export async function startCorrectionTasks(client: Client, requestId: string, shares: CorrectionShare[]): Promise<void> {
  for (const share of shares) {
    const input: PreventionCorrectionInput = { requestId, declarantSiret: share.declarantSiret, lines: share.lines, due: share.due };
    await client.workflow
      .start(PREVENTION_CORRECTION_WORKFLOW_TYPE, {
        taskQueue: TASK_QUEUE,
        workflowId: preventionCorrectionId(requestId, share.declarantSiret),
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      })
      .catch((err: unknown) => {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      });
  }
}

/**
 * Tells a request's task that the training body deleted one of its lines,
 * once the deletion is committed. A task already closed (corrected,
 * expired, cancelled) or not started is no error; nor is Temporal being
 * unreachable: the deletion stands, and the task counts its lines again
 * daily and at its due day, so it sees it later.
 */
export async function signalLineDeleted(client: Client, logger: Logger, requestId: string, declarantSiret: string): Promise<void> {
  const workflowId = preventionCorrectionId(requestId, declarantSiret);
  try {
    await client.workflow.getHandle(workflowId).signal(lineDeletedSignal);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return;
    logger.warn({ workflowId, error: err instanceof Error ? err.name : typeof err }, 'prevention correction: a deletion not signalled (counted again later)');
  }
}
