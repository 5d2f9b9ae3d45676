import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, AccountRole, AccountStatus, AdminStatus } from '../account/account.entity';

/**
 * The company's active administrators: role ADMINISTRATOR, validated
 * (adminStatus ACTIVE — never a Primo AD still unconfirmed nor a Candidat
 * AD), account ACTIVE, e-mail confirmed. `except` leaves one out (a candidate).
 */
export function activeAdministrators(em: EntityManager, companyId: string, except?: string): Promise<Account[]> {
  return em.find(
    Account,
    {
      company: companyId,
      role: AccountRole.ADMINISTRATOR,
      adminStatus: AdminStatus.ACTIVE,
      status: AccountStatus.ACTIVE,
      emailConfirmedAt: { $ne: null },
      ...(except ? { id: { $ne: except } } : {}),
    },
    { orderBy: { lastName: 'ASC', firstName: 'ASC', id: 'ASC' } },
  );
}
