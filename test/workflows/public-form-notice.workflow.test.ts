import { WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { mailPublicFormNotice } from '../../api/registrations/public-form-notice';
import { PUBLIC_FORM_NOTICE_DEFAULTS } from '../../domain/registration/registration.defaults';
import {
  PUBLIC_FORM_NOTICE_WORKFLOW_TYPE,
  publicFormNoticeStatusQuery,
  type PublicFormNotice,
  type PublicFormNoticeDurations,
} from '../../workflows/public-form-notice/public-form-notice.messages';
import { BusinessPhase } from '../../workflows/search-attributes';
import { TASK_QUEUE } from '../../workflows/task-queue';
import { waitFor } from '../helpers/eventually';
import { createTimeSkippingEnv, workflowBundle } from '../helpers/time-skipping';
import { endWorkflowTest } from '../helpers/workflow-histories';
import { gate } from '../helpers/workflow-updates';

const HOUR = 3600_000;
const NOTICE: PublicFormNotice = {
  kind: 'ACCOUNT.IDENTITY_TAKEN',
  to: 'claire.martin@example.test',
  lastName: 'Martin',
  firstName: 'Claire',
  siret: '84271640900011',
};

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

function fakeActivities() {
  let queued = 0;
  return {
    queuePublicFormNotice: jest.fn(async (_notice: PublicFormNotice) => `outbox-${++queued}`),
    deliverMail: jest.fn(async (_outboxId: string): Promise<void> => undefined),
  };
}

type Acts = ReturnType<typeof fakeActivities>;

/** Runs `body` with a worker on `acts` polling `taskQueue`. */
async function withWorker(taskQueue: string, acts: Acts, body: () => Promise<void>) {
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: acts });
  await worker.runUntil(body);
}

/** Runs `body` against a notice started on a task queue of its own; the notice is ended (and recorded) afterwards. */
async function withNotice(durations: PublicFormNoticeDurations, acts: Acts, body: (handle: WorkflowHandle) => Promise<void>) {
  const taskQueue = `test-${randomUUID()}`;
  await withWorker(taskQueue, acts, async () => {
    const handle = await env.client.workflow.start(PUBLIC_FORM_NOTICE_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: `public-form-notice-${randomUUID()}`,
      args: [{ notice: NOTICE, durations }],
    });
    try {
      await body(handle);
    } finally {
      await endWorkflowTest(handle);
    }
  });
}

const { EventType } = temporal.api.enums.v1;

/** Whether the workflow has run a task since it was asked to cancel: it knows, and has acted on it. */
async function cancelHandled(handle: WorkflowHandle): Promise<boolean> {
  const types = ((await handle.fetchHistory()).events ?? []).map((e) => e.eventType);
  const asked = types.indexOf(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED);
  return asked >= 0 && types.slice(asked).includes(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
}

const lasted = async (handle: WorkflowHandle) => {
  const { startTime, closeTime } = await handle.describe();
  return closeTime!.getTime() - startTime.getTime();
};

describe('publicFormNoticeWorkflow', () => {
  it('writes the notice to the outbox and delivers it once, then stays quiet until its period ends', async () => {
    const acts = fakeActivities();
    await withNotice({ quietPeriodMs: HOUR }, acts, async (handle) => {
      await waitFor(async () => (await handle.query(publicFormNoticeStatusQuery)).phase === 'MAILED');
      const status = await handle.query(publicFormNoticeStatusQuery);
      expect(status).toMatchObject({ phase: 'MAILED', kind: 'ACCOUNT.IDENTITY_TAKEN', mailedAt: expect.any(String) });
      expect(Date.parse(status.quietUntil) - (await handle.describe()).startTime.getTime()).toBe(HOUR);
      expect((await handle.describe()).typedSearchAttributes.get(BusinessPhase)).toBe('MAILED');

      expect(await handle.result()).toEqual({ outboxId: 'outbox-1' });
      expect(acts.queuePublicFormNotice.mock.calls).toEqual([[NOTICE]]);
      expect(acts.deliverMail.mock.calls).toEqual([['outbox-1']]);
      expect(await lasted(handle)).toBeGreaterThanOrEqual(HOUR);
      expect(await lasted(handle)).toBeLessThan(2 * HOUR);
    });
  });

  it('retries the delivery while SMTP is down, without writing the mail twice; a delivery past the quiet period ends it at once', async () => {
    const acts = fakeActivities();
    acts.deliverMail.mockRejectedValueOnce(new Error('SMTP down')).mockRejectedValueOnce(new Error('SMTP down'));
    await withNotice({ quietPeriodMs: 1_000 }, acts, async (handle) => {
      expect(await handle.result()).toEqual({ outboxId: 'outbox-1' });
      expect(acts.queuePublicFormNotice).toHaveBeenCalledTimes(1);
      expect(acts.deliverMail.mock.calls).toEqual([['outbox-1'], ['outbox-1'], ['outbox-1']]);
      const { mailedAt, quietUntil } = await handle.query(publicFormNoticeStatusQuery);
      expect(Date.parse(mailedAt!)).toBeGreaterThan(Date.parse(quietUntil));
    });
  });

  it('cancelled from supervision while its mail is on its way: the mail is still delivered, only the quiet period is cut short', async () => {
    const acts = fakeActivities();
    const smtp = gate();
    acts.deliverMail.mockImplementationOnce(() => smtp.passed);
    await withNotice({ quietPeriodMs: HOUR }, acts, async (handle) => {
      await waitFor(async () => acts.deliverMail.mock.calls.length === 1);
      await handle.cancel();
      await waitFor(() => cancelHandled(handle));
      smtp.open();
      const failure = await handle.result().catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(WorkflowFailedError);
      expect((failure as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
      expect(await handle.query(publicFormNoticeStatusQuery)).toMatchObject({ phase: 'MAILED', mailedAt: expect.any(String) });
      expect(acts.deliverMail.mock.calls).toEqual([['outbox-1']]);
      expect(await lasted(handle)).toBeLessThan(HOUR);
    });
  });

  it('the same form posted again while the notice is quiet joins it; another notice, or the same after the period, is mailed', async () => {
    const acts = fakeActivities();
    await withWorker(TASK_QUEUE, acts, async () => {
      const handleOf = (notice: PublicFormNotice) => mailPublicFormNotice(env.client, notice);
      const first = await handleOf(NOTICE);
      await waitFor(async () => (await first.query(publicFormNoticeStatusQuery)).phase === 'MAILED');
      const again = await handleOf({ ...NOTICE, lastName: 'MARTIN', firstName: 'claire' });
      expect([again.workflowId, again.firstExecutionRunId]).toEqual([first.workflowId, first.firstExecutionRunId]);
      expect(first.workflowId).toMatch(/^public-form-notice-[0-9a-f]{32}$/);
      expect(acts.queuePublicFormNotice).toHaveBeenCalledTimes(1);

      const other = await handleOf({ ...NOTICE, kind: 'CANDIDACY.COMPANY_NOT_FOUND' });
      expect(other.workflowId).not.toBe(first.workflowId);

      expect(await first.result()).toEqual({ outboxId: 'outbox-1' });
      expect(await other.result()).toEqual({ outboxId: 'outbox-2' });
      expect(await lasted(first)).toBeGreaterThanOrEqual(PUBLIC_FORM_NOTICE_DEFAULTS.quietPeriodMs);
      const later = await handleOf(NOTICE);
      try {
        expect(later.workflowId).toBe(first.workflowId);
        expect(later.firstExecutionRunId).not.toBe(first.firstExecutionRunId);
        await waitFor(async () => (await later.query(publicFormNoticeStatusQuery)).phase === 'MAILED');
        expect(acts.queuePublicFormNotice.mock.calls.map(([n]) => n.kind)).toEqual([
          'ACCOUNT.IDENTITY_TAKEN',
          'CANDIDACY.COMPANY_NOT_FOUND',
          'ACCOUNT.IDENTITY_TAKEN',
        ]);
      } finally {
        await endWorkflowTest(later);
      }
    });
  });
});

