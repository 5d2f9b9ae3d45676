import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import {
  cancelJobUpdate,
  confirmRemovalsUpdate,
  habilitationJobWorkflowId,
  jobStatusQuery,
  type BulkHabilitationJobResult,
  type JobState,
} from '../../workflows/bulk-habilitation-job/bulk-habilitation-job.messages';
import { portfolioQueueStatusQuery, portfolioQueueWorkflowId } from '../../workflows/bulk-habilitation-job/habilitation-portfolio-queue.messages';
import { AwaitedRole, BusinessPhase, CompanySiren, DueDate } from '../../workflows/search-attributes';
import { waitFor } from '../helpers/eventually';
import { SIREN, fakeHabilitationJobActivities, terminated, withJobWorker } from '../helpers/habilitation-job.fakes';
import { createTimeSkippingEnv } from '../helpers/time-skipping';
import { endWorkflowTest } from '../helpers/workflow-histories';
import { cancelledFromSupervision, held, updateFailureType, waitingOnTimer } from '../helpers/workflow-updates';

const DAY = 24 * 3600_000;

let env: TestWorkflowEnvironment;

/*
 * One time-skipping server per test, not per file: a job starts its
 * portfolio's queue as a child left on its own (ABANDON), and once such a
 * child has closed, the test server no longer skips time
 * (temporalio/sdk-typescript#1101) — a later test's timers would wait in
 * real time.
 */
beforeEach(async () => {
  env = await createTimeSkippingEnv();
});

afterEach(async () => {
  await env?.teardown();
});

const status = (handle: WorkflowHandle) => handle.query(jobStatusQuery);
const until = async (handle: WorkflowHandle, check: (s: JobState) => boolean) => waitFor(async () => check(await status(handle)));
const confirm = (handle: WorkflowHandle, actorId: string) => held(env, () => handle.executeUpdate(confirmRemovalsUpdate, { args: [{ actorId }] }));
const cancel = (handle: WorkflowHandle, actorId: string) => held(env, () => handle.executeUpdate(cancelJobUpdate, { args: [{ actorId }] }));
const queueOf = (portfolioId: string) => env.client.workflow.getHandle(portfolioQueueWorkflowId(portfolioId));

describe('bulkHabilitationJobWorkflow', () => {
  it('quarantined: its company administrators’ task, expired after 7 days untouched, nothing applied', async () => {
    const fakes = fakeHabilitationJobActivities();
    const jobId = fakes.add({ label: 'A', portfolioId: randomUUID(), changesTotal: 40, quarantined: true });
    await withJobWorker(env, fakes, async (start) => {
      const handle = await start(jobId);
      try {
        await waitingOnTimer(handle);
        const waiting = await status(handle);
        expect(waiting).toMatchObject({ jobId, phase: 'AWAITING_CONFIRMATION', done: 0, total: 40, jobsAhead: null, confirmedBy: null, outcome: null });
        const startedAt = (await handle.describe()).startTime.getTime();
        expect(Date.parse(waiting.expiresAt!) - startedAt).toBeGreaterThanOrEqual(7 * DAY);
        expect(Date.parse(waiting.expiresAt!) - startedAt).toBeLessThan(7 * DAY + 60_000);
        const task = (await handle.describe()).typedSearchAttributes;
        expect(task.get(CompanySiren)).toBe(SIREN);
        expect(task.get(AwaitedRole)).toBe('ADMINISTRATOR');
        expect(task.get(BusinessPhase)).toBe('AWAITING_CONFIRMATION');
        expect(task.get(DueDate)?.toISOString()).toBe(waiting.expiresAt);

        expect(await handle.result()).toEqual({ status: 'EXPIRED', outcome: null, reason: null } satisfies BulkHabilitationJobResult);
        expect(fakes.log).toEqual(['A:AWAITING_CONFIRMATION', 'A:EXPIRED']);
        expect(fakes.acts.applyChunk).not.toHaveBeenCalled();
        const closed = (await handle.describe()).typedSearchAttributes;
        expect(closed.get(BusinessPhase)).toBe('EXPIRED');
        expect(closed.get(AwaitedRole)).toBeUndefined();
        expect(closed.get(DueDate)).toBeUndefined();
      } finally {
        await endWorkflowTest(handle);
      }
    });
  });

  it('quarantined, confirmed: refuses an actor that is not an account, then joins its queue and applies; its confirmation recorded', async () => {
    const fakes = fakeHabilitationJobActivities();
    const portfolioId = randomUUID();
    const jobId = fakes.add({ label: 'A', portfolioId, changesTotal: 12, quarantined: true });
    const chunks = fakes.hold(jobId);
    const actorId = randomUUID();
    await withJobWorker(env, fakes, async (start) => {
      const handle = await start(jobId, { chunkSize: 5, confirmationDays: 2 });
      try {
        await waitingOnTimer(handle);
        expect(await updateFailureType(confirm(handle, 'admin-1'))).toBe('HABILITATION_JOB.ACTOR_INVALID');
        expect(await confirm(handle, actorId)).toMatchObject({ phase: 'QUEUED', confirmedBy: actorId, expiresAt: null });
        await until(handle, (s) => s.phase === 'APPLYING');
        expect(await updateFailureType(confirm(handle, actorId))).toBe('HABILITATION_JOB.NOT_AWAITING_CONFIRMATION');
        expect(fakes.acts.recordJobPhase).toHaveBeenCalledWith({ jobId, phase: 'QUEUED', actorId });
        expect((await handle.describe()).typedSearchAttributes.get(AwaitedRole)).toBeUndefined();
        chunks.release();
        expect(await handle.result()).toEqual({ status: 'DONE', outcome: 'OK', reason: null });
        expect(fakes.log).toEqual(['A:AWAITING_CONFIRMATION', 'A:QUEUED', 'A:APPLYING', 'A:1-5', 'A:6-10', 'A:11-12', 'A:DONE']);
        expect(await status(handle)).toMatchObject({ phase: 'DONE', done: 12, total: 12, outcome: 'OK' });
      } finally {
        await endWorkflowTest(handle);
      }
    });
  });

  it('quarantined, cancelled before its confirmation: CANCELLED by who asked, no longer awaited, nothing applied', async () => {
    const fakes = fakeHabilitationJobActivities();
    const jobId = fakes.add({ label: 'A', portfolioId: randomUUID(), changesTotal: 40, quarantined: true });
    const actorId = randomUUID();
    await withJobWorker(env, fakes, async (start) => {
      const handle = await start(jobId);
      try {
        await waitingOnTimer(handle);
        expect(await cancel(handle, actorId)).toMatchObject({ phase: 'CANCELLED', expiresAt: null });
        expect(await updateFailureType(confirm(handle, actorId))).toBe('HABILITATION_JOB.NOT_AWAITING_CONFIRMATION');
        expect(await handle.result()).toEqual({ status: 'CANCELLED', outcome: null, reason: null });
        expect(fakes.acts.recordJobPhase).toHaveBeenLastCalledWith({ jobId, phase: 'CANCELLED', actorId });
        expect(fakes.acts.applyChunk).not.toHaveBeenCalled();
        const closed = (await handle.describe()).typedSearchAttributes;
        expect(closed.get(BusinessPhase)).toBe('CANCELLED');
        expect(closed.get(AwaitedRole)).toBeUndefined();
      } finally {
        await endWorkflowTest(handle);
      }
    });
  });

  it('with nothing to apply (every line rejected), finishes at once without queueing: its outcome is the dry-run’s', async () => {
    const fakes = fakeHabilitationJobActivities();
    const portfolioId = randomUUID();
    const jobId = fakes.add({ label: 'A', portfolioId, changesTotal: 0 });
    fakes.acts.finishJob.mockResolvedValueOnce({ outcome: 'KO', reason: { code: 'HABILITATION_FILE.ALL_LINES_REJECTED', params: { rejected: 3 } } });
    await withJobWorker(env, fakes, async (start) => {
      const handle = await start(jobId);
      try {
        expect(await handle.result()).toEqual({ status: 'DONE', outcome: 'KO', reason: { code: 'HABILITATION_FILE.ALL_LINES_REJECTED', params: { rejected: 3 } } });
        expect(fakes.acts.recordJobPhase).not.toHaveBeenCalled();
        expect(fakes.acts.applyChunk).not.toHaveBeenCalled();
        await expect(queueOf(portfolioId).describe()).rejects.toThrow();
      } finally {
        await endWorkflowTest(handle);
      }
    });
  });

  it('answers its progress chunk by chunk, done/total, then its outcome', async () => {
    const fakes = fakeHabilitationJobActivities();
    const jobId = fakes.add({ label: 'A', portfolioId: randomUUID(), changesTotal: 12 });
    const chunks = fakes.hold(jobId);
    await withJobWorker(env, fakes, async (start) => {
      const handle = await start(jobId, { chunkSize: 5 });
      try {
        await until(handle, (s) => s.phase === 'APPLYING');
        expect(await status(handle)).toMatchObject({ phase: 'APPLYING', done: 0, total: 12, jobsAhead: null, outcome: null });
        chunks.step();
        await until(handle, (s) => s.done === 5);
        expect(await status(handle)).toMatchObject({ phase: 'APPLYING', done: 5, total: 12 });
        chunks.step();
        await until(handle, (s) => s.done === 10);
        expect(await updateFailureType(cancel(handle, randomUUID()))).toBe('HABILITATION_JOB.APPLYING_STARTED');
        chunks.step();
        expect(await handle.result()).toEqual({ status: 'DONE', outcome: 'OK', reason: null });
        expect(await status(handle)).toEqual({ jobId, phase: 'DONE', jobsAhead: null, done: 12, total: 12, expiresAt: null, confirmedBy: null, outcome: 'OK', reason: null } satisfies JobState);
        expect(fakes.acts.applyChunk.mock.calls.map(([c]) => [c.fromSeq, c.toSeq])).toEqual([
          [1, 5],
          [6, 10],
          [11, 12],
        ]);
        expect((await handle.describe()).typedSearchAttributes.get(BusinessPhase)).toBe('DONE');
      } finally {
        await endWorkflowTest(handle);
      }
    });
  });

  it('cancelled while queued: leaves its portfolio’s queue, CANCELLED, nothing applied; the job applying refuses a cancel and goes on', async () => {
    const fakes = fakeHabilitationJobActivities();
    const portfolioId = randomUUID();
    const first = fakes.add({ label: 'A', portfolioId, changesTotal: 3 });
    const second = fakes.add({ label: 'B', portfolioId, changesTotal: 3 });
    const chunks = fakes.hold(first);
    const actorId = randomUUID();
    await withJobWorker(env, fakes, async (start) => {
      const a = await start(first);
      await until(a, (s) => s.phase === 'APPLYING');
      const b = await start(second);
      try {
        await until(b, (s) => s.phase === 'QUEUED' && s.jobsAhead === 1);
        expect(await queueOf(portfolioId).query(portfolioQueueStatusQuery)).toEqual({ portfolioId, holder: first, waiting: [second] });
        expect(await updateFailureType(cancel(b, 'support'))).toBe('HABILITATION_JOB.ACTOR_INVALID');
        expect(await cancel(b, actorId)).toMatchObject({ phase: 'CANCELLED', jobsAhead: null });
        expect(await b.result()).toEqual({ status: 'CANCELLED', outcome: null, reason: null });
        expect(fakes.acts.recordJobPhase).toHaveBeenCalledWith({ jobId: second, phase: 'CANCELLED', actorId });
        await waitFor(async () => (await queueOf(portfolioId).query(portfolioQueueStatusQuery)).waiting.length === 0);
        expect(await updateFailureType(cancel(a, actorId))).toBe('HABILITATION_JOB.APPLYING_STARTED');
        chunks.release();
        expect(await a.result()).toEqual({ status: 'DONE', outcome: 'OK', reason: null });
        expect(fakes.log).toEqual(['A:QUEUED', 'A:APPLYING', 'B:QUEUED', 'B:CANCELLED', 'A:1-3', 'A:DONE']);
      } finally {
        await terminated(env, [habilitationJobWorkflowId(first)]);
        await endWorkflowTest(b);
      }
    });
  });

  it('cancelled from supervision while queued: leaves the queue, recorded CANCELLED by the system', async () => {
    const fakes = fakeHabilitationJobActivities();
    const portfolioId = randomUUID();
    const first = fakes.add({ label: 'A', portfolioId, changesTotal: 3 });
    const second = fakes.add({ label: 'B', portfolioId, changesTotal: 3 });
    const chunks = fakes.hold(first);
    await withJobWorker(env, fakes, async (start) => {
      const a = await start(first);
      await until(a, (s) => s.phase === 'APPLYING');
      const b = await start(second);
      try {
        await until(b, (s) => s.phase === 'QUEUED' && s.jobsAhead === 1);
        await waitingOnTimer(b);
        await cancelledFromSupervision(b);
        expect(fakes.acts.recordJobPhase).toHaveBeenLastCalledWith({ jobId: second, phase: 'CANCELLED', actorId: null });
        await waitFor(async () => (await queueOf(portfolioId).query(portfolioQueueStatusQuery)).waiting.length === 0);
        chunks.release();
        expect(await a.result()).toMatchObject({ status: 'DONE' });
        expect(fakes.log.filter((l) => l.startsWith('B:'))).toEqual(['B:QUEUED', 'B:CANCELLED']);
      } finally {
        await terminated(env, [habilitationJobWorkflowId(first)]);
        await endWorkflowTest(b);
      }
    });
  });

  it('refuses, without retrying, chunks of no change', async () => {
    const fakes = fakeHabilitationJobActivities();
    const jobId = fakes.add({ label: 'A', portfolioId: randomUUID(), changesTotal: 3 });
    await withJobWorker(env, fakes, async (start) => {
      const handle = await start(jobId, { chunkSize: 0 });
      try {
        const failure = await handle.result().catch((err: unknown) => err);
        expect(failure).toBeInstanceOf(WorkflowFailedError);
        expect(((failure as WorkflowFailedError).cause as ApplicationFailure).type).toBe('HABILITATION_JOB.INPUT_INVALID');
        expect(fakes.acts.openJob).not.toHaveBeenCalled();
      } finally {
        await endWorkflowTest(handle);
      }
    });
  });
});
