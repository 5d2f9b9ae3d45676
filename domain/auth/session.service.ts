import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, AccountStatus } from '../account/account.entity';
import { decoyHash, verifyPassword } from '../account/password.hasher';
import { hashToken, newLinkToken } from '../confirmation/token';
import { accountInactive, accountLocked, invalidCredentials } from './auth.errors';
import { afterFailure, afterSuccess, isLocked } from './lockout.rules';
import { Session } from './session.entity';

export interface Credentials {
  siret: string;
  lastName: string;
  firstName: string;
  password: string;
}

/**
 * Checks the identity triplet and password, applies the lockout rule, and
 * opens a session. Returns the cookie token (only its hash is stored).
 */
export async function openSession(
  em: EntityManager,
  credentials: Credentials,
  ttlMs: number,
): Promise<{ token: string; account: Account }> {
  const now = new Date();
  const account = await em.getRepository(Account).findByIdentity(credentials.siret, credentials.lastName, credentials.firstName);
  if (!account) {
    await verifyPassword(await decoyHash(), credentials.password);
    throw invalidCredentials();
  }
  if (isLocked(account, now)) throw accountLocked(account.lockedUntil!);
  const valid = await verifyPassword(account.passwordHash, credentials.password);
  if (!valid) {
    Object.assign(account, afterFailure(account, now));
    await em.flush();
    if (isLocked(account, now)) throw accountLocked(account.lockedUntil!);
    throw invalidCredentials();
  }
  if (account.status !== AccountStatus.ACTIVE) throw accountInactive(account.status);
  Object.assign(account, afterSuccess(), { lastLoginAt: now });
  const { token, hash } = newLinkToken();
  em.create(Session, { tokenHash: hash, account, expiresAt: new Date(now.getTime() + ttlMs) });
  await em.flush();
  return { token, account };
}

/** The active account behind a cookie token, or undefined. */
export async function resumeSession(em: EntityManager, token: string): Promise<Account | undefined> {
  const session = await em.findOne(
    Session,
    { tokenHash: hashToken(token), revokedAt: null, expiresAt: { $gt: new Date() } },
    { populate: ['account', 'account.company'] },
  );
  if (!session || session.account.status !== AccountStatus.ACTIVE) return undefined;
  return session.account;
}

export async function closeSession(em: EntityManager, token: string): Promise<void> {
  await em.nativeUpdate(Session, { tokenHash: hashToken(token), revokedAt: null }, { revokedAt: new Date() });
}
