import { Account, AccountRole, AccountStatus } from '../../domain/account/account.entity';
import { SIGNED_IN } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { defined } from '../http/filters';
import { accountSearch } from './account-search';
import { AccountRecord, toAccountRecord } from './accounts.schemas';
import { z } from '../http/openapi';
import { readRoutes } from '../http/read-resource';

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
    toRecord: toAccountRecord,
  });
  return api.router;
}
