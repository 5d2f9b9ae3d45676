import type { Client } from 'pg';
import { apiKeySql } from './access-data';
import { seededRandom } from '../domain/shared/seeded-random';

/**
 * Access questions drawn (seeded) from the generated data: half about a
 * habilitation (granted, or not the right asked), 3 in 10 about a DSN filing
 * with a DSN-related service, the rest any service; 1 in 10 about a SIRET
 * the account has nothing to do with, 3 in 100 with another company's key.
 */
export interface Question {
  /** The API key of the company asking. */
  key: string;
  body: string;
}

interface Known {
  accountId: string;
  siret: string;
  service?: string;
  key: string;
}

const GRANTED = `select h.account_id as "accountId", h.siret, h.service_code as service, ${apiKeySql('a.company_id')} as key
  from habilitation h tablesample system (1) repeatable (42) join account a on a.id = h.account_id limit 5000`;
const FILED = `select f.declaring_account_id as "accountId", f.declared_siret as siret, ${apiKeySql('a.company_id')} as key
  from dsn_filing f tablesample system (2) repeatable (42) join account a on a.id = f.declaring_account_id limit 3000`;

const DSN_RELATED = ['DSN', 'ATMP_RATES', 'SOLTEA_EMPL', 'PREVENTION_PASSPORT', 'BONUS_MALUS'];
const RIGHTS = [undefined, 'DECLARE', 'PAY', 'CONSULT'];

export async function questionSource(client: Client, seed = 42): Promise<() => Question> {
  const granted = (await client.query<Known>(GRANTED)).rows;
  const filed = (await client.query<Known>(FILED)).rows;
  const catalogue = (await client.query<{ code: string }>('select code from declarative_service')).rows.map((r) => r.code);
  const random = seededRandom(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  return () => {
    const roll = random();
    const known = roll < 0.5 ? pick(granted) : pick(filed);
    const service = roll < 0.5 ? known.service! : roll < 0.8 ? pick(DSN_RELATED) : pick(catalogue);
    const siret = random() < 0.9 ? known.siret : pick(filed).siret;
    const employeeIds = service === 'MCF' ? [`E${siret}n${random() < 0.8 ? 0 : 1}`] : undefined;
    return {
      key: random() < 0.03 ? pick(filed).key : known.key,
      body: JSON.stringify({ accountId: known.accountId, siret, service, right: pick(RIGHTS), employeeIds }),
    };
  };
}
