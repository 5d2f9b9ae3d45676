import { matchHeader } from '../dsn/dsn-csv.rules';
import { readCell, type CellValue } from './cell-rights.rules';
import { FILE_CODES, REJECTION_REASON_COLUMN, shown } from './habilitation-file.reasons';
import { damageOf, nameCell, reject, siretCell, usedWidth, type Read } from './spreadsheet-cells.rules';

/**
 * The habilitations file (DOMAIN.md): one line per declarant × establishment
 * — the SIRET habilitated, the declarant's triplet — and one column per
 * service code of the portfolio. Columns are found by name, in any order,
 * case, accents and spaces ignored (columnKey). A header naming a column
 * that is neither of these nor a service of the portfolio (nor the reason
 * column of a rejected-lines file, ignored) is refused whole,
 * naming it: a mistyped service code (« DNS ») or a service since removed
 * from the portfolio must not let the file apply without it, half done.
 */
export const SIRET_COLUMN = 'SIRET';
export const DECLARANT_SIRET_COLUMN = 'SIRET déclarant';
export const LAST_NAME_COLUMN = 'Nom';
export const FIRST_NAME_COLUMN = 'Prénom';
export const KEY_COLUMNS = [SIRET_COLUMN, DECLARANT_SIRET_COLUMN, LAST_NAME_COLUMN, FIRST_NAME_COLUMN] as const;

type KeyColumn = (typeof KEY_COLUMNS)[number];

export interface HabilitationsHeader {
  /** Columns up to the last named one; values further right make a line too wide. */
  width: number;
  key: Record<KeyColumn, number>;
  /** The service columns of the file, in file order. */
  services: Array<{ serviceCode: string; at: number }>;
  /** Each position's column (a layout's name, a service code), for the reasons. */
  names: string[];
}

export function readHabilitationsHeader(fields: string[], serviceCodes: readonly string[]): Read<HabilitationsHeader> {
  const named = fields.slice(0, usedWidth(fields));
  if (named.length === 1 && /[;,\t|]/.test(named[0])) return reject(FILE_CODES.wrongSeparator, { expected: KEY_COLUMNS.length + serviceCodes.length });
  const damage = damageOf(named, (i) => `#${i + 1}`);
  if (damage) return { ok: false, reason: damage };
  const { positions, duplicated, missing, unknown } = matchHeader({ columns: [...KEY_COLUMNS, ...serviceCodes, REJECTION_REASON_COLUMN], optional: [...serviceCodes, REJECTION_REASON_COLUMN] }, named);
  if (duplicated.length) return reject(FILE_CODES.headerDuplicate, { column: duplicated[0] });
  if (missing.length) return reject(FILE_CODES.headerMissing, { columns: missing.join(', ') });
  if (unknown.length) return reject(FILE_CODES.headerUnknown, { columns: unknown.map((i) => shown(named[i]) || `#${i + 1}`).join(', ') });
  const services = serviceCodes.filter((code) => positions[code] !== undefined).map((serviceCode) => ({ serviceCode, at: positions[serviceCode]! }));
  if (!services.length) return reject(FILE_CODES.headerNoService);
  const key = Object.fromEntries(KEY_COLUMNS.map((c) => [c, positions[c]!])) as Record<KeyColumn, number>;
  const names = named.slice();
  for (const c of KEY_COLUMNS) names[key[c]] = c;
  for (const s of services) names[s.at] = s.serviceCode;
  return { ok: true, value: { width: named.length, key, services, names } };
}

/** Who and where a line is about, as written. */
export interface HabilitationsLineKey {
  siret: string;
  declarant: { siret: string; lastName: string; firstName: string };
}

export function readHabilitationsKey(header: HabilitationsHeader, fields: string[]): Read<HabilitationsLineKey> {
  const at = (column: KeyColumn) => fields[header.key[column]] ?? '';
  const siret = siretCell(SIRET_COLUMN, at(SIRET_COLUMN));
  if (!siret.ok) return siret;
  const declarantSiret = siretCell(DECLARANT_SIRET_COLUMN, at(DECLARANT_SIRET_COLUMN));
  if (!declarantSiret.ok) return declarantSiret;
  const lastName = nameCell(LAST_NAME_COLUMN, at(LAST_NAME_COLUMN));
  if (!lastName.ok) return lastName;
  const firstName = nameCell(FIRST_NAME_COLUMN, at(FIRST_NAME_COLUMN));
  if (!firstName.ok) return firstName;
  return { ok: true, value: { siret: siret.value, declarant: { siret: declarantSiret.value, lastName: lastName.value, firstName: firstName.value } } };
}

/** A cell that asks for something: a service to grant with these rights, or to remove. */
export interface CellRequest {
  serviceCode: string;
  value: Exclude<CellValue, { action: 'KEEP' }>;
}

/** The line's service cells that ask for something (empty ones are left out), or the first that means nothing. */
export function readHabilitationsCells(header: HabilitationsHeader, fields: string[]): Read<CellRequest[]> {
  const cells: CellRequest[] = [];
  for (const { serviceCode, at } of header.services) {
    const raw = fields[at] ?? '';
    const value = readCell(raw);
    if (!value) return reject(FILE_CODES.valueInvalid, { column: serviceCode, value: shown(raw) });
    if (value.action !== 'KEEP') cells.push({ serviceCode, value });
  }
  return { ok: true, value: cells };
}
