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

/** Where each known column sits in the file; columns are matched by name, case and `_` ignored. */
export interface CsvHeader<C extends string> {
  width: number;
  positions: Partial<Record<C, number>>;
}

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

export function readHeader<C extends string>(layout: CsvLayout<C>, fields: string[]): Check<CsvHeader<C>> {
  const names = fields.map(normalise);
  const positions: Partial<Record<C, number>> = {};
  for (const column of layout.columns) {
    const at = names.indexOf(normalise(column));
    if (at >= 0 && names.indexOf(normalise(column), at + 1) >= 0) return fail(`colonne « ${column} » présente deux fois`);
    if (at >= 0) positions[column] = at;
  }
  const missing = layout.columns.filter((c) => positions[c] === undefined && !layout.optional.includes(c));
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
