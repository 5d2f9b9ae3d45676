import { ApplicationFailure } from '@temporalio/activity';
import type { MikroORM } from '@mikro-orm/postgresql';
import { OutboxMessage, OutboxStatus } from '../../domain/mail/outbox-message.entity';
import type { PublicFormNotice } from '../../workflows/public-form-notice/public-form-notice.messages';
import { stepKey } from '../shared/step-key';
import type { Mailer } from './mailer';
import { publicFormNoticeMail } from './public-form-notice.mails';

export interface MailDeps {
  orm: MikroORM;
  mailer: Mailer;
  /** Absolute base URL of the console, for links in mails. */
  publicUrl: string;
}

/** Sends what the outbox holds; a failure is recorded on the message and retried by Temporal. */
export function createMailActivities({ orm, mailer, publicUrl }: MailDeps) {
  return {
    async deliverMail(outboxId: string): Promise<void> {
      const em = orm.em.fork();
      const message = await em.findOne(OutboxMessage, outboxId);
      if (!message) throw ApplicationFailure.nonRetryable(`Outbox message ${outboxId} not found`, 'MAIL.NOT_FOUND');
      if (message.status === OutboxStatus.SENT) return;
      message.attempts++;
      try {
        await mailer.send(message);
        message.status = OutboxStatus.SENT;
        message.sentAt = new Date();
        message.lastError = null;
      } catch (err) {
        message.lastError = err instanceof Error ? err.message : String(err);
        throw err;
      } finally {
        await em.flush();
      }
    },

    /** Writes to the outbox, once per workflow run, the mail telling why a public form started nothing. */
    async queuePublicFormNotice(notice: PublicFormNotice): Promise<string> {
      const dedupeKey = stepKey('notice');
      return orm.em.fork().transactional(async (em) => {
        const queued = await em.findOne(OutboxMessage, { dedupeKey });
        return (queued ?? em.create(OutboxMessage, { ...publicFormNoticeMail(notice, publicUrl), dedupeKey })).id;
      });
    },
  };
}
