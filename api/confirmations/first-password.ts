import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { hashPassword } from '../../domain/account/password.hasher';
import { ConfirmationToken } from '../../domain/confirmation/confirmation-token.entity';
import { tokenSuperseded, tokenUsed } from '../../domain/registration/registration.errors';

/**
 * Stores the password a new declarant chose on the confirm page, just before
 * the workflow activates his account — so the hash never travels through
 * Temporal. Only while his link is the current one (row locked against a
 * concurrent address change, which voids it) and his account still PENDING:
 * a PENDING account cannot log in, so the hash of a confirmation that then
 * fails is inert, and the next confirmation overwrites it.
 */
export async function storeFirstPassword(em: EntityManager, link: ConfirmationToken, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await em.transactional(async (tx) => {
    const current = await tx.findOne(ConfirmationToken, { id: link.id, usedAt: null, voidedAt: null }, { lockMode: LockMode.PESSIMISTIC_READ });
    if (!current) throw tokenSuperseded();
    const stored = await tx.nativeUpdate(Account, { id: link.account.id, status: AccountStatus.PENDING }, { passwordHash });
    if (!stored) throw tokenUsed();
  });
}
