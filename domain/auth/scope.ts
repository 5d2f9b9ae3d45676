import { AccountRole, AdminStatus } from '../account/account.entity';

/**
 * What a signed-in person may see: support sees everything, an administrator
 * his own company, a declarant only himself.
 */
export type Scope =
  | { kind: 'all' }
  | { kind: 'company'; companyId: string }
  | { kind: 'self'; companyId: string; accountId: string };

/**
 * The role a person acts with. An administrator not yet validated (Candidat
 * AD, or a Primo AD whose registration is unconfirmed) acts as CANDIDATE:
 * he sees only himself and manages nothing.
 */
export type ActingRole = AccountRole | 'CANDIDATE';

export interface Identity {
  id: string;
  role: AccountRole;
  adminStatus?: AdminStatus | null;
  companyId: string;
}

export function actingRole(identity: Pick<Identity, 'role' | 'adminStatus'>): ActingRole {
  if (identity.role === AccountRole.ADMINISTRATOR && identity.adminStatus !== AdminStatus.ACTIVE) return 'CANDIDATE';
  return identity.role;
}

export function scopeOf(identity: Identity): Scope {
  switch (actingRole(identity)) {
    case AccountRole.SUPPORT:
      return { kind: 'all' };
    case AccountRole.ADMINISTRATOR:
      return { kind: 'company', companyId: identity.companyId };
    default:
      return { kind: 'self', companyId: identity.companyId, accountId: identity.id };
  }
}
