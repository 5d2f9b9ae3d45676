import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { endOfParisDay } from '../../domain/prevention/declaration-dates.rules';
import {
  PREVENTION_SCHEDULED_CHECK_START_WORKFLOW_TYPE,
  PREVENTION_YEARLY_CHECK_WORKFLOW_TYPE,
  employerCheckId,
  preventionCheckId,
  yearlyCheckStatusQuery,
  type PreventionYearlyCheckInput,
  type YearlyCheckResult,
} from '../../workflows/prevention-check/prevention-check.messages';
import { BusinessPhase, DueDate } from '../../workflows/search-attributes';
import { waitFor } from '../helpers/eventually';
import { REPORT, SIRENS, fakePreventionCheckActivities, plusDays, serverToday, serverYear, terminated, withCheckWorker } from '../helpers/prevention-check.fakes';
import { createTimeSkippingEnv } from '../helpers/time-skipping';
import { endWorkflowTest } from '../helpers/workflow-histories';
import { cancelledFromSupervision, waitingOnTimer } from '../helpers/workflow-updates';

/*
 * The yearly check and its children on their own time-skipping server: after
 * runs with children, the test server may stop skipping time for the next
 * tests (temporalio/sdk-java#1540, #1618), so the employer's check, which
 * sleeps, is tested in prevention-check.employer.workflow.test.ts.
 */

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

describe('preventionYearlyCheckWorkflow', () => {
  it('starts one employer check per SIREN across two pages, each once — a second start of the year starts none — and reports at the end of the due day', async () => {
    const fakes = fakePreventionCheckActivities();
    const year = 2091;
    const due = plusDays(await serverToday(env), 30);
    const children = SIRENS.map((siren) => employerCheckId(year, siren));
    await withCheckWorker(env, fakes, async (taskQueue) => {
      // A continue-as-new between the pages is prevention-check.continue-as-new.test.ts's: the time-skipping server stops skipping after a parent with children continued as new (temporalio/sdk-java#1540).
      const input: PreventionYearlyCheckInput = { year, due, pageSize: 2 };
      const handle = await env.client.workflow.start(PREVENTION_YEARLY_CHECK_WORKFLOW_TYPE, { taskQueue, workflowId: `${preventionCheckId(year)}-${randomUUID()}`, args: [input] });
      let again: WorkflowHandle | undefined;
      try {
        await waitFor(async () => (await handle.query(yearlyCheckStatusQuery)).phase === 'CHECKS_OPEN');
        expect(await handle.query(yearlyCheckStatusQuery)).toEqual({ year, phase: 'CHECKS_OPEN', due, dueAt: endOfParisDay(due), counts: { employers: 3, done: 0, notDone: 0, cancelled: 0, pendingLines: 0 } });
        expect(fakes.acts.checkEmployersPage.mock.calls.map(([request]) => request)).toEqual([
          { year, after: null, limit: 2 },
          { year, after: SIRENS[1], limit: 2 },
        ]);
        expect(fakes.runs.map((r) => [r.status, r.employers])).toEqual([
          ['RUNNING', 0],
          ['RUNNING', 2],
          ['RUNNING', 3],
        ]);
        expect(fakes.runs.every((r) => r.workflowId === handle.workflowId && r.due === due && r.year === year)).toBe(true);
        await waitFor(async () => fakes.checks.length === 3);
        expect(fakes.checks.map((c) => [c.employerSiren, c.workflowId, c.status, c.due]).sort()).toEqual(SIRENS.map((s) => [s, employerCheckId(year, s), 'OPEN', due]));
        for (const id of children) expect((await env.client.workflow.getHandle(id).describe()).status.name).toBe('RUNNING');
        const firstRuns = await Promise.all(children.map(async (id) => (await env.client.workflow.getHandle(id).describe()).runId));

        again = await env.client.workflow.start(PREVENTION_YEARLY_CHECK_WORKFLOW_TYPE, { taskQueue, workflowId: `${preventionCheckId(year)}-${randomUUID()}`, args: [{ year, due, pageSize: 2 }] });
        await waitFor(async () => (await again!.query(yearlyCheckStatusQuery)).phase === 'CHECKS_OPEN');
        expect((await again.query(yearlyCheckStatusQuery)).counts.employers).toBe(3);
        expect(fakes.checks).toHaveLength(3);
        expect(await Promise.all(children.map(async (id) => (await env.client.workflow.getHandle(id).describe()).runId))).toEqual(firstRuns);
        await again.terminate('second start checked');

        expect(await handle.result()).toEqual({ outcome: 'REPORTED', counts: { employers: 3, ...REPORT } } satisfies YearlyCheckResult);
        const end = Date.parse(endOfParisDay(due));
        expect(fakes.reportsAt).toHaveLength(1);
        expect(fakes.reportsAt[0]).toBeGreaterThanOrEqual(end);
        expect(fakes.reportsAt[0] - end).toBeLessThan(60_000);
        expect(fakes.acts.checkReport).toHaveBeenCalledWith({ year });
        expect(await handle.query(yearlyCheckStatusQuery)).toMatchObject({ phase: 'REPORTED', counts: { employers: 3, ...REPORT } });
        const reported = (await handle.describe()).typedSearchAttributes;
        expect(reported.get(BusinessPhase)).toBe('REPORTED');
        expect(reported.get(DueDate)).toBeUndefined();
        await waitFor(async () => fakes.checks.length === 3 + 3);
        expect(fakes.checks.slice(3).map((c) => c.status)).toEqual(['NOT_DONE', 'NOT_DONE', 'NOT_DONE']);
        expect(fakes.reminders.map((r) => r.siren).sort()).toEqual(SIRENS);
      } finally {
        await terminated(env, [...(again ? [again.workflowId] : []), ...children]);
        await endWorkflowTest(handle);
      }
    });
  });

  it('cancelled from supervision, records its run as cancelled; the employers’ checks go on', async () => {
    const fakes = fakePreventionCheckActivities(SIRENS.slice(0, 1));
    const year = 2092;
    const due = plusDays(await serverToday(env), 30);
    const child = employerCheckId(year, SIRENS[0]);
    await withCheckWorker(env, fakes, async (taskQueue) => {
      const handle = await env.client.workflow.start(PREVENTION_YEARLY_CHECK_WORKFLOW_TYPE, { taskQueue, workflowId: `${preventionCheckId(year)}-${randomUUID()}`, args: [{ year, due }] });
      try {
        await waitingOnTimer(handle);
        await waitFor(async () => fakes.checks.length === 1);
        await cancelledFromSupervision(handle);
        expect(fakes.runs.at(-1)).toEqual({ year, workflowId: handle.workflowId, status: 'CANCELLED', due, employers: 1 });
        expect(fakes.acts.checkReport).not.toHaveBeenCalled();
        expect((await handle.describe()).typedSearchAttributes.get(BusinessPhase)).toBe('CANCELLED');
        expect((await env.client.workflow.getHandle(child).describe()).status.name).toBe('RUNNING');
      } finally {
        await terminated(env, [child]);
        await endWorkflowTest(handle);
      }
    });
  });
});

describe('preventionScheduledCheckStartWorkflow', () => {
  it('starts the check of the current year under its business id, once: a second start (catch-up, support) starts nothing', async () => {
    const fakes = fakePreventionCheckActivities([]);
    await withCheckWorker(env, fakes, async (taskQueue) => {
      const year = await serverYear(env);
      const start = () =>
        env.client.workflow.start(PREVENTION_SCHEDULED_CHECK_START_WORKFLOW_TYPE, { taskQueue, workflowId: `prevention-yearly-check-${randomUUID()}`, args: [{ campaignYearOffset: 0, specHash: 'test' }] });
      const check = env.client.workflow.getHandle(preventionCheckId(year));
      const first = await start();
      try {
        expect(await first.result()).toEqual({ year, started: true });
        expect(await (await start()).result()).toEqual({ year, started: false });
        await waitFor(async () => fakes.runs.length > 0);
        expect((await check.describe()).status.name).toBe('RUNNING');
        expect(fakes.runs[0]).toEqual({ year, workflowId: preventionCheckId(year), status: 'RUNNING', due: `${year}-12-31`, employers: 0 });
      } finally {
        await terminated(env, [check.workflowId]);
        await endWorkflowTest(first);
      }
    });
  });
});
