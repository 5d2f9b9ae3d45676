import { EntityRepository } from '@mikro-orm/postgresql';
import type { Account } from './account.entity';
import { identityKey } from './identity.rules';

export class AccountRepository extends EntityRepository<Account> {
  /** The account behind an identity triplet, password hash and company loaded (login). */
  findByIdentity(siret: string, lastName: string, firstName: string) {
    return this.findOne({ identityKey: identityKey(siret, lastName, firstName) }, { populate: ['passwordHash', 'company'] });
  }

  identityTaken(siret: string, lastName: string, firstName: string): Promise<boolean> {
    return this.count({ identityKey: identityKey(siret, lastName, firstName) }).then((n) => n > 0);
  }
}
