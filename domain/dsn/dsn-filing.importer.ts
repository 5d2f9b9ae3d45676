import type { EntityManager } from '@mikro-orm/postgresql';
import type { Importer, Written } from './dsn-import.service';
import { checkFilingAccount, checkFilingLine, FILING_LAYOUT, type FilingColumn, type FilingLine } from './dsn-lines.rules';

/** A filing is an immutable fact: a line already there (same declaring, declared SIRET and month) is a duplicate. */
const INSERT_FILINGS = `
insert into dsn_filing (declaring_siret, declaring_account_id, declared_siret, period, filed_at, imported_at)
select r."declaringSiret", r."declaringAccountId", r."declaredSiret", r."period", r."filedAt", now()
from jsonb_to_recordset(?::jsonb) as r("declaringSiret" varchar, "declaringAccountId" uuid, "declaredSiret" varchar, "period" date, "filedAt" timestamptz)
on conflict (declaring_siret, declared_siret, period) do nothing`;

/** The companies of the declaring account and of the declaring SIRET of each line naming an account (index lookups). */
const OWNERS = `
select r.i,
  (select a.company_id from account a where a.id = r.account) as account_company_id,
  (select e.company_id from establishment e where e.siret = r.siret) as declaring_company_id
from jsonb_to_recordset(?::jsonb) as r(i int, account uuid, siret varchar)`;

interface OwnersRow {
  i: number;
  account_company_id: string | null;
  declaring_company_id: string | null;
}

/** The lines whose declaring account is not of the declaring SIRET's company (checkFilingAccount), with the reason. */
async function refusedAccounts(em: EntityManager, lines: FilingLine[]): Promise<Written['refused']> {
  const named = lines.flatMap((l, i) => (l.declaringAccountId ? [{ i, account: l.declaringAccountId, siret: l.declaringSiret }] : []));
  if (!named.length) return [];
  const rows = await em.getConnection().execute<OwnersRow[]>(OWNERS, [JSON.stringify(named)], 'all');
  return rows.flatMap((row) => {
    const check = checkFilingAccount(lines[row.i], { accountCompanyId: row.account_company_id, declaringCompanyId: row.declaring_company_id });
    return check.ok ? [] : [{ index: row.i, reason: check.reason }];
  });
}

export const dsnFilingImporter: Importer<FilingColumn, FilingLine> = {
  layout: FILING_LAYOUT,
  check: checkFilingLine,
  async write(em: EntityManager, lines: FilingLine[]) {
    const refused = await refusedAccounts(em, lines);
    const indexes = new Set(refused.map((r) => r.index));
    const accepted = lines.filter((_, i) => !indexes.has(i));
    const result = accepted.length ? await em.getConnection().execute<{ affectedRows: number }>(INSERT_FILINGS, [JSON.stringify(accepted)], 'run') : { affectedRows: 0 };
    return { inserted: result.affectedRows, updated: 0, refused };
  },
};
