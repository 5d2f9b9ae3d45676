import { CancellationScope, proxyActivities, setHandler, sleep, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { createMailActivities } from '../../activities/mail/mail.activities';
import { DATABASE_STEP } from '../confirmation/activity-options';
import { businessStateAttributes } from '../search-attributes';
import { mailDeliveries } from '../shared/mail-deliveries';
import { timerFor } from '../shared/timer-purpose';
import {
  publicFormNoticeStatusQuery,
  type PublicFormNoticeInput,
  type PublicFormNoticePhase,
  type PublicFormNoticeResult,
} from './public-form-notice.messages';

type MailActivities = ReturnType<typeof createMailActivities>;

const { queuePublicFormNotice } = proxyActivities<MailActivities>(DATABASE_STEP);

/**
 * Tells the person who filled a public form, at the address he typed, why
 * it started nothing: one templated mail, written to the outbox, then
 * delivered (retried while SMTP is down). The workflow then stays open until
 * its quiet period ends, so that the same form posted again meanwhile (its
 * id is a fingerprint of the notice) sends nothing more. Cancelled, it still
 * writes and delivers its mail (no outbox row is left pending): only the
 * quiet period is cut short.
 */
export async function publicFormNoticeWorkflow({ notice, durations }: PublicFormNoticeInput): Promise<PublicFormNoticeResult> {
  const quietUntil = workflowInfo().startTime.getTime() + durations.quietPeriodMs;
  let phase: PublicFormNoticePhase = 'MAILING';
  let mailedAt: string | null = null;

  setHandler(publicFormNoticeStatusQuery, () => ({ phase, kind: notice.kind, mailedAt, quietUntil: new Date(quietUntil).toISOString() }));
  publishState();

  const mails = mailDeliveries();
  const outboxId = await CancellationScope.nonCancellable(() => queuePublicFormNotice(notice));
  mails.deliver([outboxId]);
  await mails.settled();
  mailedAt = new Date().toISOString();
  phase = 'MAILED';
  publishState();

  const quietLeft = quietUntil - Date.now();
  if (quietLeft > 0) await sleep(quietLeft, timerFor('QUIET_PERIOD_END'));
  return { outboxId };

  /** Supervision sees the phase; nobody is ever awaited. */
  function publishState(): void {
    upsertSearchAttributes(businessStateAttributes({ phase, awaitedRole: null, dueDate: null }));
  }
}
