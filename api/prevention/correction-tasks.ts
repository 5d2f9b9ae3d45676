import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { lockCorrectionRequest } from '../../domain/prevention/correction-request';
import { PreventionCorrectionRequest } from '../../domain/prevention/prevention.entities';
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

/** A correction request as it is recorded (prevention_correction_request). */
export interface CorrectionRequestRecord {
  id: string;
  employerSirens: string[];
  requestedBy: string;
}

/**
 * Records a correction request and starts one preventionCorrectionWorkflow
 * per training body (declarant SIRET) it sends lines back to — ids, counts
 * and a day only — inside the transaction `em` that sends them back, before
 * it commits, as declarations start their verification windows: Temporal
 * unreachable, the error rolls the whole request back (the caller is
 * answered 503 TEMPORAL.UNAVAILABLE, nothing changed). The request's lock is
 * held until the transaction ends, so each task waits for the commit or the
 * rollback, then goes on or ends ABANDONED (a task started before a failed
 * one, or before a failed commit). The id is the request's and the SIRET's,
 * never reused (REJECT_DUPLICATE): a start already made is no error.
 */
export async function startCorrectionTasks(em: EntityManager, client: Client, request: CorrectionRequestRecord, shares: CorrectionShare[]): Promise<void> {
  await lockCorrectionRequest(em, request.id);
  em.create(PreventionCorrectionRequest, request);
  await em.flush();
  for (const share of shares) {
    const input: PreventionCorrectionInput = { requestId: request.id, declarantSiret: share.declarantSiret, lines: share.lines, due: share.due };
    await client.workflow
      .start(PREVENTION_CORRECTION_WORKFLOW_TYPE, {
        taskQueue: TASK_QUEUE,
        workflowId: preventionCorrectionId(request.id, share.declarantSiret),
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
