import { CancellationScope, isCancellation } from '@temporalio/workflow';

/**
 * Runs a process's main line so that a cancellation (support's « Annuler »
 * in the console, or a batch cancel) never strands its records: `close`
 * then runs where nothing can interrupt it — it waits for a step in flight
 * (database steps are let finish: DATABASE_STEP), ends what is still
 * pending (account, read model, audit) and delivers its mails —, after
 * which the cancellation ends the workflow.
 */
export async function closedOnCancellation<T>(main: () => Promise<T>, close: () => Promise<void>): Promise<T> {
  try {
    return await main();
  } catch (err) {
    if (isCancellation(err)) await CancellationScope.nonCancellable(close);
    throw err;
  }
}
