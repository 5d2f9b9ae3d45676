import { date, LineChecks, looksLikeNir, readHeader, valuesOf, type Check, type CsvHeader, type CsvLayout } from '../dsn/dsn-csv.rules';
import type { ProofType } from './declaration-dates.rules';
import { checkNir } from './nir.rules';
import { CERTIFICATION_KINDS, MODALITIES, PROOF_TYPES, type CertificationKind, type Modality } from './prevention.entities';

/**
 * The file import of Passeport de prévention declarations (DOMAIN.md), read
 * like the DSN imports (domain/dsn: `;` or `,`, UTF-8 with or without BOM or
 * Windows-1252, columns by name, case ignored, any order): one line per
 * learner; the lines sharing a `reference` are one declaration, and must
 * agree on its columns. This file turns a line's text into the values of a
 * declaration (dates in either form, French words, codes split, empty =
 * null), groups the lines by reference, and says which line a refusal is
 * about. Whether the values are acceptable is the declaration schema's and
 * the declaration service's to say. Pure functions; no message ever holds a
 * NIR.
 */

/** The columns that describe the training: equal on every line of a reference. */
export const DECLARATION_COLUMNS = [
  'proofType',
  'title',
  'trainingStart',
  'trainingEnd',
  'proofValidFrom',
  'modality',
  'romeSkills',
  'trainerQualification',
  'certificationKind',
  'certificationCode',
  'nsfCode',
] as const;

/** The columns of the line's learner. */
export const LEARNER_COLUMNS = ['nir', 'birthName', 'firstNames', 'birthDate', 'employerSiret'] as const;

export const DECLARATION_CSV_LAYOUT = {
  columns: ['reference', ...DECLARATION_COLUMNS, ...LEARNER_COLUMNS],
  optional: [],
} as const satisfies CsvLayout<string>;

export type DeclarationCsvColumn = (typeof DECLARATION_CSV_LAYOUT.columns)[number];
export type DeclarationColumn = (typeof DECLARATION_COLUMNS)[number];
export type LearnerColumn = (typeof LEARNER_COLUMNS)[number];

/** Data lines (header excluded) a file may hold. */
export const MAX_CSV_LINES = 50_000;
/** Bytes a file may hold: 50,000 lines of 2 KB, well above what a real declaration line takes. */
export const MAX_CSV_BYTES = 100 * 1024 * 1024;

/** A declaration's columns, as the line gives them. */
export interface DeclarationValues {
  proofType: ProofType;
  title: string;
  trainingStart: string;
  trainingEnd: string;
  proofValidFrom: string | null;
  modality: Modality;
  romeSkills: string[];
  trainerQualification: string;
  certificationKind: CertificationKind;
  certificationCode: string;
  nsfCode: string | null;
}

export interface LearnerValues {
  nir: string;
  birthName: string;
  firstNames: string;
  birthDate: string;
  employerSiret: string;
}

/** What is wrong on a line: the column at fault (null: the whole line), a stable code, a message that never holds a NIR. */
export interface LineFault {
  field: string | null;
  code: string;
  message: string;
}

/** One line of the report. `reference` is null when the line has none, or one that cannot be shown. */
export interface LineRejection extends LineFault {
  line: number;
  reference: string | null;
}

/**
 * A line read: its reference, the values of the columns that could be
 * read (those that could not are absent and have a fault), and the faults.
 */
export interface ParsedLine {
  line: number;
  reference: string | null;
  declaration: Partial<DeclarationValues>;
  learner: Partial<LearnerValues>;
  faults: LineFault[];
}

export const CSV_CODES = {
  required: 'PREVENTION.VALUE_REQUIRED',
  invalid: 'PREVENTION.VALUE_INVALID',
  date: 'PREVENTION.DATE_INVALID',
  reference: 'PREVENTION.REFERENCE_INVALID',
  nirMisplaced: 'PREVENTION.NIR_MISPLACED',
  nirFormat: 'PREVENTION.NIR_FORMAT',
  line: 'PREVENTION.LINE_INVALID',
  mismatch: 'PREVENTION.REFERENCE_MISMATCH',
  rejected: 'PREVENTION.DECLARATION_REJECTED',
} as const;

/** The columns that may be left empty. */
const MAY_BE_EMPTY: readonly DeclarationCsvColumn[] = ['proofValidFrom', 'romeSkills', 'nsfCode'];

/** Upper-case letters and digits, accents and separators dropped: how enum values and French words are compared. */
const wordKey = (raw: string) =>
  raw
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

type Coded<T> = { ok: true; value: T } | { ok: false; code: string; reason: string };
const ok = <T>(value: T): Coded<T> => ({ ok: true, value });
const fail = <T>(code: string, reason: string): Coded<T> => ({ ok: false, code, reason });

function enumValue<T extends string>(values: readonly T[], words: Record<string, T>): (raw: string) => Coded<T> {
  const table = new Map<string, T>([...values.map((v) => [wordKey(v), v] as const), ...Object.entries(words)]);
  const accepted = [...values, ...Object.keys(words).filter((w) => !values.some((v) => wordKey(v) === w))];
  return (raw) => {
    const value = table.get(wordKey(raw));
    return value ? ok(value) : fail(CSV_CODES.invalid, `valeur inconnue : ${accepted.join(', ')} attendu.`);
  };
}

export const proofType = enumValue(PROOF_TYPES, { presence: 'ATTENDANCE', reussite: 'SUCCESS' });
export const modality = enumValue(MODALITIES, { presentiel: 'IN_PERSON', distanciel: 'REMOTE', mixte: 'MIXED' });
export const certificationKind = enumValue(CERTIFICATION_KINDS, {});

/** `AAAA-MM-JJ` or `JJ/MM/AAAA` (the DSN imports' rule); the value is not repeated, it may be anything. */
export function day(raw: string): Coded<string> {
  const check = date(raw);
  return check.ok ? ok(check.value) : fail(CSV_CODES.date, 'date invalide : un jour qui existe, AAAA-MM-JJ ou JJ/MM/AAAA, est attendu.');
}

/** ROME skill codes separated by spaces (commas tolerated), upper-cased; empty: none. */
export const romeSkills = (raw: string): Coded<string[]> => ok(raw.split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase()));

/** A file's name for a declaration: letters, digits, spaces and . _ : / # ( ) -, 64 at most; never a NIR. */
export function reference(raw: string): Coded<string> {
  if (raw.length > 64) return fail(CSV_CODES.reference, `référence trop longue (${raw.length} caractères, 64 au plus).`);
  if (!/^[\p{L}\p{N} ._:/#()-]+$/u.test(raw)) return fail(CSV_CODES.reference, 'référence : lettres, chiffres, espaces et . _ : / # ( ) - seulement.');
  if (looksLikeNir(raw)) return fail(CSV_CODES.nirMisplaced, 'la référence a la forme d’un NIR : choisissez un autre repère (ex. SST-2026-03).');
  return ok(raw);
}

/** A spreadsheet that took the NIR for a number shows it as 1,85058E+14: the digits are lost. */
function nirText(raw: string): Coded<string> {
  if (/^\d+([.,]\d+)?E\+?\d+$/i.test(raw.replace(/\s/g, ''))) {
    return fail(CSV_CODES.nirFormat, 'NIR écrit en notation scientifique par le tableur : formatez la colonne en texte et ressaisissez-le.');
  }
  return ok(raw);
}

const text = (raw: string): Coded<string> => ok(raw);
const orNull = <T>(parse: (raw: string) => Coded<T>) => (raw: string): Coded<T | null> => (raw ? parse(raw) : ok(null));

const DECLARATION_PARSERS: { [C in DeclarationColumn]: (raw: string) => Coded<DeclarationValues[C]> } = {
  proofType,
  title: text,
  trainingStart: day,
  trainingEnd: day,
  proofValidFrom: orNull(day),
  modality,
  romeSkills,
  trainerQualification: text,
  certificationKind,
  certificationCode: text,
  nsfCode: orNull(text),
};

const LEARNER_PARSERS: { [C in LearnerColumn]: (raw: string) => Coded<LearnerValues[C]> } = {
  nir: nirText,
  birthName: text,
  firstNames: text,
  birthDate: day,
  employerSiret: text,
};

/** A NIR typed in another column (shifted columns) is refused there without being repeated. */
const misplacedNir = (raw: string) => looksLikeNir(raw) && checkNir(raw).ok;

function parseColumn<T>(column: DeclarationCsvColumn, raw: string, parse: (raw: string) => Coded<T>): Coded<T> {
  if (!raw && !MAY_BE_EMPTY.includes(column)) return fail(CSV_CODES.required, 'valeur obligatoire.');
  if (column !== 'nir' && misplacedNir(raw)) return fail(CSV_CODES.nirMisplaced, 'cette valeur est un NIR : il ne va que dans la colonne nir (colonnes décalées ?).');
  return parse(raw);
}

/** The header line: the layout's columns by name (case and `_` ignored, order free), and which of them are missing. */
export function readDeclarationHeader(fields: string[]): { ok: true; header: CsvHeader<DeclarationCsvColumn> } | { ok: false; reason: string; missing: DeclarationCsvColumn[] } {
  const read = readHeader(DECLARATION_CSV_LAYOUT, fields);
  if (read.ok) return { ok: true, header: read.value };
  const found = readHeader({ columns: DECLARATION_CSV_LAYOUT.columns, optional: DECLARATION_CSV_LAYOUT.columns }, fields);
  const missing = found.ok ? DECLARATION_CSV_LAYOUT.columns.filter((c) => found.value.positions[c] === undefined) : [];
  return { ok: false, reason: read.reason, missing };
}

/** One data line of the file → its reference, the values read, and what could not be read. */
export function parseDeclarationLine(header: CsvHeader<DeclarationCsvColumn>, line: number, fields: string[]): ParsedLine {
  const parsed: ParsedLine = { line, reference: null, declaration: {}, learner: {}, faults: [] };
  const values = valuesOf(DECLARATION_CSV_LAYOUT, header, fields);
  if (!values.ok) {
    // Its columns cannot be trusted, but its reference (where the header puts it) still ties it to its declaration, refused with it.
    const raw = fields[header.positions.reference ?? -1] ?? '';
    const ref = parseColumn('reference', raw, reference);
    parsed.reference = ref.ok ? ref.value : null;
    parsed.faults.push({ field: null, code: CSV_CODES.line, message: values.reason });
    return parsed;
  }
  const v = values.value;
  const take = <T>(column: DeclarationCsvColumn, check: Coded<T>): T | undefined => {
    if (check.ok) return check.value;
    parsed.faults.push({ field: column, code: check.code, message: check.reason });
    return undefined;
  };
  parsed.reference = take('reference', parseColumn('reference', v.reference, reference)) ?? null;
  const set = <R, C extends keyof R>(into: Partial<R>, column: C, value: R[C] | undefined) => {
    if (value !== undefined) into[column] = value;
  };
  for (const column of DECLARATION_COLUMNS) {
    set(parsed.declaration, column, take(column, parseColumn(column, v[column], DECLARATION_PARSERS[column] as (raw: string) => Coded<DeclarationValues[typeof column]>)));
  }
  for (const column of LEARNER_COLUMNS) {
    set(parsed.learner, column, take(column, parseColumn(column, v[column], LEARNER_PARSERS[column])));
  }
  return parsed;
}

/** An issue with a declaration, at a dotted path of the declaration (`title`, `learners.1.nir`) or none. */
export interface Refusal {
  path: string | null;
  code: string;
  message: string;
}

/**
 * Which of a declaration's lines each refusal is about (index in its
 * lines): `learners.<i>.<name>` is the i-th line, column `<name>`; any other
 * path (or none) every line, column its first segment.
 */
export function faultsByLine(lineCount: number, refusals: Refusal[]): Map<number, LineFault[]> {
  const perLine = new Map<number, LineFault[]>();
  const add = (index: number, fault: LineFault) => perLine.set(index, [...(perLine.get(index) ?? []), fault]);
  for (const r of refusals) {
    const learner = r.path ? /^learners\.(\d+)\.([^.]+)/.exec(r.path) : null;
    if (learner && Number(learner[1]) < lineCount) {
      add(Number(learner[1]), { field: learner[2], code: r.code, message: r.message });
      continue;
    }
    const field = r.path ? r.path.split('.')[0] : null;
    for (let i = 0; i < lineCount; i++) add(i, { field, code: r.code, message: r.message });
  }
  return perLine;
}

/** A line's faults in one: the first one's column and code, every message (prefixed by its column) as the DSN imports join them. */
export function joined(faults: LineFault[]): LineFault {
  const checks = new LineChecks();
  const seen = new Set<string>();
  for (const f of faults) {
    const key = `${f.field}\u0000${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (f.field === null) checks.require(false, f.message);
    else checks.take(f.field, { ok: false, reason: f.message } as Check<never>);
  }
  const result = checks.result(() => '');
  return { field: faults[0].field, code: faults[0].code, message: result.ok ? '' : result.reason };
}

/** A declaration whose lines are all good and agree: ready to be declared. */
export interface GroupedDeclaration<D, L> {
  reference: string;
  /** Its lines' numbers, in file order; learners[i] is lines[i]'s. */
  lines: number[];
  declaration: D;
  learners: L[];
}

/** A line as it joins its reference: good (with its values) or bad (with its fault). */
export type GroupedLine<D, L> = { line: number; reference: string | null } & ({ ok: true; declaration: D; learner: L } | { ok: false; fault: LineFault });

interface Group<D, L> {
  reference: string;
  /** Every line, in file order. */
  lines: number[];
  declaration?: D;
  declarationLine?: number;
  good: number[];
  learners: L[];
  faults: Map<number, LineFault>;
  /** Columns on which some line disagrees with the first good line, and the lines that do. */
  differing: Set<string>;
  differingLines: Set<number>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const lineList = (lines: number[]) => {
  const shown = lines.slice(0, 10).join(', ');
  return `${lines.length > 1 ? 'lignes' : 'ligne'} ${shown}${lines.length > 10 ? '…' : ''}`;
};

/**
 * Gathers the lines of a file by reference, holding each declaration's
 * columns once. A reference with a bad line, or whose lines disagree on a
 * declaration column, is refused whole: each of its lines is reported.
 */
export class ReferenceGroups<D extends object, L> {
  private readonly groups = new Map<string, Group<D, L>>();
  private readonly loose: LineRejection[] = [];

  add(entry: GroupedLine<D, L>): void {
    if (entry.reference === null) {
      if (!entry.ok) this.loose.push({ line: entry.line, reference: null, ...entry.fault });
      else this.loose.push({ line: entry.line, reference: null, field: 'reference', code: CSV_CODES.required, message: 'reference : valeur obligatoire.' });
      return;
    }
    let group = this.groups.get(entry.reference);
    if (!group) {
      group = { reference: entry.reference, lines: [], good: [], learners: [], faults: new Map(), differing: new Set(), differingLines: new Set() };
      this.groups.set(entry.reference, group);
    }
    group.lines.push(entry.line);
    if (!entry.ok) {
      group.faults.set(entry.line, entry.fault);
      return;
    }
    if (group.declaration === undefined) {
      group.declaration = entry.declaration;
      group.declarationLine = entry.line;
    } else {
      const differing = (Object.keys(group.declaration) as (keyof D)[]).filter((k) => !same(group.declaration![k], entry.declaration[k]));
      for (const column of differing) group.differing.add(String(column));
      if (differing.length) group.differingLines.add(group.declarationLine!).add(entry.line);
    }
    group.good.push(entry.line);
    group.learners.push(entry.learner);
  }

  /** The declarations to store (in the order of their first line), and every line refused so far. */
  result(): { declarations: GroupedDeclaration<D, L>[]; rejected: LineRejection[] } {
    const declarations: GroupedDeclaration<D, L>[] = [];
    const rejected = [...this.loose];
    for (const g of this.groups.values()) {
      if (g.faults.size) {
        rejected.push(...rejectGroup(g.reference, g.lines, g.faults, g.differing.size ? mismatchFault(g) : undefined));
      } else if (g.differing.size) {
        rejected.push(...rejectGroup(g.reference, g.lines, new Map(), mismatchFault(g)));
      } else {
        declarations.push({ reference: g.reference, lines: g.good, declaration: g.declaration!, learners: g.learners });
      }
    }
    return { declarations, rejected };
  }
}

function mismatchFault(g: Group<object, unknown>): LineFault {
  const columns = [...g.differing];
  return {
    field: columns[0],
    code: CSV_CODES.mismatch,
    message: `Les lignes d’une même référence décrivent une seule formation : ${columns.join(', ')} ${columns.length > 1 ? 'diffèrent' : 'diffère'} (${lineList([...g.differingLines].sort((a, b) => a - b))}).`,
  };
}

/** Every line of a refused declaration: those at fault with their fault, the others with `fallback` or as refused with them. */
function rejectGroup(reference: string, lines: number[], faults: Map<number, LineFault>, fallback?: LineFault): LineRejection[] {
  const bad = lines.filter((l) => faults.has(l));
  const rejected: LineFault = fallback ?? {
    field: null,
    code: CSV_CODES.rejected,
    message: `Déclaration non enregistrée : sa ${lineList(bad)} ${bad.length > 1 ? 'sont' : 'est'} en erreur ; corrigez puis renvoyez toutes ses lignes.`,
  };
  return lines.map((line) => ({ line, reference, ...(faults.get(line) ?? rejected) }));
}

/** A declaration refused when it was to be stored: each of its lines reported, those the refusals are about with them, the others as refused with them. */
export function rejectDeclaration(declaration: { reference: string; lines: number[] }, refusals: Refusal[]): LineRejection[] {
  const faults = new Map([...faultsByLine(declaration.lines.length, refusals)].map(([index, f]) => [declaration.lines[index], joined(f)]));
  return rejectGroup(declaration.reference, declaration.lines, faults);
}

/** A fictitious NIR with its key (born in January 1980 in Paris). */
const EXAMPLE_NIR = '180017505600103';

/** The example line of the model, column by column. */
export const MODEL_EXAMPLE: Record<DeclarationCsvColumn, string> = {
  reference: 'SST-2026-001',
  proofType: 'ATTENDANCE',
  title: 'Sauveteur secouriste du travail',
  trainingStart: '02/03/2026',
  trainingEnd: '03/03/2026',
  proofValidFrom: '',
  modality: 'IN_PERSON',
  romeSkills: 'K2110',
  trainerQualification: 'Formateur SST certifié INRS',
  certificationKind: 'RS',
  certificationCode: 'RS5537',
  nsfCode: '',
  nir: EXAMPLE_NIR,
  birthName: 'DUPONT',
  firstNames: 'Jean Marie',
  birthDate: '15/01/1980',
  employerSiret: '73282932000074',
};

/** The model file: BOM (so a spreadsheet reads it as UTF-8), `;`, the header and the example line. */
export function declarationCsvModel(): string {
  const { columns } = DECLARATION_CSV_LAYOUT;
  return `\uFEFF${columns.join(';')}\r\n${columns.map((c) => MODEL_EXAMPLE[c]).join(';')}\r\n`;
}
