import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { OutboxMessage } from '../../domain/mail/outbox-message.entity';
import { stepKey } from '../shared/step-key';
import type { MailContent } from './mail-content';

/** What one workflow step has to say, and to whom (one mail per recipient). */
export interface StepMails {
  mails: MailContent[];
  companyId: string | null;
}

/**
 * Writes the mails of one workflow step to the outbox, once, in one
 * transaction (`<step key>/000`, `/001`…): a retry finds them and answers
 * the same ids, which the workflow then delivers.
 */
export function queueStepMails(orm: MikroORM, step: string, compose: (em: EntityManager) => Promise<StepMails>): Promise<string[]> {
  const key = stepKey(step);
  return orm.em.fork().transactional(async (em) => {
    const queued = await em.find(OutboxMessage, { dedupeKey: { $like: `${key}/%` } }, { orderBy: { dedupeKey: 'ASC' } });
    if (queued.length) return queued.map((m) => m.id);
    const { mails, companyId } = await compose(em);
    return mails.map((mail, n) => em.create(OutboxMessage, { ...mail, dedupeKey: `${key}/${String(n).padStart(3, '0')}`, companyId }).id);
  });
}
