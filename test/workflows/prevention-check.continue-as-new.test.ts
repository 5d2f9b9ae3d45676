import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import {
  PREVENTION_YEARLY_CHECK_WORKFLOW_TYPE,
  employerCheckId,
  preventionCheckId,
  type PreventionYearlyCheckInput,
  type YearlyCheckResult,
} from '../../workflows/prevention-check/prevention-check.messages';
import { waitFor } from '../helpers/eventually';
import { REPORT, fakePreventionCheckActivities, plusDays, serverToday, terminated, withCheckWorker } from '../helpers/prevention-check.fakes';
import { createDevServerEnv } from '../helpers/time-skipping';
import { endWorkflowTest } from '../helpers/workflow-histories';

/*
 * A real dev server: the time-skipping one stops skipping after a parent
 * with children continued as new (temporalio/sdk-java#1540). The check is
 * due yesterday, so nothing waits: the employers' checks close NOT_DONE at
 * once and the report follows the last page.
 */
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createDevServerEnv();
});

afterAll(async () => {
  await env?.teardown();
});

const SIRENS = ['111111118', '222222226', '333333334', '444444442', '555555550'];

describe('preventionYearlyCheckWorkflow in several runs', () => {
  it('continues as new after each run’s share of children, carrying its cursor and count: every employer’s check started once, the report after the last page', async () => {
    const fakes = fakePreventionCheckActivities(SIRENS);
    const year = 2093;
    const due = plusDays(await serverToday(env), -1);
    const children = SIRENS.map((siren) => employerCheckId(year, siren));
    await withCheckWorker(env, fakes, async (taskQueue) => {
      const input: PreventionYearlyCheckInput = { year, due, pageSize: 2, childrenPerRun: 2 };
      const handle = await env.client.workflow.start(PREVENTION_YEARLY_CHECK_WORKFLOW_TYPE, { taskQueue, workflowId: `${preventionCheckId(year)}-${randomUUID()}`, args: [input] });
      let again: string | undefined;
      try {
        expect(await handle.result()).toEqual({ outcome: 'REPORTED', counts: { employers: 5, ...REPORT } } satisfies YearlyCheckResult);
        const runs: string[] = [];
        for await (const run of env.client.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` })) runs.push(run.status.name);
        expect(runs.sort()).toEqual(['COMPLETED', 'CONTINUED_AS_NEW', 'CONTINUED_AS_NEW']);
        expect(fakes.acts.checkEmployersPage.mock.calls.map(([request]) => request.after)).toEqual([null, SIRENS[1], SIRENS[3]]);
        expect(fakes.runs.map((r) => r.employers)).toEqual([0, 2, 2, 4, 4, 5]);
        expect(fakes.acts.checkReport).toHaveBeenCalledTimes(1);

        await waitFor(async () => fakes.checks.filter((c) => c.status === 'NOT_DONE').length === SIRENS.length);
        const opened = fakes.checks.filter((c) => c.status === 'OPEN').map((c) => c.workflowId);
        expect(opened.sort()).toEqual(children);
        expect(fakes.acts.remindCheck).not.toHaveBeenCalled();

        // The same year again, its employers' checks over: none is started a second time.
        const second = await env.client.workflow.start(PREVENTION_YEARLY_CHECK_WORKFLOW_TYPE, { taskQueue, workflowId: `${preventionCheckId(year)}-${randomUUID()}`, args: [{ year, due }] });
        again = second.workflowId;
        expect(await second.result()).toEqual({ outcome: 'REPORTED', counts: { employers: 5, ...REPORT } });
        expect(fakes.checks.filter((c) => c.status === 'OPEN')).toHaveLength(SIRENS.length);
      } finally {
        await terminated(env, [...(again ? [again] : []), ...children]);
        await endWorkflowTest(handle);
      }
    });
  });
});
