import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../../domain/account/account.entity';
import { auditActor } from '../../domain/account/audit-actor';

/** Who acted, for an audit event written by an activity on someone's behalf (nothing: the system). */
export async function actorOf(em: EntityManager, actorId: string | null | undefined): Promise<{ actorId?: string; actorLabel?: string }> {
  if (!actorId) return {};
  const account = await em.findOne(Account, actorId);
  return account ? auditActor(account) : { actorId };
}
