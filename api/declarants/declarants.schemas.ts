import type { FilterQuery } from '@mikro-orm/core';
import { Account, AccountRole, AccountStatus } from '../../domain/account/account.entity';
import { accountSearch } from '../accounts/account-search';
import { AccountRecord, toAccountRecord } from '../accounts/accounts.schemas';
import { defined } from '../http/filters';
import { z } from '../http/openapi';
import { Siret } from '../portfolios/identifier.schemas';

const name = (label: string) => z.string().trim().min(1, `${label} obligatoire`).max(100, `${label} : 100 caractères au plus`);
const email = z.string().trim().toLowerCase().email('Adresse e-mail invalide').max(254);

export const DeclarantCreate = z
  .object({ siret: Siret, lastName: name('Nom'), firstName: name('Prénom'), email })
  .openapi('DeclarantCreate');
export type DeclarantCreate = z.infer<typeof DeclarantCreate>;

export const DeclarantUpdate = z
  .object({ lastName: name('Nom').optional(), firstName: name('Prénom').optional(), email: email.optional() })
  .openapi('DeclarantUpdate');
export type DeclarantUpdate = z.infer<typeof DeclarantUpdate>;

/** An account as declarant management shows it: no login details. */
export const DeclarantRecord = AccountRecord.omit({ lastLoginAt: true, lockedUntil: true }).openapi('Declarant');

export const DeclarantFilter = z.object({
  q: z.string().trim().optional(),
  companyId: z.string().uuid().optional(),
  role: z.enum([AccountRole.DECLARANT, AccountRole.ADMINISTRATOR]).optional(),
  status: z.enum(AccountStatus).optional(),
});

export function declarantFilterWhere({ q, companyId, role, status }: z.infer<typeof DeclarantFilter>): FilterQuery<Account> {
  return {
    ...defined({ company: companyId, role, status }),
    ...accountSearch(q),
  };
}

export const toDeclarantRecord = (a: Account) => {
  const { lastLoginAt: _login, lockedUntil: _lock, ...record } = toAccountRecord(a);
  return record;
};
