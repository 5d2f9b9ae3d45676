import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { stepKey } from './step-key';

/**
 * Runs `write` once per workflow step, in one transaction: `write` must
 * append an audit event carrying `key` as its dedupe key; a retry finds it
 * and returns `replay` instead.
 */
export function once<T>(
  orm: MikroORM,
  step: string,
  write: (em: EntityManager, key: string) => Promise<T>,
  replay: (em: EntityManager, key: string, done: AuditEvent) => Promise<T>,
): Promise<T> {
  const key = stepKey(step);
  return orm.em.fork().transactional(async (em) => {
    const done = await em.findOne(AuditEvent, { dedupeKey: key });
    return done ? replay(em, key, done) : write(em, key);
  });
}
