import { ApplicationFailure } from '@temporalio/activity';
import type { MikroORM } from '@mikro-orm/postgresql';
import { OutboxMessage, OutboxStatus } from '../../domain/mail/outbox-message.entity';
import type { Mailer } from './mailer';

export interface MailDeps {
  orm: MikroORM;
  mailer: Mailer;
}

/** Sends what the outbox holds; a failure is recorded on the message and retried by Temporal. */
export function createMailActivities({ orm, mailer }: MailDeps) {
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
  };
}
