import { EntityRepository } from '@mikro-orm/postgresql';
import { AccountStatus, type Account } from './account.entity';
import { identityKey } from './identity.rules';

export class AccountRepository extends EntityRepository<Account> {
  /**
   * The account behind an identity triplet, password hash and company
   * loaded (login): the newest, which is the one not RADIATED if any (a
   * radiated account frees its identity).
   */
  findByIdentity(siret: string, lastName: string, firstName: string) {
    return this.findOne({ identityKey: identityKey(siret, lastName, firstName) }, { populate: ['passwordHash', 'company'], orderBy: { createdAt: 'DESC' } });
  }

  /** Whether an account not RADIATED holds the triplet. */
  identityTaken(siret: string, lastName: string, firstName: string): Promise<boolean> {
    return this.count({ identityKey: identityKey(siret, lastName, firstName), status: { $ne: AccountStatus.RADIATED } }).then((n) => n > 0);
  }
}
