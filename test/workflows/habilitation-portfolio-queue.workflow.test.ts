import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { habilitationJobWorkflowId, jobStatusQuery, type JobState } from '../../workflows/bulk-habilitation-job/bulk-habilitation-job.messages';
import { portfolioQueueStatusQuery, portfolioQueueWorkflowId } from '../../workflows/bulk-habilitation-job/habilitation-portfolio-queue.messages';
import { waitFor } from '../helpers/eventually';
import { fakeHabilitationJobActivities, terminated, withJobWorker } from '../helpers/habilitation-job.fakes';
import { createTimeSkippingEnv } from '../helpers/time-skipping';
import { endWorkflowTest } from '../helpers/workflow-histories';
import { waitingOnTimer } from '../helpers/workflow-updates';

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

const until = async (handle: WorkflowHandle, check: (s: JobState) => boolean) => waitFor(async () => check(await handle.query(jobStatusQuery)));
const queueOf = (portfolioId: string) => env.client.workflow.getHandle(portfolioQueueWorkflowId(portfolioId));
const queueState = (portfolioId: string) => queueOf(portfolioId).query(portfolioQueueStatusQuery);
const before = (log: string[], first: string, then: string) => expect(log.indexOf(first)).toBeLessThan(log.indexOf(then));

describe('habilitationPortfolioQueueWorkflow', () => {
  it('runs one portfolio’s jobs one at a time in arrival order, each told its place, while another portfolio’s job runs meanwhile; ends once empty', async () => {
    const fakes = fakeHabilitationJobActivities();
    const [p, q] = [randomUUID(), randomUUID()];
    const [a, b, d] = ['A', 'B', 'D'].map((label) => fakes.add({ label, portfolioId: p, changesTotal: 4 }));
    const c = fakes.add({ label: 'C', portfolioId: q, changesTotal: 4 });
    const chunks = fakes.hold(a);
    await withJobWorker(env, fakes, async (start) => {
      const ja = await start(a, { chunkSize: 2 });
      await until(ja, (s) => s.phase === 'APPLYING');
      const jb = await start(b, { chunkSize: 2 });
      await until(jb, (s) => s.jobsAhead === 1);
      const jd = await start(d, { chunkSize: 2 });
      await until(jd, (s) => s.jobsAhead === 2);
      try {
        expect(await queueState(p)).toEqual({ portfolioId: p, holder: a, waiting: [b, d] });
        const jc = await start(c, { chunkSize: 2 });
        expect(await jc.result()).toEqual({ status: 'DONE', outcome: 'OK', reason: null });
        expect(fakes.log.filter((l) => /^[ABD]:\d/.test(l))).toEqual([]);

        chunks.step();
        await until(ja, (s) => s.done === 2);
        expect(await jb.query(jobStatusQuery)).toMatchObject({ phase: 'QUEUED', jobsAhead: 1 });
        chunks.release();
        for (const job of [ja, jb, jd]) expect(await job.result()).toEqual({ status: 'DONE', outcome: 'OK', reason: null });

        const ofP = fakes.log.filter((l) => /^[ABD]:(\d|DONE)/.test(l));
        expect(ofP).toEqual(['A:1-2', 'A:3-4', 'A:DONE', 'B:1-2', 'B:3-4', 'B:DONE', 'D:1-2', 'D:3-4', 'D:DONE']);
        before(fakes.log, 'C:DONE', 'A:1-2');
        await queueOf(p).result();
        expect((await queueOf(p).describe()).status.name).toBe('COMPLETED');
      } finally {
        await terminated(env, [a, b, c, d].map(habilitationJobWorkflowId));
        await endWorkflowTest(queueOf(p));
      }
    });
  });

  it('drops a job whose workflow is gone: a holder that failed blocks it until its next check, a terminated waiting job never', async () => {
    const fakes = fakeHabilitationJobActivities();
    const p = randomUUID();
    const a = fakes.add({ label: 'A', portfolioId: p, changesTotal: 2, dies: true });
    const [b, d] = ['B', 'D'].map((label) => fakes.add({ label, portfolioId: p, changesTotal: 2 }));
    const chunks = fakes.hold(a);
    await withJobWorker(env, fakes, async (start) => {
      const ja = await start(a, { queueCheckMinutes: 15 });
      await until(ja, (s) => s.phase === 'APPLYING');
      const queueStarted = (await queueOf(p).describe()).startTime.getTime();
      const jb = await start(b, { queueCheckMinutes: 60 });
      await until(jb, (s) => s.jobsAhead === 1);
      const jd = await start(d, { queueCheckMinutes: 60 });
      await until(jd, (s) => s.jobsAhead === 2);
      try {
        await waitingOnTimer(jb);
        await jb.terminate('test: a waiting job dies');
        chunks.release();
        // Polled, not awaited: a result awaited lets the test server skip time.
        await waitFor(async () => (await ja.describe()).status.name === 'FAILED');
        expect(await queueState(p)).toEqual({ portfolioId: p, holder: a, waiting: [b, d] });
        expect(await jd.result()).toEqual({ status: 'DONE', outcome: 'OK', reason: null });
        const dTurn = fakes.chunkTimes.find((c) => c.label === 'D')!.at;
        expect(dTurn).toBeGreaterThanOrEqual(queueStarted + 15 * 60_000);
        expect(dTurn).toBeLessThan(queueStarted + 16 * 60_000);
        expect(fakes.log.filter((l) => /:(\d|DONE)/.test(l))).toEqual(['A:1-2', 'D:1-2', 'D:DONE']);
        await queueOf(p).result();
      } finally {
        await terminated(env, [a, b, d].map(habilitationJobWorkflowId));
        await endWorkflowTest(queueOf(p));
      }
    });
  });

  it('a queue gone (terminated) is started anew by the job still waiting, at its next check', async () => {
    const fakes = fakeHabilitationJobActivities();
    const p = randomUUID();
    const [a, b] = ['A', 'B'].map((label) => fakes.add({ label, portfolioId: p, changesTotal: 2 }));
    const chunks = fakes.hold(a);
    await withJobWorker(env, fakes, async (start) => {
      const ja = await start(a);
      await until(ja, (s) => s.phase === 'APPLYING');
      const jb = await start(b);
      await until(jb, (s) => s.jobsAhead === 1);
      try {
        await waitingOnTimer(queueOf(p));
        await queueOf(p).terminate('test: the queue dies');
        chunks.release();
        expect(await ja.result()).toEqual({ status: 'DONE', outcome: 'OK', reason: null });
        expect(await jb.result()).toEqual({ status: 'DONE', outcome: 'OK', reason: null });
        expect(fakes.log.filter((l) => /:(\d|DONE)/.test(l))).toEqual(['A:1-2', 'A:DONE', 'B:1-2', 'B:DONE']);
      } finally {
        await terminated(env, [a, b].map(habilitationJobWorkflowId));
        await endWorkflowTest(jb);
      }
    });
  });
});
