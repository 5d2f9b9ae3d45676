import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, getExternalWorkflowHandle, setHandler, workflowInfo } from '@temporalio/workflow';
import { HABILITATION_JOB_DEFAULTS } from '../../domain/habilitation-jobs/habilitation-job.defaults';
import { habilitationJobWorkflowId, queueTurnSignal } from './bulk-habilitation-job.messages';
import { joinQueueSignal, leaveQueueSignal, portfolioQueueStatusQuery, type PortfolioQueueInput, type PortfolioQueueState } from './habilitation-portfolio-queue.messages';

const MINUTE = 60_000;

/**
 * The queue of one portfolio's mass habilitation jobs: they apply one at
 * a time, in the order they joined (`joinQueue`, signal-with-start from
 * the job). The queue tells each job how many pass before it
 * (`queueTurn`; 0 is its turn) whenever that changes; the holder leaves
 * (`leaveQueue`) once done, a waiting job when cancelled. A job whose
 * workflow is gone (terminated, failed, timed out) cannot be told: it is
 * dropped — the holder is asked again every `checkMinutes`, so a dead
 * holder blocks the queue that long at most. The queue continues as new
 * when the server suggests it and ends as soon as it is empty.
 */
export async function habilitationPortfolioQueueWorkflow(input: PortfolioQueueInput): Promise<void> {
  const { portfolioId } = input;
  const checkMinutes = input.checkMinutes ?? HABILITATION_JOB_DEFAULTS.queueCheckMinutes;
  let holder = input.holder;
  let waiting = [...input.waiting];
  /** What each member was last told (jobs ahead of it). */
  const told = new Map<string, number>();
  /** Bumped by every join and leave. */
  let changes = 0;

  setHandler(portfolioQueueStatusQuery, state);

  setHandler(joinQueueSignal, ({ jobId }) => {
    if (holder !== jobId && !waiting.includes(jobId)) waiting.push(jobId);
    told.delete(jobId);
    changes++;
  });

  setHandler(leaveQueueSignal, ({ jobId }) => {
    drop(jobId);
    changes++;
  });

  /** When the holder is next asked again whether it runs: on its own cadence, whatever joins and leaves meanwhile. */
  let checkAt = Date.now() + checkMinutes * MINUTE;
  for (;;) {
    const seen = changes;
    if (holder === null && waiting.length > 0) [holder, ...waiting] = waiting;
    if (await tellEveryone()) continue;
    if (holder === null) break;
    await condition(() => changes !== seen, Math.max(0, checkAt - Date.now()));
    if (Date.now() >= checkAt) {
      if (holder !== null) told.delete(holder);
      checkAt = Date.now() + checkMinutes * MINUTE;
    }
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof habilitationPortfolioQueueWorkflow>({ portfolioId, holder, waiting, checkMinutes });
    }
  }

  /** Tells each member whose place changed (or who asked again) how many jobs pass before it; answers whether some were gone. */
  async function tellEveryone(): Promise<boolean> {
    const members = holder === null ? waiting : [holder, ...waiting];
    const due = members.map((jobId, ahead) => ({ jobId, ahead })).filter(({ jobId, ahead }) => told.get(jobId) !== ahead);
    const reached = await Promise.all(due.map(({ jobId, ahead }) => tell(jobId, ahead)));
    due.forEach(({ jobId, ahead }, i) => {
      if (!reached[i]) drop(jobId);
      else if (isMember(jobId)) told.set(jobId, ahead);
    });
    return reached.includes(false);
  }

  /** Whether the job's workflow took the signal (false: it is not running). */
  async function tell(jobId: string, ahead: number): Promise<boolean> {
    try {
      await getExternalWorkflowHandle(habilitationJobWorkflowId(jobId)).signal(queueTurnSignal, { ahead });
      return true;
    } catch (err) {
      if (err instanceof ApplicationFailure) return false;
      throw err;
    }
  }

  function drop(jobId: string): void {
    if (holder === jobId) holder = null;
    waiting = waiting.filter((id) => id !== jobId);
    told.delete(jobId);
  }

  function isMember(jobId: string): boolean {
    return holder === jobId || waiting.includes(jobId);
  }

  function state(): PortfolioQueueState {
    return { portfolioId, holder, waiting: [...waiting] };
  }
}
