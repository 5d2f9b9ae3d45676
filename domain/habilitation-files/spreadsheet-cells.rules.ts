import { textDamage } from '../dsn/dsn-csv.rules';
import { checkSiret } from '../identifiers/identifiers.rules';
import { FILE_CODES, shown, type Reason } from './habilitation-file.reasons';

/**
 * The cells of a mass habilitation file as a spreadsheet leaves them, read
 * back into values or into a reason to reject the line. Pure functions.
 */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: Reason };

export const reject = <T>(code: string, params: Reason['params'] = {}): Read<T> => ({ ok: false, reason: { code, params } });

/** `="84271640900011"`: how the export keeps a spreadsheet from turning a SIRET into 8,42716E+13. */
const TEXT_FORMULA = /^="(.*)"$/;

/** A SIRET cell (domain/identifiers: lost leading zero, scientific notation, checksum…), its code kept, with its column and value. */
export function siretCell(column: string, raw: string): Read<string> {
  const value = TEXT_FORMULA.exec(raw)?.[1] ?? raw;
  const check = checkSiret(value);
  return check.ok ? { ok: true, value: check.value } : reject(check.code, { column, value: shown(value) });
}

/** The `'` the export puts before a name starting like a formula (= + - @), taken off again. */
const FORMULA_GUARD = /^'(?=[=+\-@])/;

export function nameCell(column: string, raw: string): Read<string> {
  const value = raw.replace(FORMULA_GUARD, '');
  return value ? { ok: true, value } : reject(FILE_CODES.valueRequired, { column });
}

const DAMAGE_CODES = {
  CONTROL_CHARACTER: FILE_CODES.controlCharacter,
  UNREADABLE_BYTES: FILE_CODES.unreadableBytes,
  MIXED_ENCODING: FILE_CODES.mixedEncoding,
} as const;

/** The first field damaged (control character, bytes not UTF-8, two encodings), named by its column. */
export function damageOf(fields: string[], columnName: (position: number) => string): Reason | null {
  for (let i = 0; i < fields.length; i++) {
    const damage = textDamage(fields[i]);
    if (damage) return { code: DAMAGE_CODES[damage.kind], params: { column: columnName(i), ...(damage.kind === 'CONTROL_CHARACTER' ? { codePoint: damage.codePoint } : {}) } };
  }
  return null;
}

/** How many fields count: the empty ones a spreadsheet leaves after the last value do not. */
export function usedWidth(fields: string[]): number {
  let width = fields.length;
  while (width > 0 && fields[width - 1] === '') width--;
  return width;
}

/** A line cut on another separator than its header's (one column holding `;` or `,`), or with more values than the header has columns. */
export function shapeOf(fields: string[], width: number): Reason | null {
  const used = usedWidth(fields);
  if (used > width) return { code: FILE_CODES.tooManyColumns, params: { found: used, expected: width } };
  if (used === 1 && width > 1 && /[;,\t|]/.test(fields[0])) return { code: FILE_CODES.wrongSeparator, params: { expected: width } };
  return null;
}
