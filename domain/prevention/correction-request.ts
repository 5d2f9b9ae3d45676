import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * A correction request's transaction lock, held from before its tasks are
 * started until its transaction ends (api/prevention/correction-tasks.ts).
 * A task taking it in turn (activities/prevention/correction.activities.ts)
 * therefore waits until the request is committed or rolled back, and then
 * reads which: no clock decides it. Must run inside a transaction (`em`
 * transactional): the lock is released when it ends.
 */
export async function lockCorrectionRequest(em: EntityManager, requestId: string): Promise<void> {
  await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`prevention-correction-request:${requestId}`]);
}
