import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../shared/domain-error';
import { ensureOperatorCompany } from '../seed/demo-data';
import { Account, AccountRole, AccountStatus } from './account.entity';
import { identityKey } from './identity.rules';
import { hashPassword } from './password.hasher';
import { passwordWeakness } from './password.rules';

export interface SupportAccountRequest {
  lastName: string;
  firstName: string;
  email: string;
  password: string;
}

/**
 * Creates an ACTIVE support account in the operator's company (the
 * `support:create` bootstrap). Refuses an identity that already exists.
 */
export async function createSupportAccount(em: EntityManager, req: SupportAccountRequest): Promise<Account> {
  const errors: Record<string, string> = {};
  if (!req.lastName.trim()) errors.lastName = 'Nom obligatoire';
  if (!req.firstName.trim()) errors.firstName = 'Prénom obligatoire';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(req.email.trim())) errors.email = 'Adresse e-mail invalide';
  const weakness = passwordWeakness(req.password);
  if (weakness) errors.password = weakness;
  if (Object.keys(errors).length) {
    throw new DomainError('INVALID', 'SUPPORT.INVALID', Object.values(errors).join(' '), errors);
  }
  return em.transactional(async (tx) => {
    const { company, headOffice } = await ensureOperatorCompany(tx);
    if (await tx.getRepository(Account).identityTaken(headOffice.siret, req.lastName, req.firstName)) {
      throw new DomainError(
        'CONFLICT',
        'SUPPORT.ALREADY_EXISTS',
        `Un compte support existe déjà pour ${req.firstName} ${req.lastName} (SIRET ${headOffice.siret}) : rien n’a été modifié.`,
      );
    }
    return tx.create(Account, {
      company,
      establishment: headOffice,
      siret: headOffice.siret,
      lastName: req.lastName.trim(),
      firstName: req.firstName.trim(),
      identityKey: identityKey(headOffice.siret, req.lastName, req.firstName),
      email: req.email.trim(),
      role: AccountRole.SUPPORT,
      status: AccountStatus.ACTIVE,
      passwordHash: await hashPassword(req.password),
      emailConfirmedAt: new Date(),
    });
  });
}
