import type { EntityManager } from '@mikro-orm/postgresql';
import type { Importer } from './dsn-import.service';
import { checkRelationLine, RELATION_LAYOUT, type RelationColumn, type RelationLine } from './dsn-lines.rules';

/**
 * A relation is keyed by employer, employee and start date. A later file may
 * bring its end date (the employee left): that updates the row; an empty
 * end date never erases a known one, so re-importing an old file changes nothing.
 */
const UPSERT_RELATIONS = `
insert into employment_relation (employer_siret, employee_id, start_date, end_date)
select r."employerSiret", r."employeeId", r."startDate", r."endDate"
from jsonb_to_recordset(?::jsonb) as r("employerSiret" varchar, "employeeId" varchar, "startDate" date, "endDate" date)
on conflict (employer_siret, employee_id, start_date) do update set end_date = excluded.end_date
where excluded.end_date is not null and employment_relation.end_date is distinct from excluded.end_date
returning (xmax = 0) as inserted`;

/** One row per key in a statement (PostgreSQL cannot update a row twice in one command): the last line wins. */
function lastPerKey(lines: RelationLine[]): RelationLine[] {
  const byKey = new Map<string, RelationLine>();
  for (const line of lines) {
    const key = `${line.employerSiret}|${line.employeeId}|${line.startDate}`;
    const known = byKey.get(key);
    byKey.set(key, line.endDate === null && known ? known : line);
  }
  return [...byKey.values()];
}

export const employmentRelationImporter: Importer<RelationColumn, RelationLine> = {
  layout: RELATION_LAYOUT,
  check: checkRelationLine,
  async write(em: EntityManager, lines: RelationLine[]) {
    const rows = await em.getConnection().execute<Array<{ inserted: boolean }>>(UPSERT_RELATIONS, [JSON.stringify(lastPerKey(lines))], 'all');
    const inserted = rows.filter((r) => r.inserted).length;
    return { inserted, updated: rows.length - inserted, refused: [] };
  },
};
