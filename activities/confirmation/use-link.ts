import { ApplicationFailure } from '@temporalio/activity';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConfirmationToken } from '../../domain/confirmation/confirmation-token.entity';
import { AccountConfirmationFailure } from '../../workflows/account-confirmation/account-confirmation.messages';

/** Marks a confirmation link used, in the caller's transaction; refused when it was voided meanwhile (e.g. by an address change). */
export async function useLink(em: EntityManager, tokenId: string, now: Date): Promise<void> {
  const used = await em.nativeUpdate(ConfirmationToken, { id: tokenId, usedAt: null, voidedAt: null }, { usedAt: now });
  if (!used) {
    throw ApplicationFailure.nonRetryable(
      'Ce lien a été remplacé par un lien plus récent : utilisez le dernier e-mail reçu.',
      AccountConfirmationFailure.TOKEN_NOT_CURRENT,
    );
  }
}
