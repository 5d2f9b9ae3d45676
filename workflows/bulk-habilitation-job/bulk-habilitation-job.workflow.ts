import {
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowCancellationType,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { HabilitationJobActivities, JobPhaseRecord } from '../../activities/habilitation-jobs/habilitation-job.activities';
import { HABILITATION_JOB_DEFAULTS, MAX_CHUNK_SIZE } from '../../domain/habilitation-jobs/habilitation-job.defaults';
import { DATABASE_STEP } from '../confirmation/activity-options';
import { businessStateAttributes, CompanySiren } from '../search-attributes';
import { closedOnCancellation } from '../shared/on-cancellation';
import { untilDeadline } from '../shared/updatable-deadline';
import {
  HabilitationJobFailure,
  cancelJobUpdate,
  confirmRemovalsUpdate,
  jobStatusQuery,
  queueTurnSignal,
  type BulkHabilitationJobInput,
  type BulkHabilitationJobResult,
  type CarriedJob,
  type HabilitationJobFailureType,
  type JobActorRequest,
  type JobOutcome,
  type JobPhase,
  type JobState,
  type OutcomeReason,
} from './bulk-habilitation-job.messages';
import { habilitationPortfolioQueueWorkflow } from './habilitation-portfolio-queue.workflow';
import { joinQueueSignal, leaveQueueSignal, portfolioQueueWorkflowId } from './habilitation-portfolio-queue.messages';

const { openJob, recordJobPhase, finishJob } = proxyActivities<HabilitationJobActivities>(DATABASE_STEP);

/** A chunk is one statement over a few thousand rows and their audit events. */
const { applyChunk } = proxyActivities<HabilitationJobActivities>({ ...DATABASE_STEP, startToCloseTimeout: '5 minutes' });

const DAY = 24 * 3600_000;
const MINUTE = 60_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One mass habilitation job (DOMAIN.md « Mass habilitation management »),
 * its plan stored with its row. Quarantined (its removals exceed 20 % of
 * the portfolio's habilitations), it is first its company's
 * administrators' task (AWAITING_CONFIRMATION, search attributes) until
 * the validated `confirmRemovals` update, or EXPIRED after
 * `confirmationDays`, nothing applied. Then it joins its portfolio's queue
 * (habilitationPortfolioQueueWorkflow: one job at a time, in arrival
 * order) and, its turn come, applies its plan chunk by chunk, continuing
 * as new when the server suggests it, records its outcome (OK, PARTIAL,
 * KO) and leaves the queue. `cancel` (update, or a cancellation from
 * supervision) while awaiting confirmation or queued: CANCELLED, nothing
 * applied; once applying, the update is refused and a cancellation has no
 * effect — the job goes to its end.
 */
export async function bulkHabilitationJobWorkflow(input: BulkHabilitationJobInput): Promise<BulkHabilitationJobResult> {
  const { jobId } = input;
  const confirmationDays = input.confirmationDays ?? HABILITATION_JOB_DEFAULTS.confirmationDays;
  const chunkSize = input.chunkSize ?? HABILITATION_JOB_DEFAULTS.chunkSize;
  const queueCheckMinutes = input.queueCheckMinutes ?? HABILITATION_JOB_DEFAULTS.queueCheckMinutes;
  if (!(confirmationDays > 0) || !(queueCheckMinutes > 0) || !Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
    throw ApplicationFailure.nonRetryable(`durations above 0, chunks of 1 to ${MAX_CHUNK_SIZE} changes`, HabilitationJobFailure.INPUT_INVALID);
  }
  let job: CarriedJob | null = input.carried ?? null;
  let phase: JobPhase | null = job ? 'APPLYING' : null;
  let jobsAhead: number | null = null;
  let expiresAt: number | null = null;
  let confirmedBy: string | null = null;
  /** Who asked to cancel (the validator let him); null: nobody. */
  let cancelledBy: string | null = null;
  let outcome: JobOutcome | null = null;
  let reason: OutcomeReason | null = null;
  /** It joined its portfolio's queue (a carried run holds its turn): it leaves it at its end. */
  let inQueue = job !== null;

  setHandler(jobStatusQuery, state);

  setHandler(queueTurnSignal, ({ ahead }) => {
    if (phase === 'QUEUED') jobsAhead = ahead;
  });

  setHandler(
    confirmRemovalsUpdate,
    async ({ actorId }) => {
      confirmedBy = actorId;
      await condition(() => phase !== 'AWAITING_CONFIRMATION');
      return state();
    },
    { validator: (request: JobActorRequest) => refuseIf(confirmRefusal(request)) },
  );

  setHandler(
    cancelJobUpdate,
    async ({ actorId }) => {
      cancelledBy = actorId;
      await condition(() => phase === 'CANCELLED');
      return state();
    },
    { validator: (request: JobActorRequest) => refuseIf(cancelRefusal(request)) },
  );

  return closedOnCancellation(
    async () => {
      if (!job) {
        const opened = await openJob({ jobId });
        job = { portfolioId: opened.portfolioId, companySiren: opened.companySiren, changesTotal: opened.changesTotal, done: opened.changesDone };
        if (!cancelledBy && opened.quarantined && !(await removalsConfirmed())) return closed(cancelledBy ? 'CANCELLED' : 'EXPIRED');
        if (cancelledBy) return closed('CANCELLED');
        if (job.changesTotal > job.done) {
          await enter('QUEUED', confirmedBy);
          if (!(await turnCame())) return closed('CANCELLED');
        }
      } else attributes();
      return CancellationScope.nonCancellable(applyAndFinish);
    },
    async () => {
      if (inQueue) await leaveQueue();
      await enter('CANCELLED');
    },
  );

  /** Quarantined: the administrators' task until confirmed (true), cancelled or expired (false). */
  async function removalsConfirmed(): Promise<boolean> {
    expiresAt = Date.now() + confirmationDays * DAY;
    await enter('AWAITING_CONFIRMATION');
    await untilDeadline(() => expiresAt!, () => confirmedBy !== null || cancelledBy !== null);
    return confirmedBy !== null && cancelledBy === null;
  }

  /**
   * Waits in the portfolio's queue until its turn (true) or a cancel
   * (false, the queue left). It joins again every `queueCheckMinutes`: a
   * queue that ended meanwhile (terminated) is started anew.
   */
  async function turnCame(): Promise<boolean> {
    for (;;) {
      await joinQueue();
      await condition(() => jobsAhead === 0 || cancelledBy !== null, queueCheckMinutes * MINUTE);
      if (cancelledBy !== null) {
        await leaveQueue();
        return false;
      }
      if (jobsAhead === 0) return true;
    }
  }

  /** Its turn come (or nothing to apply): from here on nothing cancels it. */
  async function applyAndFinish(): Promise<BulkHabilitationJobResult> {
    const { changesTotal } = job!;
    if (phase !== 'APPLYING' && job!.done < changesTotal) await enter('APPLYING');
    while (job!.done < changesTotal) {
      const { done } = await applyChunk({ jobId, fromSeq: job!.done + 1, toSeq: Math.min(job!.done + chunkSize, changesTotal) });
      job = { ...job!, done };
      if (workflowInfo().continueAsNewSuggested && done < changesTotal) {
        await condition(allHandlersFinished);
        await continueAsNew<typeof bulkHabilitationJobWorkflow>({ ...input, carried: job });
      }
    }
    ({ outcome, reason } = await finishJob({ jobId }));
    phase = 'DONE';
    attributes();
    if (inQueue) await leaveQueue();
    await condition(allHandlersFinished);
    return { status: 'DONE', outcome, reason };
  }

  async function closed(status: 'CANCELLED' | 'EXPIRED'): Promise<BulkHabilitationJobResult> {
    await enter(status, status === 'CANCELLED' ? cancelledBy : null);
    await condition(allHandlersFinished);
    return { status, outcome: null, reason: null };
  }

  async function enter(next: JobPhaseRecord['phase'], actorId: string | null = null): Promise<void> {
    phase = next;
    if (next !== 'QUEUED') jobsAhead = null;
    attributes();
    await recordJobPhase({ jobId, phase: next, actorId });
  }

  /**
   * Joins the portfolio's queue — signal-with-start, as a workflow can:
   * the queue is signalled, or, when none runs, started with this job in
   * it (left on its own: ABANDON); started by another job meanwhile, it
   * is signalled after all.
   */
  async function joinQueue(): Promise<void> {
    const { portfolioId } = job!;
    const workflowId = portfolioQueueWorkflowId(portfolioId);
    inQueue = true;
    for (;;) {
      if (await signalQueue(joinQueueSignal)) return;
      try {
        await startChild(habilitationPortfolioQueueWorkflow, {
          workflowId,
          args: [{ portfolioId, holder: null, waiting: [jobId], checkMinutes: queueCheckMinutes }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          cancellationType: ChildWorkflowCancellationType.ABANDON,
        });
        return;
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    }
  }

  /** Done with its turn, or cancelled while waiting; a queue gone meanwhile is no matter. */
  async function leaveQueue(): Promise<void> {
    inQueue = false;
    await signalQueue(leaveQueueSignal);
  }

  /** Whether the queue took the signal (false: no queue runs). */
  async function signalQueue(signal: typeof joinQueueSignal | typeof leaveQueueSignal): Promise<boolean> {
    try {
      await getExternalWorkflowHandle(portfolioQueueWorkflowId(job!.portfolioId)).signal(signal, { jobId });
      return true;
    } catch (err) {
      if (err instanceof ApplicationFailure) return false;
      throw err;
    }
  }

  function confirmRefusal(request: JobActorRequest): HabilitationJobFailureType | null {
    if (phase !== 'AWAITING_CONFIRMATION' || confirmedBy !== null || cancelledBy !== null || Date.now() >= expiresAt!) return HabilitationJobFailure.NOT_AWAITING_CONFIRMATION;
    return actorRefusal(request);
  }

  function cancelRefusal(request: JobActorRequest): HabilitationJobFailureType | null {
    if (phase === 'APPLYING') return HabilitationJobFailure.APPLYING_STARTED;
    if (phase === 'DONE' || phase === 'CANCELLED' || phase === 'EXPIRED' || cancelledBy !== null) return HabilitationJobFailure.CLOSED;
    return actorRefusal(request);
  }

  function actorRefusal(request: JobActorRequest): HabilitationJobFailureType | null {
    return typeof request?.actorId === 'string' && UUID.test(request.actorId) ? null : HabilitationJobFailure.ACTOR_INVALID;
  }

  function refuseIf(code: HabilitationJobFailureType | null): void {
    if (code) throw ApplicationFailure.create({ type: code, message: code, details: [{ code }], nonRetryable: true });
  }

  function state(): JobState {
    return {
      jobId,
      phase,
      jobsAhead: phase === 'QUEUED' ? jobsAhead : null,
      done: job?.done ?? 0,
      total: job?.changesTotal ?? 0,
      expiresAt: phase === 'AWAITING_CONFIRMATION' && expiresAt ? new Date(expiresAt).toISOString() : null,
      confirmedBy,
      outcome,
      reason,
    };
  }

  /** What supervision filters on: the company, the phase, and the administrators' task while the removals await them. */
  function attributes(): void {
    const awaiting = phase === 'AWAITING_CONFIRMATION';
    upsertSearchAttributes([
      ...(job ? [{ key: CompanySiren, value: job.companySiren }] : []),
      ...businessStateAttributes({ phase: phase ?? 'OPENING', awaitedRole: awaiting ? 'ADMINISTRATOR' : null, dueDate: awaiting ? new Date(expiresAt!) : null }),
    ]);
  }
}
