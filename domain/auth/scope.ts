import { AccountRole } from '../account/account.entity';

/**
 * What a signed-in person may see: support sees everything, an administrator
 * his own company, a declarant only himself.
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'company'; companyId: string }
  | { kind: 'self'; companyId: string; accountId: string };

export function scopeOf(identity: { id: string; role: AccountRole; companyId: string }): Scope {
  switch (identity.role) {
    case AccountRole.SUPPORT:
      return { kind: 'all' };
    case AccountRole.ADMINISTRATOR:
      return { kind: 'company', companyId: identity.companyId };
    case AccountRole.DECLARANT:
      return { kind: 'self', companyId: identity.companyId, accountId: identity.id };
  }
}
