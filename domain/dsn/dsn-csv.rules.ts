import { checkSiret } from '../identifiers/identifiers.rules';

/**
 * Line rules of the DSN imports (filings, employment relations): every value
 * checked with a reason precise enough to fix the spreadsheet. Pure functions.
 */
export type Check<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = <T>(reason: string): Check<T> => ({ ok: false, reason });

export type CsvDelimiter = ';' | ',';

/** `;` (French spreadsheets) unless the header line holds more commas than semicolons. */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const count = (c: string) => headerLine.split(c).length - 1;
  return count(',') > count(';') ? ',' : ';';
}

export interface CsvLayout<C extends string> {
  columns: readonly C[];
  optional: readonly C[];
}

/** Where each known column sits in the file; columns are matched by name (columnKey). */
export interface CsvHeader<C extends string> {
  width: number;
  positions: Partial<Record<C, number>>;
}

/** How header names are compared: case, accents, spaces and punctuation ignored (`Prénom` = `PRENOM` = `prenom`, `SIRET déclarant` = `siret_declarant`). */
export const columnKey = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** A header line against a layout: where each column is, the columns named twice or missing, and the fields naming none of them. */
export interface HeaderMatch<C extends string> {
  positions: Partial<Record<C, number>>;
  duplicated: C[];
  missing: C[];
  /** Positions of the fields (empty names included) that are no column of the layout. */
  unknown: number[];
}

export function matchHeader<C extends string>(layout: CsvLayout<C>, fields: string[]): HeaderMatch<C> {
  const names = fields.map(columnKey);
  const positions: Partial<Record<C, number>> = {};
  const duplicated: C[] = [];
  const known = new Set<number>();
  for (const column of layout.columns) {
    const key = columnKey(column);
    const at = names.indexOf(key);
    if (at < 0) continue;
    positions[column] = at;
    names.forEach((name, i) => name === key && known.add(i));
    if (names.indexOf(key, at + 1) >= 0) duplicated.push(column);
  }
  const missing = layout.columns.filter((c) => positions[c] === undefined && !layout.optional.includes(c));
  return { positions, duplicated, missing, unknown: fields.map((_, i) => i).filter((i) => !known.has(i)) };
}

export function readHeader<C extends string>(layout: CsvLayout<C>, fields: string[]): Check<CsvHeader<C>> {
  const { positions, duplicated, missing } = matchHeader(layout, fields);
  if (duplicated.length) return fail(`colonne « ${duplicated[0]} » présente deux fois`);
  if (missing.length) return fail(`colonne${missing.length > 1 ? 's' : ''} manquante${missing.length > 1 ? 's' : ''} : ${missing.join(', ')}`);
  return ok({ width: fields.length, positions });
}

/** The line's value per column (absent → empty); more non-empty values than header columns is an error. */
export function valuesOf<C extends string>(layout: CsvLayout<C>, header: CsvHeader<C>, fields: string[]): Check<Record<C, string>> {
  if (fields.slice(header.width).some((f) => f !== '')) {
    return fail(`${fields.length} valeurs pour ${header.width} colonnes d’en-tête : vérifiez le séparateur (; ou ,).`);
  }
  const values = {} as Record<C, string>;
  for (const column of layout.columns) {
    const at = header.positions[column];
    values[column] = at === undefined ? '' : (fields[at] ?? '');
  }
  return ok(values);
}

/** What a spreadsheet or a wrong encoding did to a text: a control character (U+0000–U+001F, U+007F–U+009F), bytes that were not UTF-8 (U+FFFD), or UTF-8 read as Windows-1252 (`Ã©` for `é`). */
export type TextDamage = { kind: 'CONTROL_CHARACTER'; codePoint: string } | { kind: 'UNREADABLE_BYTES' } | { kind: 'MIXED_ENCODING' };

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
/** Windows-1252's reading of UTF-8's continuation bytes 0x80–0xBF (`stream`: Node 20's one-shot decode reads 0x80–0x9F as Latin-1). */
const CONTINUATION = new TextDecoder('windows-1252').decode(Uint8Array.from({ length: 0x40 }, (_, i) => 0x80 + i), { stream: true });
/** A two-byte UTF-8 letter (lead byte 0xC2–0xC5: Â Ã Ä Å) or a three-byte punctuation (0xE2 0x80/0x82: â€ â‚) read as Windows-1252. */
const MOJIBAKE = new RegExp(`[\u00c2-\u00c5][${CONTINUATION}]|\u00e2[\u20ac\u201a][${CONTINUATION}]`, 'u');

/** Mojibake first: some continuation bytes read as Windows-1252 are C1 controls (`Á` → `Ã` U+0081). */
export function textDamage(raw: string): TextDamage | null {
  if (MOJIBAKE.test(raw)) return { kind: 'MIXED_ENCODING' };
  const control = CONTROL_CHARACTER.exec(raw);
  if (control) return { kind: 'CONTROL_CHARACTER', codePoint: `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` };
  return raw.includes('\ufffd') ? { kind: 'UNREADABLE_BYTES' } : null;
}

export function siret(raw: string): Check<string> {
  const check = checkSiret(raw);
  return check.ok ? ok(check.value) : fail(check.message);
}

function calendarDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/** `AAAA-MM-JJ` or `JJ/MM/AAAA` (what a French spreadsheet shows) → `AAAA-MM-JJ`. */
export function date(raw: string): Check<string> {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(raw);
  const parts = iso ? [iso[1], iso[2], iso[3]] : fr ? [fr[3], fr[2], fr[1]] : null;
  if (!raw) return fail('date manquante.');
  const value = parts && calendarDate(Number(parts[0]), Number(parts[1]), Number(parts[2]));
  return value ? ok(value) : fail(`date « ${raw} » invalide : AAAA-MM-JJ ou JJ/MM/AAAA attendu.`);
}

/** A date (midnight UTC) or an ISO 8601 instant with its time zone → ISO instant. */
export function instant(raw: string): Check<string> {
  if (!raw.includes('T')) {
    const day = date(raw);
    return day.ok ? ok(`${day.value}T00:00:00.000Z`) : day;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.exec(raw);
  const time = iso && calendarDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) ? Date.parse(raw) : NaN;
  if (Number.isNaN(time)) return fail(`horodatage « ${raw} » invalide : AAAA-MM-JJ ou AAAA-MM-JJTHH:MM:SS avec fuseau (Z, +01:00).`);
  return ok(new Date(time).toISOString());
}

/** Declared month `AAAA-MM` → its first day. */
export function period(raw: string): Check<string> {
  const m = /^(\d{4})-(\d{2})$/.exec(raw);
  const value = m && calendarDate(Number(m[1]), Number(m[2]), 1);
  if (!raw) return fail('période manquante.');
  return value ? ok(value) : fail(`période « ${raw} » invalide : mois AAAA-MM attendu (ex. 2026-01) ; formatez la colonne en texte.`);
}

export function uuid(raw: string): Check<string> {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw)
    ? ok(raw.toLowerCase())
    : fail(`identifiant de compte « ${raw} » invalide : UUID attendu.`);
}

/** 13 digits (+ 2-digit key), Corsica 2A/2B allowed, separators ignored: the shape of a NIR. */
export function looksLikeNir(raw: string): boolean {
  const compact = raw.replace(/[\s.-]/g, '');
  return /^\d{5}(\d{2}|2A|2B)\d{6}(\d{2})?$/i.test(compact);
}

/** A pseudonymous employee id: never a NIR in clear. */
export function employeeId(raw: string): Check<string> {
  if (!raw) return fail('identifiant de salarié manquant.');
  if (looksLikeNir(raw)) {
    return fail('ressemble à un NIR (numéro de sécurité sociale) : seul un identifiant pseudonyme est accepté, jamais un NIR en clair.');
  }
  if (raw.length > 64) return fail(`identifiant de salarié trop long (${raw.length} caractères, 64 au plus).`);
  if (!/^[A-Za-z0-9._:+/=-]+$/.test(raw)) return fail('identifiant de salarié : lettres, chiffres et . _ : + / = - seulement.');
  return ok(raw);
}

/** Runs the field checks of one line and joins every failure, prefixed with its column. */
export class LineChecks {
  private readonly reasons: string[] = [];

  take<T>(column: string, check: Check<T>): T {
    if (!check.ok) this.reasons.push(`${column} : ${check.reason}`);
    return (check.ok ? check.value : undefined) as T;
  }

  require(condition: boolean, reason: string): void {
    if (!condition) this.reasons.push(reason);
  }

  result<T>(value: () => T): Check<T> {
    return this.reasons.length ? fail(this.reasons.join(' ; ')) : ok(value());
  }
}
