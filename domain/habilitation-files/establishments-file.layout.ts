import { columnKey, matchHeader } from '../dsn/dsn-csv.rules';
import { FILE_CODES, REJECTION_REASON_COLUMN, shown } from './habilitation-file.reasons';
import { SIRET_COLUMN } from './habilitations-file.layout';
import { damageOf, reject, siretCell, usedWidth, type Read } from './spreadsheet-cells.rules';

/**
 * The establishments file (DOMAIN.md): `SIRET;ACTION`, ACTION `1` adds the
 * SIRET for the portfolio's declarants, `0` removes it. The real files have
 * only columns A (SIRET) and B (1/0), without a header; a first line that
 * names SIRET or ACTION is a header, which may then put them in any order
 * and must name nothing else (but the reason column of a rejected-lines
 * file, ignored).
 */
export const ACTION_COLUMN = 'ACTION';
const COLUMNS = [SIRET_COLUMN, ACTION_COLUMN] as const;

export interface EstablishmentsHeader {
  width: number;
  siret: number;
  action: number;
  /** Each position's column, for the reasons. */
  names: string[];
}

/** Columns A and B, when the file starts with data. */
export const HEADERLESS: EstablishmentsHeader = { width: 2, siret: 0, action: 1, names: [...COLUMNS] };

const KEYS = new Set(COLUMNS.map(columnKey));

export const isEstablishmentsHeader = (fields: string[]) => fields.some((f) => KEYS.has(columnKey(f)));

export function readEstablishmentsHeader(fields: string[]): Read<EstablishmentsHeader> {
  const named = fields.slice(0, usedWidth(fields));
  const damage = damageOf(named, (i) => `#${i + 1}`);
  if (damage) return { ok: false, reason: damage };
  const { positions, duplicated, missing, unknown } = matchHeader({ columns: [...COLUMNS, REJECTION_REASON_COLUMN], optional: [REJECTION_REASON_COLUMN] }, named);
  if (duplicated.length) return reject(FILE_CODES.headerDuplicate, { column: duplicated[0] });
  if (missing.length) return reject(FILE_CODES.headerMissing, { columns: missing.join(', ') });
  if (unknown.length) return reject(FILE_CODES.headerUnknown, { columns: unknown.map((i) => shown(named[i]) || `#${i + 1}`).join(', ') });
  const header = { width: named.length, siret: positions.SIRET!, action: positions.ACTION!, names: named.slice() };
  header.names[header.siret] = SIRET_COLUMN;
  header.names[header.action] = ACTION_COLUMN;
  return { ok: true, value: header };
}

export const readEstablishmentsSiret = (header: EstablishmentsHeader, fields: string[]) => siretCell(SIRET_COLUMN, fields[header.siret] ?? '');

export function readAction(header: EstablishmentsHeader, fields: string[]): Read<'ADD' | 'REMOVE'> {
  const raw = fields[header.action] ?? '';
  if (raw === '1') return { ok: true, value: 'ADD' };
  if (raw === '0') return { ok: true, value: 'REMOVE' };
  return raw ? reject(FILE_CODES.valueInvalid, { column: ACTION_COLUMN, value: shown(raw) }) : reject(FILE_CODES.valueRequired, { column: ACTION_COLUMN });
}
