import { Context } from '@temporalio/activity';
import { WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { IssueConfirmationRequest, IssuedConfirmation } from '../../activities/confirmation/confirmation.activities';
import { waitFor } from './eventually';

/** A faked step that waits until the test opens it: `passed` resolves once `open()` is called. */
export function gate(): { passed: Promise<void>; open: () => void } {
  let open!: () => void;
  const passed = new Promise<void>((resolve) => (open = resolve));
  return { passed, open };
}

/** Inside a faked activity: the server's (skipped) clock, as a real activity would see it in production. */
export const serverNow = () => Context.current().info.currentAttemptScheduledTimestampMs;

/**
 * Sends an update with time skipping held, so the test server does not jump
 * to the next timer while the update waits for its workflow task.
 */
export async function held<T>(env: TestWorkflowEnvironment, send: () => Promise<T>): Promise<T> {
  const testService = env.connection.testService!;
  await testService.lockTimeSkipping({});
  try {
    return await send();
  } finally {
    await testService.unlockTimeSkipping({});
  }
}

/**
 * Waits until the process sleeps on a timer with no step in flight, so a
 * cancel sent next does not land in the workflow task that completes an
 * activity: the time-skipping server then refuses the activity's
 * cancellation (ACTIVITY_UNKNOWN) and the run hangs
 * (temporalio/sdk-java#2391), which the real server does not do.
 */
export async function waitingOnTimer(handle: WorkflowHandle): Promise<void> {
  await waitFor(async () => {
    const { events } = await handle.fetchHistory();
    const last = (events ?? []).filter((e) => e.timerStartedEventAttributes || e.activityTaskScheduledEventAttributes).at(-1);
    return Boolean(last?.timerStartedEventAttributes) && (await handle.describe()).raw.pendingActivities?.length === 0;
  });
}

/** Cancels the process as support does from the console (a Temporal cancel), lets `meanwhile` run, and waits until it has closed as cancelled. */
export async function cancelledFromSupervision(handle: WorkflowHandle, meanwhile?: () => Promise<void>): Promise<void> {
  await handle.cancel();
  await meanwhile?.();
  const closed = await handle.result().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(closed).toBeInstanceOf(WorkflowFailedError);
  expect((closed as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
}

/** The ApplicationFailure type a rejected update answered with. */
export async function updateFailureType(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    const cause = (err as WorkflowUpdateFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    return (cause as ApplicationFailure).type ?? undefined;
  }
  throw new Error('the update was accepted');
}

/** Waits until link n's mail is on its way (the workflow held the link before the mail was even written). */
export async function linkMailed(acts: ReturnType<typeof fakeLinkActivities>, n: number): Promise<void> {
  await waitFor(async () => acts.deliverMail.mock.calls.some(([id]) => id === `mail-${n}`));
}

/**
 * Fakes of the confirmation-link activities every confirmation workflow uses,
 * storing the link the workflow chose (or, like the real step, making one,
 * `token-n`, when none is given): link n is mailed as `mail-n`; `linkId(n)`
 * is its id, what the API passes once the mail's token is used.
 */
export function fakeLinkActivities() {
  const ids: string[] = [];
  const issueConfirmationToken = jest.fn(async (req: IssueConfirmationRequest): Promise<IssuedConfirmation> => {
    const n = ids.push(req.tokenId ?? `token-${ids.length + 1}`);
    return { tokenId: ids[n - 1], expiresAt: req.expiresAt ?? new Date(serverNow() + req.ttlMs).toISOString(), outboxId: `mail-${n}` };
  });
  return {
    issueConfirmationToken,
    deliverMail: jest.fn(async (_outboxId: string) => undefined),
    linkId(n: number): string {
      if (!ids[n - 1]) throw new Error(`link ${n} was not issued`);
      return ids[n - 1];
    },
  };
}

/**
 * The race of a fast confirmation: the moment link n's mail is written to the
 * outbox (inside the issuing step, before it answers), its holder confirms:
 * `confirm` sends the update to the workflow; `answer` settles as it does.
 */
export function confirmingAtOnce<T>(acts: ReturnType<typeof fakeLinkActivities>, n: number, confirm: (tokenId: string, workflowId: string) => Promise<T>) {
  let answered!: Promise<T>;
  const queued = gate();
  const issue = acts.issueConfirmationToken.getMockImplementation()!;
  acts.issueConfirmationToken.mockImplementation(async (req) => {
    const issued = await issue(req);
    if (acts.issueConfirmationToken.mock.calls.length === n) {
      answered = confirm(issued.tokenId, Context.current().info.workflowExecution!.workflowId);
      queued.open();
      await answered.catch(() => undefined);
    }
    return issued;
  });
  return { answer: queued.passed.then(() => answered) };
}
