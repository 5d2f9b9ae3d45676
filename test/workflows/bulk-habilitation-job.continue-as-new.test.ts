import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { habilitationJobWorkflowId, jobStatusQuery } from '../../workflows/bulk-habilitation-job/bulk-habilitation-job.messages';
import { waitFor } from '../helpers/eventually';
import { fakeHabilitationJobActivities, terminated, withJobWorker } from '../helpers/habilitation-job.fakes';
import { createDevServerEnv } from '../helpers/time-skipping';
import { endWorkflowTest } from '../helpers/workflow-histories';

let env: TestWorkflowEnvironment;

/** A real dev server suggesting continue-as-new after 60 events (4 Ki by default): a job of 40 chunks continues several times. */
beforeAll(async () => {
  env = await createDevServerEnv({ 'limit.historyCount.suggestContinueAsNew': 60 });
});

afterAll(async () => {
  await env?.teardown();
});

describe('bulkHabilitationJobWorkflow under a long history', () => {
  it('continues as new between chunks, holding its portfolio’s turn: every change applied once, in order; the next job waits for its end', async () => {
    const fakes = fakeHabilitationJobActivities();
    const portfolioId = randomUUID();
    const long = fakes.add({ label: 'L', portfolioId, changesTotal: 120 });
    const next = fakes.add({ label: 'N', portfolioId, changesTotal: 2 });
    await withJobWorker(env, fakes, async (start) => {
      const held = fakes.hold(long);
      const handle = await start(long, { chunkSize: 3 });
      await waitFor(async () => (await handle.query(jobStatusQuery)).phase === 'APPLYING');
      const second = await start(next);
      try {
        await waitFor(async () => (await second.query(jobStatusQuery)).jobsAhead === 1);
        held.release();
        expect(await handle.result()).toEqual({ status: 'DONE', outcome: 'OK', reason: null });
        expect(await second.result()).toEqual({ status: 'DONE', outcome: 'OK', reason: null });

        const runs: string[] = [];
        for await (const run of env.client.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` })) runs.push(run.status.name);
        expect(runs.filter((s) => s === 'CONTINUED_AS_NEW').length).toBeGreaterThanOrEqual(2);
        const chunks = fakes.acts.applyChunk.mock.calls.map(([c]) => c).filter((c) => c.jobId === long);
        expect(chunks.map((c) => [c.fromSeq, c.toSeq])).toEqual(Array.from({ length: 40 }, (_, i) => [3 * i + 1, 3 * i + 3]));
        expect(fakes.acts.openJob).toHaveBeenCalledTimes(2);
        expect(fakes.log.filter((l) => l.startsWith('L:') && !/\d/.test(l))).toEqual(['L:QUEUED', 'L:APPLYING', 'L:DONE']);
        expect(fakes.log.indexOf('L:DONE')).toBeLessThan(fakes.log.indexOf('N:1-2'));
      } finally {
        await terminated(env, [habilitationJobWorkflowId(next)]);
        await endWorkflowTest(handle);
      }
    });
  });
});
