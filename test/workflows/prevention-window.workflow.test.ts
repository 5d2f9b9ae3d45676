import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { DeemVerifiedPage, DeemVerifiedPageRequest, WindowRecord } from '../../activities/prevention/window.activities';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { endOfParisDay, type QuarterKey } from '../../domain/prevention/declaration-dates.rules';
import {
  PREVENTION_WINDOW_WORKFLOW_TYPE,
  moveDeadlineUpdate,
  preventionWindowId,
  windowStatusQuery,
  type MoveDeadlineRequest,
  type PreventionWindowInput,
  type PreventionWindowResult,
} from '../../workflows/prevention-window/prevention-window.messages';
import { BusinessPhase, CompanySiren, DueDate } from '../../workflows/search-attributes';
import { waitFor } from '../helpers/eventually';
import { createTimeSkippingEnv, workflowBundle } from '../helpers/time-skipping';
import { endWorkflowTest } from '../helpers/workflow-histories';
import { cancelledFromSupervision, gate, held, serverNow, updateFailureType, waitingOnTimer } from '../helpers/workflow-updates';

const DAY = 24 * 3600_000;
const SIREN = '552100554';
const QUARTER: QuarterKey = '2026-Q1';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

/** The day `n` days after `day` (YYYY-MM-DD). */
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** Today in Paris on the test server's (skipped) clock. */
const serverToday = async () => parisToday(new Date(await env.currentTimeMs()));

/** Time passes on the test server until `at` (ms). */
const until = async (at: number) => env.sleep(Math.max(0, at - (await env.currentTimeMs())));

/** The window's steps as the activities see them: each page (when it ran, server time) answers the next of `pages`, then nothing more. */
function fakeActivities(pages: DeemVerifiedPage[] = [{ updated: 0, more: false }]) {
  const records: WindowRecord[] = [];
  const pagesAt: number[] = [];
  let blocked: Promise<void> = Promise.resolve();
  return {
    records,
    pagesAt,
    /** Pages wait until `passed` resolves. */
    holdPages(passed: Promise<void>) {
      blocked = passed;
    },
    acts: {
      recordWindow: jest.fn(async (record: WindowRecord) => void records.push(record)),
      deemVerifiedPage: jest.fn(async (_request: DeemVerifiedPageRequest): Promise<DeemVerifiedPage> => {
        pagesAt.push(serverNow());
        await blocked;
        return pages[pagesAt.length - 1] ?? { updated: 0, more: false };
      }),
    },
  };
}

type Fakes = ReturnType<typeof fakeActivities>;

async function withWindow(deadline: string, body: (ctx: { handle: WorkflowHandle; fakes: Fakes }) => Promise<void>, fakes = fakeActivities(), pageSize?: number) {
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: fakes.acts });
  await worker.runUntil(async () => {
    const input: PreventionWindowInput = { employerSiren: SIREN, quarter: QUARTER, deadline, ...(pageSize ? { pageSize } : {}) };
    const handle = await env.client.workflow.start(PREVENTION_WINDOW_WORKFLOW_TYPE, { taskQueue, workflowId: `${preventionWindowId(SIREN, QUARTER)}-${randomUUID()}`, args: [input] });
    try {
      await body({ handle, fakes });
    } finally {
      await endWorkflowTest(handle);
    }
  });
}

const move = (over: Partial<MoveDeadlineRequest> & Pick<MoveDeadlineRequest, 'deadline'>): MoveDeadlineRequest => ({
  actorId: 'support-1',
  reason: 'REPORT_TRANSITION',
  ...over,
});

describe('preventionVerificationWindowWorkflow', () => {
  it('at the end of its Paris deadline day, deems the pending lines verified page by page until done, and closes with their count', async () => {
    const deadline = plusDays(await serverToday(), 30);
    const fakes = fakeActivities([
      { updated: 200, more: true },
      { updated: 200, more: true },
      { updated: 37, more: false },
    ]);
    await withWindow(
      deadline,
      async ({ handle }) => {
        await waitingOnTimer(handle);
        expect(fakes.records).toEqual([{ employerSiren: SIREN, quarter: QUARTER, workflowId: handle.workflowId, status: 'OPEN', deadline, moves: [], deemedVerified: 0 }]);
        const open = (await handle.describe()).typedSearchAttributes;
        expect(open.get(CompanySiren)).toBe(SIREN);
        expect(open.get(BusinessPhase)).toBe('VERIFICATION_OPEN');
        expect(open.get(DueDate)?.toISOString()).toBe(endOfParisDay(deadline));
        expect(await handle.query(windowStatusQuery)).toMatchObject({ status: 'OPEN', phase: 'VERIFICATION_OPEN', deadline, deadlineAt: endOfParisDay(deadline), counts: { deemedVerified: 0 } });

        expect(await handle.result()).toEqual({ outcome: 'CLOSED', deemedVerified: 437 } satisfies PreventionWindowResult);
        expect(fakes.acts.deemVerifiedPage.mock.calls.map(([request]) => request)).toEqual(Array(3).fill({ employerSiren: SIREN, quarter: QUARTER, limit: 200 }));
        const end = Date.parse(endOfParisDay(deadline));
        expect(fakes.pagesAt[0]).toBeGreaterThanOrEqual(end);
        expect(fakes.pagesAt[0] - end).toBeLessThan(60_000);
        expect(fakes.records.at(-1)).toEqual({ employerSiren: SIREN, quarter: QUARTER, workflowId: handle.workflowId, status: 'CLOSED', deadline, moves: [], deemedVerified: 437 });
        const closed = (await handle.describe()).typedSearchAttributes;
        expect(closed.get(BusinessPhase)).toBe('CLOSED');
        expect(closed.get(DueDate)).toBeUndefined();
      },
      fakes,
      200,
    );
  });

  it('counts what its pages say is deemed so far, not the sum of their answers: a page done by a lost worker and retried is not lost from the count', async () => {
    const deadline = plusDays(await serverToday(), 1);
    // The first page's attempt deemed 200 lines and its worker died before answering; its retry deemed the next 150.
    const fakes = fakeActivities([
      { updated: 150, more: true, deemed: 350 },
      { updated: 0, more: false, deemed: 350 },
    ]);
    await withWindow(
      deadline,
      async ({ handle }) => {
        expect(await handle.result()).toEqual({ outcome: 'CLOSED', deemedVerified: 350 } satisfies PreventionWindowResult);
        expect(fakes.records.at(-1)).toMatchObject({ status: 'CLOSED', deemedVerified: 350 });
        expect(await handle.query(windowStatusQuery)).toMatchObject({ status: 'CLOSED', counts: { deemedVerified: 350 } });
      },
      fakes,
      200,
    );
  });

  it('a deadline moved later is honoured: nothing happens at the old date, the pages run at the new one, and the move is recorded', async () => {
    const deadline = plusDays(await serverToday(), 10);
    const later = plusDays(deadline, 21);
    await withWindow(deadline, async ({ handle, fakes }) => {
      await waitingOnTimer(handle);
      const moved = await held(env, () => handle.executeUpdate(moveDeadlineUpdate, { args: [move({ deadline: later, reason: '  REPORT_TRANSITION ' })] }));
      expect(moved).toMatchObject({ status: 'OPEN', phase: 'VERIFICATION_OPEN', deadline: later, deadlineAt: endOfParisDay(later) });
      const recordedMove = { at: expect.any(String), actorId: 'support-1', reason: 'REPORT_TRANSITION', from: deadline, to: later };
      expect(moved.moves).toEqual([recordedMove]);
      expect(fakes.records.at(-1)).toEqual({ employerSiren: SIREN, quarter: QUARTER, workflowId: handle.workflowId, status: 'OPEN', deadline: later, moves: [recordedMove], deemedVerified: 0 });
      expect((await handle.describe()).typedSearchAttributes.get(DueDate)?.toISOString()).toBe(endOfParisDay(later));

      await until(Date.parse(endOfParisDay(deadline)) + DAY);
      await waitingOnTimer(handle);
      expect(fakes.acts.deemVerifiedPage).not.toHaveBeenCalled();
      expect(await handle.query(windowStatusQuery)).toMatchObject({ status: 'OPEN', phase: 'VERIFICATION_OPEN', deadline: later });

      expect(await handle.result()).toEqual({ outcome: 'CLOSED', deemedVerified: 0 });
      const end = Date.parse(endOfParisDay(later));
      expect(fakes.pagesAt).toHaveLength(1);
      expect(fakes.pagesAt[0]).toBeGreaterThanOrEqual(end);
      expect(fakes.pagesAt[0] - end).toBeLessThan(60_000);
      expect(fakes.records.at(-1)).toMatchObject({ status: 'CLOSED', deadline: later, moves: [recordedMove] });
    });
  });

  it('refuses in its validator a move without a reason, to a day that does not exist, or into the past', async () => {
    const today = await serverToday();
    const deadline = plusDays(today, 30);
    await withWindow(deadline, async ({ handle, fakes }) => {
      await waitingOnTimer(handle);
      const refused = (request: MoveDeadlineRequest) => updateFailureType(held(env, () => handle.executeUpdate(moveDeadlineUpdate, { args: [request] })));
      expect(await refused(move({ deadline: plusDays(deadline, 7), reason: '   ' }))).toBe('PREVENTION.REASON_REQUIRED');
      expect(await refused(move({ deadline: plusDays(deadline, 7), reason: ' ab ' }))).toBe('PREVENTION.REASON_REQUIRED');
      expect(await refused(move({ deadline: `${deadline.slice(0, 4)}-02-30` }))).toBe('PREVENTION.DATE_INVALID');
      expect(await refused(move({ deadline: '31/12/2030' }))).toBe('PREVENTION.DATE_INVALID');
      expect(await refused(move({ deadline: plusDays(today, -1) }))).toBe('PREVENTION.DATE_PAST');
      expect(fakes.records).toHaveLength(1);
      expect(await handle.query(windowStatusQuery)).toMatchObject({ status: 'OPEN', deadline, moves: [] });
    });
  });

  it('refuses a move once its deadline is reached, while its pages run', async () => {
    const today = await serverToday();
    const fakes = fakeActivities([{ updated: 3, more: false }]);
    const pages = gate();
    fakes.holdPages(pages.passed);
    await withWindow(
      plusDays(today, -1),
      async ({ handle }) => {
        await waitFor(async () => fakes.pagesAt.length === 1);
        expect(await handle.query(windowStatusQuery)).toMatchObject({ status: 'OPEN', phase: 'DEEMING_VERIFIED' });
        expect(await updateFailureType(held(env, () => handle.executeUpdate(moveDeadlineUpdate, { args: [move({ deadline: plusDays(today, 30) })] })))).toBe('PREVENTION.WINDOW_CLOSED');
        pages.open();
        expect(await handle.result()).toEqual({ outcome: 'CLOSED', deemedVerified: 3 });
        expect(fakes.records.at(-1)).toMatchObject({ status: 'CLOSED', moves: [], deemedVerified: 3 });
      },
      fakes,
    );
  });

  it('cancelled from supervision, records its read model as cancelled and deems nothing verified', async () => {
    const deadline = plusDays(await serverToday(), 30);
    await withWindow(deadline, async ({ handle, fakes }) => {
      await waitingOnTimer(handle);
      expect(fakes.records).toHaveLength(1);
      await cancelledFromSupervision(handle);
      expect(fakes.records.at(-1)).toEqual({ employerSiren: SIREN, quarter: QUARTER, workflowId: handle.workflowId, status: 'CANCELLED', deadline, moves: [], deemedVerified: 0 });
      expect(fakes.acts.deemVerifiedPage).not.toHaveBeenCalled();
      expect((await handle.describe()).typedSearchAttributes.get(BusinessPhase)).toBe('CANCELLED');
    });
  });
});
