import type { EntityManager } from '@mikro-orm/postgresql';
import { columnKey } from '../../domain/dsn/dsn-csv.rules';
import { cellText } from '../../domain/habilitation-files/cell-rights.rules';
import { HEADERLESS, readEstablishmentsHeader } from '../../domain/habilitation-files/establishments-file.layout';
import { REJECTION_REASON_COLUMN } from '../../domain/habilitation-files/habilitation-file.reasons';
import { KEY_COLUMNS, readHabilitationsHeader } from '../../domain/habilitation-files/habilitations-file.layout';
import { csvRow } from '../../domain/habilitation-files/habilitations-file.writer';
import type { HabilitationJob } from '../../domain/habilitation-jobs/habilitation-job.entities';
import { lineMessage } from './habilitation-job.read';

/**
 * A job's rejected lines as a file in the input's own format, to be
 * corrected and sent again (issue 14): UTF-8 with a BOM, `;`, CRLF; the
 * input's header, then each rejected line's own text, and a reason column
 * last. A change refused when applied has no text of its own: its line is
 * rebuilt from the change (SIRET, declarant, the cell) in the header's
 * columns. Read by pages: a million rejected lines are never held.
 */
const PAGE = 5_000;

/** The fields of a line as csvRow wrote it (`;`, `"` quoting). */
export function splitRow(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ';') fields.push(field), (field = '');
    else field += c;
  }
  fields.push(field);
  return fields;
}

interface RejectedRow {
  id: string;
  line: number;
  code: string;
  params: Record<string, string | number>;
  raw: string | null;
  siret: string | null;
  service_code: string | null;
  action: 'GRANT' | 'REVOKE' | null;
  can_declare: boolean | null;
  can_pay: boolean | null;
  can_consult: boolean | null;
  declarant_siret: string | null;
  last_name: string | null;
  first_name: string | null;
}

const SELECT = `
select r.id, r.line, r.code, r.params, r.raw, c.siret, c.service_code, c.action, c.can_declare, c.can_pay, c.can_consult,
       e.siret as declarant_siret, a.last_name, a.first_name
  from habilitation_job_rejected_line r
  left join habilitation_job_change c on c.job_id = r.job_id and c.seq = r.seq
  left join account a on a.id = c.account_id
  left join establishment e on e.id = a.establishment_id
 where r.job_id = ? and (r.line, r.id) > (?, ?::bigint)
 order by r.line, r.id limit ${PAGE}`;

/** Where a rebuilt line's values go, from the input's header. */
function placesOf(job: HabilitationJob, header: string[]) {
  if (job.kind === 'ESTABLISHMENTS') {
    const read = header.length ? readEstablishmentsHeader(header) : null;
    const layout = read?.ok ? read.value : HEADERLESS;
    return (row: RejectedRow, fields: string[]) => {
      fields[layout.siret] = `="${row.siret}"`;
      fields[layout.action] = row.action === 'REVOKE' ? '0' : '1';
    };
  }
  const keys = new Set(KEY_COLUMNS.map(columnKey));
  const read = readHabilitationsHeader(header, header.filter((f) => !keys.has(columnKey(f))));
  if (!read.ok) return null;
  const layout = read.value;
  const at = new Map(layout.services.map((s) => [columnKey(s.serviceCode), s.at]));
  return (row: RejectedRow, fields: string[]) => {
    fields[layout.key['SIRET']] = `="${row.siret}"`;
    fields[layout.key['SIRET déclarant']] = `="${row.declarant_siret ?? ''}"`;
    fields[layout.key['Nom']] = row.last_name ?? '';
    fields[layout.key['Prénom']] = row.first_name ?? '';
    const column = at.get(columnKey(row.service_code ?? ''));
    if (column !== undefined) {
      fields[column] = row.action === 'REVOKE' ? '0' : cellText({ canDeclare: !!row.can_declare, canPay: !!row.can_pay, canConsult: !!row.can_consult });
    }
  };
}

/** The file, chunk by chunk (one page of lines each). */
export async function* rejectedLinesFile(em: EntityManager, job: HabilitationJob): AsyncGenerator<string> {
  const fallback = job.kind === 'ESTABLISHMENTS' ? ['SIRET', 'ACTION'] : [...KEY_COLUMNS];
  const header = job.header ? splitRow(job.header) : [];
  const columns = header.length ? header : fallback;
  const place = placesOf(job, header.length ? header : job.kind === 'ESTABLISHMENTS' ? [] : columns);
  yield `\uFEFF${csvRow([...columns, REJECTION_REASON_COLUMN])}\r\n`;
  let after: [number, string] = [0, '0'];
  // Changes refused when applied, of one line, go on that line's one rebuilt row.
  let pending = null as { line: number; fields: string[]; reasons: string[] } | null;
  const flush = () => (pending ? `${csvRow([...pending.fields, pending.reasons.join(' ; ')])}\r\n` : '');
  for (;;) {
    const rows = await em.execute<RejectedRow[]>(SELECT, [job.id, ...after]);
    let chunk = '';
    for (const row of rows) {
      const message = lineMessage(row);
      if (row.raw !== null || !row.siret || !place) {
        chunk += flush();
        pending = null;
        const fields = row.raw ? splitRow(row.raw) : [];
        const padded = [...fields, ...Array<string>(Math.max(0, columns.length - fields.length)).fill('')];
        chunk += `${csvRow([...padded, message])}\r\n`;
        continue;
      }
      if (pending?.line !== row.line) {
        chunk += flush();
        pending = { line: row.line, fields: Array<string>(columns.length).fill(''), reasons: [] };
      }
      place(row, pending.fields);
      if (!pending.reasons.includes(message)) pending.reasons.push(message);
    }
    if (rows.length < PAGE) {
      yield chunk + flush();
      return;
    }
    yield chunk;
    const last = rows[rows.length - 1];
    after = [last.line, last.id];
  }
}
