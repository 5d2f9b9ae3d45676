import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { endOfParisDay } from '../../domain/prevention/declaration-dates.rules';
import {
  PREVENTION_EMPLOYER_CHECK_WORKFLOW_TYPE,
  employerCheckId,
  employerCheckStatusQuery,
  markCheckDoneUpdate,
  type EmployerCheckResult,
  type PreventionEmployerCheckInput,
} from '../../workflows/prevention-check/prevention-check.messages';
import { AwaitedRole, BusinessPhase, CompanySiren, DueDate } from '../../workflows/search-attributes';
import { waitFor } from '../helpers/eventually';
import { fakePreventionCheckActivities, plusDays, serverToday, serverYear, withCheckWorker, type PreventionCheckFakes } from '../helpers/prevention-check.fakes';
import { createTimeSkippingEnv } from '../helpers/time-skipping';
import { endWorkflowTest } from '../helpers/workflow-histories';
import { cancelledFromSupervision, gate, held, updateFailureType, waitingOnTimer } from '../helpers/workflow-updates';

const DAY = 24 * 3600_000;
const SIREN = '552100554';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

/** Time passes on the test server until `at` (ms). */
const until = async (at: number) => env.sleep(Math.max(0, at - (await env.currentTimeMs())));

async function withEmployerCheck(
  input: Omit<PreventionEmployerCheckInput, 'year' | 'employerSiren'>,
  body: (ctx: { handle: WorkflowHandle; fakes: PreventionCheckFakes; year: number }) => Promise<void>,
  fakes = fakePreventionCheckActivities(),
) {
  await withCheckWorker(env, fakes, async (taskQueue) => {
    const year = await serverYear(env);
    const args: [PreventionEmployerCheckInput] = [{ year, employerSiren: SIREN, ...input }];
    const handle = await env.client.workflow.start(PREVENTION_EMPLOYER_CHECK_WORKFLOW_TYPE, { taskQueue, workflowId: `${employerCheckId(year, SIREN)}-${randomUUID()}`, args });
    try {
      await body({ handle, fakes, year });
    } finally {
      await endWorkflowTest(handle);
    }
  });
}

const markDone = (handle: WorkflowHandle, actorId: string) => held(env, () => handle.executeUpdate(markCheckDoneUpdate, { args: [{ actorId }] }));

describe('preventionEmployerCheckWorkflow', () => {
  it('is the administrators’ task; reminds them once, 15 days before the end of its due day, and is NOT_DONE at that end', async () => {
    const due = plusDays(await serverToday(env), 40);
    await withEmployerCheck({ due }, async ({ handle, fakes, year }) => {
      await waitingOnTimer(handle);
      expect(fakes.checks).toEqual([{ year, employerSiren: SIREN, workflowId: handle.workflowId, status: 'OPEN', due, doneAt: null, doneBy: null }]);
      const open = (await handle.describe()).typedSearchAttributes;
      expect(open.get(CompanySiren)).toBe(SIREN);
      expect(open.get(AwaitedRole)).toBe('ADMINISTRATOR');
      expect(open.get(BusinessPhase)).toBe('CHECK_TO_DO');
      expect(open.get(DueDate)?.toISOString()).toBe(endOfParisDay(due));
      expect(await handle.query(employerCheckStatusQuery)).toEqual({ year, employerSiren: SIREN, status: 'OPEN', due, dueAt: endOfParisDay(due), remindedAt: null, doneAt: null, doneBy: null });

      const remindAt = Date.parse(endOfParisDay(plusDays(due, -15)));
      await until(remindAt - DAY);
      await waitingOnTimer(handle);
      expect(fakes.acts.remindCheck).not.toHaveBeenCalled();

      expect(await handle.result()).toEqual({ status: 'NOT_DONE', reminded: true } satisfies EmployerCheckResult);
      expect(fakes.reminders).toEqual([{ siren: SIREN, at: expect.any(Number) }]);
      expect(fakes.reminders[0].at).toBeGreaterThanOrEqual(remindAt);
      expect(fakes.reminders[0].at - remindAt).toBeLessThan(60_000);
      expect(fakes.acts.remindCheck).toHaveBeenCalledWith({ year, siren: SIREN });
      expect(fakes.acts.deliverMail.mock.calls.map(([id]) => id).sort()).toEqual([`mail-${SIREN}-1`, `mail-${SIREN}-2`]);
      expect(fakes.checks.map((c) => c.status)).toEqual(['OPEN', 'NOT_DONE']);
      const closed = (await handle.describe()).typedSearchAttributes;
      expect(closed.get(BusinessPhase)).toBe('NOT_DONE');
      expect(closed.get(AwaitedRole)).toBeUndefined();
      expect(closed.get(DueDate)).toBeUndefined();
      expect(closed.get(CompanySiren)).toBe(SIREN);
    });
  });

  it('marked done before the reminder: DONE with who and when, no reminder, no longer awaited', async () => {
    const due = plusDays(await serverToday(env), 40);
    const actorId = randomUUID();
    await withEmployerCheck({ due }, async ({ handle, fakes, year }) => {
      await waitingOnTimer(handle);
      const done = await markDone(handle, actorId);
      expect(done).toMatchObject({ status: 'DONE', doneBy: actorId, doneAt: expect.any(String), remindedAt: null });
      expect(await handle.result()).toEqual({ status: 'DONE', reminded: false });
      expect(fakes.acts.remindCheck).not.toHaveBeenCalled();
      expect(fakes.acts.deliverMail).not.toHaveBeenCalled();
      expect(fakes.checks.at(-1)).toEqual({ year, employerSiren: SIREN, workflowId: handle.workflowId, status: 'DONE', due, doneAt: done.doneAt, doneBy: actorId });
      const closed = (await handle.describe()).typedSearchAttributes;
      expect(closed.get(BusinessPhase)).toBe('DONE');
      expect(closed.get(AwaitedRole)).toBeUndefined();
      expect(closed.get(DueDate)).toBeUndefined();
    });
  });

  it('started within its reminder days, reminds at once; refuses in its validator an actor that is not an account, then anything once done', async () => {
    const due = plusDays(await serverToday(env), 10);
    const fakes = fakePreventionCheckActivities();
    const mails = gate();
    fakes.holdDeliveries(mails.passed);
    await withEmployerCheck(
      { due, reminderDaysBefore: 15 },
      async ({ handle }) => {
        await waitFor(async () => fakes.acts.deliverMail.mock.calls.length === 2);
        expect(fakes.reminders).toHaveLength(1);
        expect(await updateFailureType(markDone(handle, 'support-1'))).toBe('PREVENTION.ACTOR_INVALID');
        const actorId = randomUUID();
        expect(await markDone(handle, actorId)).toMatchObject({ status: 'DONE', doneBy: actorId, remindedAt: expect.any(String) });
        expect(await updateFailureType(markDone(handle, randomUUID()))).toBe('PREVENTION.CHECK_CLOSED');
        expect(await handle.query(employerCheckStatusQuery)).toMatchObject({ status: 'DONE', doneBy: actorId });
        mails.open();
        expect(await handle.result()).toEqual({ status: 'DONE', reminded: true });
        expect(fakes.checks.map((c) => [c.status, c.doneBy])).toEqual([
          ['OPEN', null],
          ['DONE', actorId],
        ]);
      },
      fakes,
    );
  });

  it('cancelled from supervision, is no longer awaited and records its read model CANCELLED', async () => {
    const due = plusDays(await serverToday(env), 40);
    await withEmployerCheck({ due }, async ({ handle, fakes, year }) => {
      await waitingOnTimer(handle);
      await cancelledFromSupervision(handle);
      expect(fakes.checks).toEqual([
        expect.objectContaining({ year, employerSiren: SIREN, status: 'OPEN' }),
        { year, employerSiren: SIREN, workflowId: handle.workflowId, status: 'CANCELLED', due, doneAt: null, doneBy: null },
      ]);
      expect(fakes.acts.remindCheck).not.toHaveBeenCalled();
      const cancelled = (await handle.describe()).typedSearchAttributes;
      expect(cancelled.get(BusinessPhase)).toBe('CANCELLED');
      expect(cancelled.get(AwaitedRole)).toBeUndefined();
      expect(cancelled.get(DueDate)).toBeUndefined();
    });
  });
});
