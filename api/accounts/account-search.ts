import type { ObjectQuery } from '@mikro-orm/core';
import type { Account } from '../../domain/account/account.entity';
import { containing, identifierStart } from '../http/filters';

/** The `q` filter of account lists: SIRET prefix, or part of a name or an e-mail (in use, or waiting for its confirmation). */
export function accountSearch(q: string | undefined): ObjectQuery<Account> {
  if (!q) return {};
  return {
    $or: [
      { siret: { $like: identifierStart(q) ?? '' } },
      { lastName: { $ilike: containing(q) } },
      { firstName: { $ilike: containing(q) } },
      { email: { $ilike: containing(q) } },
      { pendingEmail: { $ilike: containing(q) } },
    ],
  };
}
