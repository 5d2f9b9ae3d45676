import type { EntityManager } from '@mikro-orm/postgresql';
import type { Importer } from './dsn-import.service';
import { checkFilingLine, FILING_LAYOUT, type FilingColumn, type FilingLine } from './dsn-lines.rules';

/** A filing is an immutable fact: a line already there (same declaring, declared SIRET and month) is a duplicate. */
const INSERT_FILINGS = `
insert into dsn_filing (declaring_siret, declaring_account_id, declared_siret, period, filed_at, imported_at)
select r."declaringSiret", r."declaringAccountId", r."declaredSiret", r."period", r."filedAt", now()
from jsonb_to_recordset(?::jsonb) as r("declaringSiret" varchar, "declaringAccountId" uuid, "declaredSiret" varchar, "period" date, "filedAt" timestamptz)
on conflict (declaring_siret, declared_siret, period) do nothing`;

export const dsnFilingImporter: Importer<FilingColumn, FilingLine> = {
  layout: FILING_LAYOUT,
  check: checkFilingLine,
  async write(em: EntityManager, lines: FilingLine[]) {
    const result = await em.getConnection().execute<{ affectedRows: number }>(INSERT_FILINGS, [JSON.stringify(lines)], 'run');
    return { inserted: result.affectedRows, updated: 0 };
  },
};
