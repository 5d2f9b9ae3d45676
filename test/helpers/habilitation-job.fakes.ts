import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { ChunkRequest, ChunkResult, JobPhaseRecord, OpenedJob } from '../../activities/habilitation-jobs/habilitation-job.activities';
import type { Outcome } from '../../domain/habilitation-jobs/habilitation-job.rules';
import {
  BULK_HABILITATION_JOB_WORKFLOW_TYPE,
  habilitationJobWorkflowId,
  type BulkHabilitationJobInput,
} from '../../workflows/bulk-habilitation-job/bulk-habilitation-job.messages';
import { workflowBundle } from './time-skipping';
import { serverNow } from './workflow-updates';

export const SIREN = '552100554';

/** A job as its row would say. */
export interface FakeJob {
  /** How the log names it. */
  label: string;
  portfolioId: string;
  changesTotal: number;
  quarantined?: boolean;
  /** Its last step fails for good: its workflow dies without leaving the queue. */
  dies?: boolean;
}

/**
 * The job's steps over rows kept in memory: `log` records, in order, each
 * phase (`A:QUEUED`), chunk (`A:1-5`) and finish (`A:DONE`) of the jobs by
 * their label; a job's chunks can be held (`hold`) until the test lets them go.
 */
export function fakeHabilitationJobActivities() {
  const jobs = new Map<string, FakeJob>();
  const log: string[] = [];
  /** When each chunk ran, on the test server's clock. */
  const chunkTimes: Array<{ label: string; at: number }> = [];
  /** Per held job: chunks it may still start, and the chunks waiting for leave. */
  const held = new Map<string, { allowed: number; waiting: Array<() => void> }>();
  const name = (jobId: string) => jobs.get(jobId)!.label;
  return {
    jobs,
    log,
    chunkTimes,
    /** A job of the portfolio, its plan `changesTotal` changes; answers its id. */
    add(job: FakeJob): string {
      const jobId = randomUUID();
      jobs.set(jobId, job);
      return jobId;
    },
    /** The job's chunks wait: `step()` lets one more go, `release()` all of them. */
    hold(jobId: string): { step: () => void; release: () => void } {
      const h = { allowed: 0, waiting: [] as Array<() => void> };
      held.set(jobId, h);
      const step = () => {
        const next = h.waiting.shift();
        if (next) next();
        else h.allowed++;
      };
      const release = () => {
        h.allowed = Infinity;
        h.waiting.splice(0).forEach((go) => go());
      };
      return { step, release };
    },
    acts: {
      openJob: jest.fn(async ({ jobId }: { jobId: string }): Promise<OpenedJob> => {
        const job = jobs.get(jobId)!;
        return { portfolioId: job.portfolioId, companySiren: SIREN, quarantined: job.quarantined ?? false, changesTotal: job.changesTotal, changesDone: 0 };
      }),
      recordJobPhase: jest.fn(async ({ jobId, phase }: JobPhaseRecord) => void log.push(`${name(jobId)}:${phase}`)),
      applyChunk: jest.fn(async ({ jobId, fromSeq, toSeq }: ChunkRequest): Promise<ChunkResult> => {
        const h = held.get(jobId);
        if (h && h.allowed > 0) h.allowed--;
        else if (h) await new Promise<void>((go) => h.waiting.push(go));
        log.push(`${name(jobId)}:${fromSeq}-${toSeq}`);
        chunkTimes.push({ label: name(jobId), at: serverNow() });
        return { done: toSeq, granted: toSeq - fromSeq + 1, changed: 0, revoked: 0, rejected: 0 };
      }),
      finishJob: jest.fn(async ({ jobId }: { jobId: string }): Promise<Outcome> => {
        if (jobs.get(jobId)!.dies) throw ApplicationFailure.nonRetryable('the job dies', 'TEST.JOB_DIES');
        log.push(`${name(jobId)}:DONE`);
        return { outcome: 'OK', reason: null };
      }),
    },
  };
}

export type HabilitationJobFakes = ReturnType<typeof fakeHabilitationJobActivities>;

/** Runs `body` with a worker of the fakes on a task queue of its own; starts jobs under their business ids. */
export async function withJobWorker(
  env: TestWorkflowEnvironment,
  fakes: HabilitationJobFakes,
  body: (start: (jobId: string, input?: Omit<BulkHabilitationJobInput, 'jobId'>) => Promise<WorkflowHandle>) => Promise<void>,
): Promise<void> {
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: fakes.acts });
  await worker.runUntil(() =>
    body((jobId, input = {}) => env.client.workflow.start(BULK_HABILITATION_JOB_WORKFLOW_TYPE, { taskQueue, workflowId: habilitationJobWorkflowId(jobId), args: [{ jobId, ...input }] })),
  );
}

/** Ends executions a test leaves running (the other jobs, a queue) without recording them. */
export async function terminated(env: TestWorkflowEnvironment, workflowIds: string[]): Promise<void> {
  for (const id of workflowIds) {
    const handle = env.client.workflow.getHandle(id);
    const running = await handle.describe().then(
      (d) => d.status.name === 'RUNNING',
      () => false,
    );
    if (running) await handle.terminate('test over');
  }
}
