import type { EntityManager } from '@mikro-orm/postgresql';
import { ConfirmationToken } from '../../domain/confirmation/confirmation-token.entity';
import type { TokenPurpose } from '../../domain/confirmation/token-purpose';
import { hashToken } from '../../domain/confirmation/token';
import { tokenExpired, tokenInvalid, tokenSuperseded, tokenUsed } from '../../domain/registration/registration.errors';

export interface TokenLookup {
  /** Only tokens of this purpose; any purpose when unset. */
  purpose?: TokenPurpose;
  /** Accept a replaced or expired token (to ask for a new link). */
  allowExpired?: boolean;
}

/**
 * The token row behind a confirmation link, with its account, refused with a
 * precise code when it cannot serve: unknown 400; used, replaced, expired 410.
 */
export async function usableConfirmationToken(em: EntityManager, token: string, lookup: TokenLookup = {}): Promise<ConfirmationToken> {
  const where = { tokenHash: hashToken(token), ...(lookup.purpose ? { purpose: lookup.purpose } : {}) };
  const row = await em.findOne(ConfirmationToken, where, { populate: ['account'] });
  if (!row) throw tokenInvalid();
  if (row.usedAt) throw tokenUsed();
  if (!lookup.allowExpired && row.voidedAt) throw tokenSuperseded();
  if (!lookup.allowExpired && row.expiresAt <= new Date()) throw tokenExpired();
  return row;
}
