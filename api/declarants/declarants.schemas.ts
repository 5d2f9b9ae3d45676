import type { FilterQuery } from '@mikro-orm/core';
import { Account, AccountRole, AccountStatus, AdminStatus } from '../../domain/account/account.entity';
import { accountSearch } from '../accounts/account-search';
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

export const DeclarantRecord = z
  .object({
    id: z.string().uuid(),
    siret: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    email: z.string(),
    role: z.enum(AccountRole),
    status: z.enum(AccountStatus),
    adminStatus: z.enum(AdminStatus).nullable(),
    companyId: z.string().uuid(),
    emailConfirmedAt: z.string().datetime().nullable(),
    createdAt: z.string().datetime(),
  })
  .openapi('Declarant');

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

export const toDeclarantRecord = (a: Account) => ({
  id: a.id,
  siret: a.siret,
  lastName: a.lastName,
  firstName: a.firstName,
  email: a.email,
  role: a.role,
  status: a.status,
  adminStatus: a.adminStatus ?? null,
  companyId: a.company.id,
  emailConfirmedAt: a.emailConfirmedAt ? a.emailConfirmedAt.toISOString() : null,
  createdAt: a.createdAt.toISOString(),
});
