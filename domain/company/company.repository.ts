import { EntityRepository } from '@mikro-orm/postgresql';
import type { Company } from './company.entity';

export class CompanyRepository extends EntityRepository<Company> {
  findBySiren(siren: string) {
    return this.findOne({ siren });
  }

  /** The portal operator's company (holder of the SUPPORT accounts), if created. */
  findOperator() {
    return this.findOne({ operator: true });
  }

  siretTaken(siret: string): Promise<boolean> {
    // By entity name: importing Establishment here would close an import cycle through Company.
    return this.getEntityManager().count('Establishment', { siret }).then((n) => n > 0);
  }
}
