import { ActivityCancellationType, type ActivityOptions } from '@temporalio/workflow';

/**
 * Database steps: short, retried quickly. When the process is cancelled, a
 * step in flight is let finish (its transaction commits or not, and the
 * workflow learns which) before the process closes its records; without
 * this setting the SDK would answer « cancelled » at once.
 */
export const DATABASE_STEP: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
};

/** Mail delivery: retried with a growing pause while SMTP is down (the outbox keeps the mail). */
export const MAIL_DELIVERY: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
};
