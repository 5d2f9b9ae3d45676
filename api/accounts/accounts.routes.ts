import { Account, AccountRole, AccountStatus, AdminStatus } from '../../domain/account/account.entity';
import { SIGNED_IN } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { defined } from '../http/filters';
import { accountSearch } from './account-search';
import { z } from '../http/openapi';
import { readRoutes } from '../http/read-resource';

const iso = (d?: Date | null) => (d ? d.toISOString() : null);

const AccountRecord = z
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
    lastLoginAt: z.string().datetime().nullable(),
    lockedUntil: z.string().datetime().nullable(),
    createdAt: z.string().datetime(),
  })
  .openapi('Account');

export function accountRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  readRoutes(api, ctx, {
    resource: 'accounts',
    entity: Account,
    schema: AccountRecord,
    guard: SIGNED_IN,
    scopeWhere: (scope) =>
      scope.kind === 'all' ? {} : scope.kind === 'company' ? { company: scope.companyId } : { id: scope.accountId },
    filter: z.object({
      q: z.string().trim().optional(),
      companyId: z.string().uuid().optional(),
      role: z.enum(AccountRole).optional(),
      status: z.enum(AccountStatus).optional(),
    }),
    filterWhere: ({ q, companyId, role, status }) => ({
      ...defined({ company: companyId, role, status }),
      ...accountSearch(q),
    }),
    sortable: ['lastName', 'firstName', 'siret', 'role', 'status', 'createdAt', 'lastLoginAt'],
    defaultSort: ['lastName', 'ASC'],
    toRecord: (a) => ({
      id: a.id,
      siret: a.siret,
      lastName: a.lastName,
      firstName: a.firstName,
      email: a.email,
      role: a.role,
      status: a.status,
      adminStatus: a.adminStatus ?? null,
      companyId: a.company.id,
      emailConfirmedAt: iso(a.emailConfirmedAt),
      lastLoginAt: iso(a.lastLoginAt),
      lockedUntil: iso(a.lockedUntil),
      createdAt: a.createdAt.toISOString(),
    }),
  });
  return api.router;
}
