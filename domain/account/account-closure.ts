import type { EntityManager } from '@mikro-orm/postgresql';
import { Session } from '../auth/session.entity';
import { Account, AccountStatus } from './account.entity';

/**
 * Closes an account for good, in the caller's transaction: RADIATED, and
 * every session of his ends (his cookie answers 401 at once). Returns how
 * many sessions were still open.
 */
export async function radiateAccount(em: EntityManager, accountId: string, now: Date): Promise<number> {
  await em.nativeUpdate(Account, { id: accountId }, { status: AccountStatus.RADIATED });
  return em.nativeUpdate(Session, { account: accountId, revokedAt: null }, { revokedAt: now });
}

/**
 * Removes an account that was never confirmed (PENDING), with its links:
 * nobody ever used it, and its identity is free again. Returns whether it
 * was removed (an account confirmed meanwhile stays).
 */
export async function removeUnconfirmedAccount(em: EntityManager, accountId: string): Promise<boolean> {
  return (await em.nativeDelete(Account, { id: accountId, status: AccountStatus.PENDING })) > 0;
}
