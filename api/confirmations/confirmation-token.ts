import type { EntityManager } from '@mikro-orm/postgresql';
import { ConfirmationToken } from '../../domain/confirmation/confirmation-token.entity';
import { DomainError } from '../../domain/shared/domain-error';
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
 * precise code when it cannot serve: unknown 400; used, replaced, expired 410,
 * naming the link's `purpose` so the confirm page can say what to do next.
 */
export async function usableConfirmationToken(em: EntityManager, token: string, lookup: TokenLookup = {}): Promise<ConfirmationToken> {
  const where = { tokenHash: hashToken(token), ...(lookup.purpose ? { purpose: lookup.purpose } : {}) };
  const row = await em.findOne(ConfirmationToken, where, { populate: ['account'] });
  if (!row) throw tokenInvalid();
  if (row.usedAt) throw forLink(tokenUsed(), row);
  if (!lookup.allowExpired && row.voidedAt) throw forLink(tokenSuperseded(), row);
  if (!lookup.allowExpired && row.expiresAt <= new Date()) throw forLink(tokenExpired(), row);
  return row;
}

/** The refusal with the link's purpose (never its account: a used link keeps naming nobody). */
const forLink = ({ kind, code, message }: DomainError, row: ConfirmationToken) =>
  new DomainError(kind, code, message, undefined, { purpose: row.purpose });
