import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { CorrectionLines, CorrectionMail, CorrectionMailRequest, CorrectionShareRead } from '../../activities/prevention/correction.activities';
import { endOfParisDay } from '../../domain/prevention/declaration-dates.rules';
import {
  PREVENTION_CORRECTION_WORKFLOW_TYPE,
  PreventionCorrectionFailure,
  correctionStatusQuery,
  lineDeletedSignal,
  preventionCorrectionId,
  type CorrectionResult,
  type PreventionCorrectionInput,
} from '../../workflows/prevention-correction/prevention-correction.messages';
import { AwaitedRole, BusinessPhase, CompanySiren, DueDate } from '../../workflows/search-attributes';
import { waitFor } from '../helpers/eventually';
import { plusDays, serverToday } from '../helpers/prevention-check.fakes';
import { createTimeSkippingEnv, workflowBundle } from '../helpers/time-skipping';
import { endWorkflowTest } from '../helpers/workflow-histories';
import { cancelledFromSupervision, gate, waitingOnTimer } from '../helpers/workflow-updates';

const DAY = 24 * 3600_000;
const SIRET = '11223344500012';
const SIREN = '112233445';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

/**
 * The correction's steps over `lines` lines in the database: the test
 * deletes them (`deleted`), the mail is one outbox message; the request is
 * committed unless `recorded` answers otherwise (it may wait, as the real
 * step waits for the request's transaction).
 */
function fakeCorrectionActivities(lines: number, recorded: () => Promise<boolean> = async () => true) {
  let left = lines;
  return {
    deleted(n = 1) {
      left -= n;
    },
    acts: {
      awaitCorrectionShare: jest.fn(async (_lines: CorrectionLines): Promise<CorrectionShareRead> => ({ recorded: await recorded(), left })),
      correctionLinesLeft: jest.fn(async (_lines: CorrectionLines) => left),
      queueCorrectionMail: jest.fn(async (_request: CorrectionMailRequest): Promise<CorrectionMail> => ({ outboxIds: ['mail-1'] })),
      deliverMail: jest.fn(async (_outboxId: string) => undefined),
    },
  };
}

type Fakes = ReturnType<typeof fakeCorrectionActivities>;

async function withCorrection(
  over: Partial<PreventionCorrectionInput> & { due: string },
  body: (ctx: { handle: WorkflowHandle; fakes: Fakes; input: PreventionCorrectionInput }) => Promise<void>,
  fakes = fakeCorrectionActivities(over.lines ?? 2),
) {
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: fakes.acts });
  const input: PreventionCorrectionInput = { requestId: randomUUID(), declarantSiret: SIRET, lines: 2, ...over };
  await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(PREVENTION_CORRECTION_WORKFLOW_TYPE, { taskQueue, workflowId: preventionCorrectionId(input.requestId, SIRET), args: [input] });
    try {
      await body({ handle, fakes, input });
    } finally {
      await endWorkflowTest(handle);
    }
  });
}

const counted = (handle: WorkflowHandle, corrected: number) => waitFor(async () => (await handle.query(correctionStatusQuery)).counts.corrected === corrected);

describe('preventionCorrectionWorkflow', () => {
  it('is the training body administrators’ task, mailed once; each deletion counted (a doubled signal too); every line deleted → CORRECTED, no longer awaited', async () => {
    const due = plusDays(await serverToday(env), 30);
    await withCorrection({ due }, async ({ handle, fakes, input }) => {
      await waitingOnTimer(handle);
      const open = (await handle.describe()).typedSearchAttributes;
      expect(open.get(CompanySiren)).toBe(SIREN);
      expect(open.get(AwaitedRole)).toBe('ADMINISTRATOR');
      expect(open.get(BusinessPhase)).toBe('CORRECTION_TO_DO');
      expect(open.get(DueDate)?.toISOString()).toBe(endOfParisDay(due));
      expect(await handle.query(correctionStatusQuery)).toEqual({
        requestId: input.requestId,
        declarantSiret: SIRET,
        phase: 'CORRECTION_TO_DO',
        due,
        dueAt: endOfParisDay(due),
        counts: { asked: 2, corrected: 0 },
        mails: 1,
      });
      expect(fakes.acts.queueCorrectionMail).toHaveBeenCalledTimes(1);
      expect(fakes.acts.queueCorrectionMail).toHaveBeenCalledWith({ requestId: input.requestId, declarantSiret: SIRET, due });
      await waitFor(async () => fakes.acts.deliverMail.mock.calls.length === 1);

      fakes.deleted();
      await handle.signal(lineDeletedSignal);
      await handle.signal(lineDeletedSignal);
      await counted(handle, 1);
      expect((await handle.describe()).typedSearchAttributes.get(BusinessPhase)).toBe('CORRECTION_TO_DO');

      fakes.deleted();
      await handle.signal(lineDeletedSignal);
      expect(await handle.result()).toEqual({ phase: 'CORRECTED', counts: { asked: 2, corrected: 2 } } satisfies CorrectionResult);
      expect(fakes.acts.queueCorrectionMail).toHaveBeenCalledTimes(1);
      expect(fakes.acts.deliverMail.mock.calls).toEqual([['mail-1']]);
      const closed = (await handle.describe()).typedSearchAttributes;
      expect(closed.get(BusinessPhase)).toBe('CORRECTED');
      expect(closed.get(AwaitedRole)).toBeUndefined();
      expect(closed.get(DueDate)).toBeUndefined();
      expect(closed.get(CompanySiren)).toBe(SIREN);
    });
  });

  it('its due day over with lines left: EXPIRED at the end of that day in Paris, no longer awaited, mailed once', async () => {
    const due = plusDays(await serverToday(env), 3);
    await withCorrection({ due }, async ({ handle, fakes }) => {
      await waitingOnTimer(handle);
      fakes.deleted();
      await handle.signal(lineDeletedSignal);
      await counted(handle, 1);
      expect(await handle.result()).toEqual({ phase: 'EXPIRED', counts: { asked: 2, corrected: 1 } });
      expect((await handle.describe()).closeTime!.getTime()).toBeGreaterThanOrEqual(Date.parse(endOfParisDay(due)));
      expect(fakes.acts.queueCorrectionMail).toHaveBeenCalledTimes(1);
      expect(fakes.acts.deliverMail).toHaveBeenCalledTimes(1);
      const closed = (await handle.describe()).typedSearchAttributes;
      expect(closed.get(BusinessPhase)).toBe('EXPIRED');
      expect(closed.get(AwaitedRole)).toBeUndefined();
      expect(closed.get(DueDate)).toBeUndefined();
    });
  });

  it('a deletion whose signal was lost is seen at the next daily count', async () => {
    const due = plusDays(await serverToday(env), 20);
    await withCorrection({ due, lines: 1 }, async ({ handle, fakes }) => {
      await waitingOnTimer(handle);
      const before = await env.currentTimeMs();
      fakes.deleted();
      expect(await handle.result()).toEqual({ phase: 'CORRECTED', counts: { asked: 1, corrected: 1 } });
      const closedAt = (await handle.describe()).closeTime!.getTime();
      expect(closedAt - before).toBeLessThanOrEqual(DAY + 60_000);
    });
  });

  it('its lines all deleted before it started: CORRECTED at once, nobody mailed', async () => {
    const due = plusDays(await serverToday(env), 20);
    const fakes = fakeCorrectionActivities(0);
    await withCorrection(
      { due, lines: 1 },
      async ({ handle }) => {
        expect(await handle.result()).toEqual({ phase: 'CORRECTED', counts: { asked: 1, corrected: 1 } });
        expect(fakes.acts.queueCorrectionMail).not.toHaveBeenCalled();
        expect(fakes.acts.deliverMail).not.toHaveBeenCalled();
      },
      fakes,
    );
  });

  it('its request rolled back (never committed): ABANDONED, never the administrators’ task, nobody mailed', async () => {
    const due = plusDays(await serverToday(env), 20);
    const fakes = fakeCorrectionActivities(2, async () => false);
    await withCorrection(
      { due },
      async ({ handle, input }) => {
        expect(await handle.result()).toEqual({ phase: 'ABANDONED', counts: { asked: 2, corrected: 0 } } satisfies CorrectionResult);
        expect(fakes.acts.awaitCorrectionShare.mock.calls).toEqual([[{ requestId: input.requestId, declarantSiret: SIRET }]]);
        expect(fakes.acts.correctionLinesLeft).not.toHaveBeenCalled();
        expect(fakes.acts.queueCorrectionMail).not.toHaveBeenCalled();
        expect(fakes.acts.deliverMail).not.toHaveBeenCalled();
        const closed = (await handle.describe()).typedSearchAttributes;
        expect(closed.get(BusinessPhase)).toBe('ABANDONED');
        expect(closed.get(AwaitedRole)).toBeUndefined();
        expect(closed.get(DueDate)).toBeUndefined();
        expect(closed.get(CompanySiren)).toBe(SIREN);
        expect((await handle.query(correctionStatusQuery)).mails).toBe(0);
      },
      fakes,
    );
  });

  it('its request committed late: waits for it (an attempt failing meanwhile), nobody’s task until then, then the task and its mail', async () => {
    const due = plusDays(await serverToday(env), 20);
    const committed = gate();
    let attempts = 0;
    const fakes = fakeCorrectionActivities(2, async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('canceling statement due to lock timeout');
      await committed.passed;
      return true;
    });
    await withCorrection(
      { due },
      async ({ handle }) => {
        await waitFor(async () => attempts >= 2);
        const waiting = (await handle.describe()).typedSearchAttributes;
        expect(waiting.get(BusinessPhase)).toBeUndefined();
        expect(waiting.get(AwaitedRole)).toBeUndefined();
        expect(await handle.query(correctionStatusQuery)).toMatchObject({ phase: 'CORRECTION_TO_DO', mails: 0, counts: { asked: 2, corrected: 0 } });
        expect(fakes.acts.queueCorrectionMail).not.toHaveBeenCalled();

        committed.open();
        await waitingOnTimer(handle);
        const open = (await handle.describe()).typedSearchAttributes;
        expect(open.get(BusinessPhase)).toBe('CORRECTION_TO_DO');
        expect(open.get(AwaitedRole)).toBe('ADMINISTRATOR');
        expect(open.get(DueDate)?.toISOString()).toBe(endOfParisDay(due));
        expect(fakes.acts.queueCorrectionMail).toHaveBeenCalledTimes(1);
        expect(await handle.query(correctionStatusQuery)).toMatchObject({ phase: 'CORRECTION_TO_DO', mails: 1 });
        expect(fakes.acts.correctionLinesLeft).not.toHaveBeenCalled();
      },
      fakes,
    );
  });

  it('cancelled from supervision, is no longer awaited', async () => {
    const due = plusDays(await serverToday(env), 20);
    await withCorrection({ due }, async ({ handle }) => {
      await waitingOnTimer(handle);
      await cancelledFromSupervision(handle);
      const cancelled = (await handle.describe()).typedSearchAttributes;
      expect(cancelled.get(BusinessPhase)).toBe('CANCELLED');
      expect(cancelled.get(AwaitedRole)).toBeUndefined();
      expect(cancelled.get(DueDate)).toBeUndefined();
    });
  });

  it('refuses an input without lines or with a day that is not one, without retrying', async () => {
    await withCorrection({ due: '2026-02-30', lines: 0 }, async ({ handle, fakes }) => {
      const failed = await handle.result().then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(failed).toBeInstanceOf(WorkflowFailedError);
      expect(((failed as WorkflowFailedError).cause as ApplicationFailure).type).toBe(PreventionCorrectionFailure.INPUT_INVALID);
      expect(fakes.acts.awaitCorrectionShare).not.toHaveBeenCalled();
      expect(fakes.acts.correctionLinesLeft).not.toHaveBeenCalled();
    });
  });
});
