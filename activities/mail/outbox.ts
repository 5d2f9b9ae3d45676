import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { OutboxMessage } from '../../domain/mail/outbox-message.entity';
import { stepKey } from '../shared/step-key';
import type { MailContent } from './mail-content';

/** What one workflow step has to say, and to whom (one mail per recipient). */
export interface StepMails {
  mails: MailContent[];
  companyId: string | null;
}

/** The ids of the mails a step queued under its key, in their order. */
export async function stepMailIds(em: EntityManager, key: string): Promise<string[]> {
  return (await em.find(OutboxMessage, { dedupeKey: { $like: `${key}/%` } }, { orderBy: { dedupeKey: 'ASC' } })).map((m) => m.id);
}

/** Queues the step's mail number `n` (`<step key>/000`, `/001`…) in the caller's transaction; answers its id. */
export function queueStepMail(em: EntityManager, key: string, n: number, mail: MailContent, companyId: string | null): string {
  return em.create(OutboxMessage, { ...mail, dedupeKey: `${key}/${String(n).padStart(3, '0')}`, companyId }).id;
}

/**
 * Writes the mails of one workflow step to the outbox, once, in one
 * transaction: a retry finds them and answers the same ids, which the
 * workflow then delivers.
 */
export function queueStepMails(orm: MikroORM, step: string, compose: (em: EntityManager) => Promise<StepMails>): Promise<string[]> {
  const key = stepKey(step);
  return orm.em.fork().transactional(async (em) => {
    const queued = await stepMailIds(em, key);
    if (queued.length) return queued;
    const { mails, companyId } = await compose(em);
    return mails.map((mail, n) => queueStepMail(em, key, n, mail, companyId));
  });
}
