import type { ActivityOptions } from '@temporalio/workflow';

/** Database steps: short, retried quickly. */
export const DATABASE_STEP: ActivityOptions = { startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } };

/** Mail delivery: retried with a growing pause while SMTP is down (the outbox keeps the mail). */
export const MAIL_DELIVERY: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
};
