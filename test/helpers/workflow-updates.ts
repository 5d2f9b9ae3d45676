import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

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
