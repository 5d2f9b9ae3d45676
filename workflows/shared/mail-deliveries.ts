import { CancellationScope, proxyActivities } from '@temporalio/workflow';
import type { createMailActivities } from '../../activities/mail/mail.activities';
import { MAIL_DELIVERY } from '../confirmation/activity-options';

const { deliverMail } = proxyActivities<ReturnType<typeof createMailActivities>>(MAIL_DELIVERY);

/**
 * The mails a process queued in the outbox, each delivered by its own
 * activity (retried while SMTP is down). A mail once queued is delivered
 * even if the process is cancelled meanwhile; the process waits for them
 * all (`settled`) before it ends, however it ends.
 */
export function mailDeliveries() {
  const pending: Promise<void>[] = [];
  return {
    deliver(outboxIds: string[]): void {
      for (const id of outboxIds) pending.push(CancellationScope.nonCancellable(() => deliverMail(id)));
    },
    settled: async (): Promise<void> => void (await Promise.all(pending)),
  };
}

export type MailDeliveries = ReturnType<typeof mailDeliveries>;
