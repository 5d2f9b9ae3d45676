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

/**
 * Waits until the workflow holds link n: it mails the link right after
 * storing it, whereas the issuing activity's call shows only that the
 * result is on its way (a confirmation sent then finds no current link).
 */
export async function linkMailed(acts: ReturnType<typeof fakeLinkActivities>, n: number): Promise<void> {
  await waitFor(async () => acts.deliverMail.mock.calls.some(([id]) => id === `mail-${n}`));
}

/**
 * Fakes of the confirmation-link activities every confirmation workflow uses:
 * link n is `token-n`, mailed as `mail-n`, valid `ttlMs` on the server's clock.
 */
export function fakeLinkActivities() {
  let issued = 0;
  return {
    issueConfirmationToken: jest.fn(async (req: IssueConfirmationRequest): Promise<IssuedConfirmation> => {
      issued++;
      return { tokenId: `token-${issued}`, expiresAt: new Date(serverNow() + req.ttlMs).toISOString(), outboxId: `mail-${issued}` };
    }),
    deliverMail: jest.fn(async (_outboxId: string) => undefined),
  };
}
