import { Readable } from 'node:stream';
import { readCsv } from '../../domain/dsn/dsn-csv.reader';
import {
  DECLARATION_CSV_LAYOUT,
  declarationCsvModel,
  faultsByLine,
  joined,
  MODEL_EXAMPLE,
  parseDeclarationLine,
  readDeclarationHeader,
  ReferenceGroups,
  rejectDeclaration,
  type DeclarationCsvColumn,
  type GroupedLine,
  type LineFault,
} from '../../domain/prevention/declaration-csv.rules';
import { checkNir } from '../../domain/prevention/nir.rules';

const COLUMNS = DECLARATION_CSV_LAYOUT.columns;
const nir = (body: string) => body + String(97 - Number(BigInt(body) % 97n)).padStart(2, '0');
const NIR = nir('2920375120005');

const headerOf = (fields: string[] = [...COLUMNS]) => {
  const read = readDeclarationHeader(fields);
  if (!read.ok) throw new Error(read.reason);
  return read.header;
};

/** One line as its values by column: the model's example, with some columns changed. */
const lineOf = (over: Partial<Record<DeclarationCsvColumn, string>> = {}) => COLUMNS.map((c) => over[c] ?? MODEL_EXAMPLE[c]);
const parse = (over: Partial<Record<DeclarationCsvColumn, string>> = {}, line = 2) => parseDeclarationLine(headerOf(), line, lineOf(over));

describe('readDeclarationHeader', () => {
  it('finds the columns by name, any case or order, extra columns ignored', () => {
    const fields = [...COLUMNS].reverse().map((c, i) => (i % 2 ? c.toUpperCase() : c));
    const read = readDeclarationHeader(['commentaire', ...fields]);
    expect(read.ok).toBe(true);
    expect(read.ok && read.header.positions.reference).toBe(COLUMNS.length);
    expect(read.ok && read.header.positions.employerSiret).toBe(1);
  });

  it.each`
    drop                                   | reason
    ${['nir']}                             | ${'colonne manquante : nir'}
    ${['proofValidFrom', 'employerSiret']} | ${'colonnes manquantes : proofValidFrom, employerSiret'}
  `('names the missing columns $drop', ({ drop, reason }: { drop: string[]; reason: string }) => {
    expect(readDeclarationHeader(COLUMNS.filter((c) => !drop.includes(c)))).toEqual({ ok: false, reason, missing: drop });
  });

  it('refuses a column given twice', () => {
    expect(readDeclarationHeader([...COLUMNS, 'Title'])).toEqual({ ok: false, reason: 'colonne « title » présente deux fois', missing: [] });
  });
});

describe('parseDeclarationLine: each column', () => {
  it('reads the model’s example without a fault', () => {
    expect(parse()).toEqual({
      line: 2,
      reference: 'SST-2026-001',
      declaration: {
        proofType: 'ATTENDANCE',
        title: 'Sauveteur secouriste du travail',
        trainingStart: '2026-03-02',
        trainingEnd: '2026-03-03',
        proofValidFrom: null,
        modality: 'IN_PERSON',
        romeSkills: ['K2110'],
        trainerQualification: 'Formateur SST certifié INRS',
        certificationKind: 'RS',
        certificationCode: 'RS5537',
        nsfCode: null,
      },
      learner: { nir: MODEL_EXAMPLE.nir, birthName: 'DUPONT', firstNames: 'Jean Marie', birthDate: '1980-01-15', employerSiret: '73282932000074' },
      faults: [],
    });
  });

  it.each<[DeclarationCsvColumn, string, unknown]>([
    ['proofType', 'ATTENDANCE', 'ATTENDANCE'],
    ['proofType', 'success', 'SUCCESS'],
    ['proofType', 'présence', 'ATTENDANCE'],
    ['proofType', 'Présence', 'ATTENDANCE'],
    ['proofType', 'presence', 'ATTENDANCE'],
    ['proofType', 'réussite', 'SUCCESS'],
    ['proofType', 'RÉUSSITE', 'SUCCESS'],
    ['modality', 'IN_PERSON', 'IN_PERSON'],
    ['modality', 'présentiel', 'IN_PERSON'],
    ['modality', 'distanciel', 'REMOTE'],
    ['modality', 'REMOTE', 'REMOTE'],
    ['modality', 'mixte', 'MIXED'],
    ['modality', 'Mixed', 'MIXED'],
    ['certificationKind', 'RNCP', 'RNCP'],
    ['certificationKind', 'rs', 'RS'],
    ['certificationKind', 'CERTIF_INFO', 'CERTIF_INFO'],
    ['certificationKind', 'Certif Info', 'CERTIF_INFO'],
    ['certificationKind', 'FORMACODE', 'FORMACODE'],
    ['trainingStart', '2026-03-02', '2026-03-02'],
    ['trainingStart', '02/03/2026', '2026-03-02'],
    ['trainingEnd', '29/02/2024', '2024-02-29'],
    ['proofValidFrom', '', null],
    ['proofValidFrom', '10/03/2026', '2026-03-10'],
    ['romeSkills', '', []],
    ['romeSkills', 'K2110 H2502', ['K2110', 'H2502']],
    ['romeSkills', '  k2110   h2502 ', ['K2110', 'H2502']],
    ['romeSkills', 'K2110,H2502', ['K2110', 'H2502']],
    ['nsfCode', '', null],
    ['nsfCode', '344t', '344t'],
    ['title', 'Habilitation électrique B1V', 'Habilitation électrique B1V'],
    ['certificationCode', 'RNCP12345', 'RNCP12345'],
  ])('%s « %s » → %j', (column, raw, value) => {
    const parsed = parse({ [column]: raw });
    expect(parsed.faults).toEqual([]);
    expect({ ...parsed.declaration, ...parsed.learner }[column as 'title']).toEqual(value);
  });

  it.each<[DeclarationCsvColumn, string, string]>([
    ['birthDate', '15/01/1980', '1980-01-15'],
    ['birthDate', '1980-01-15', '1980-01-15'],
    ['nir', '2 92 03 75 120 005 xx', '2 92 03 75 120 005 xx'],
    ['employerSiret', '732 829 320 00074', '732 829 320 00074'],
  ])('learner column %s « %s » → %s (the schema checks NIRs and SIRETs)', (column, raw, value) => {
    expect(parse({ [column]: raw }).learner[column as 'nir']).toBe(value);
  });

  it.each<[DeclarationCsvColumn, string, string]>([
    ['proofType', 'diplôme', 'PREVENTION.VALUE_INVALID'],
    ['modality', 'hybride', 'PREVENTION.VALUE_INVALID'],
    ['certificationKind', 'CQP', 'PREVENTION.VALUE_INVALID'],
    ['trainingStart', '2026-02-30', 'PREVENTION.DATE_INVALID'],
    ['trainingEnd', '3/3/2026', 'PREVENTION.DATE_INVALID'],
    ['proofValidFrom', '2026/03/10', 'PREVENTION.DATE_INVALID'],
    ['birthDate', '15-01-1980', 'PREVENTION.DATE_INVALID'],
    ['title', '', 'PREVENTION.VALUE_REQUIRED'],
    ['trainingStart', '', 'PREVENTION.VALUE_REQUIRED'],
    ['nir', '', 'PREVENTION.VALUE_REQUIRED'],
    ['employerSiret', '', 'PREVENTION.VALUE_REQUIRED'],
    ['nir', '2,92037E+14', 'PREVENTION.NIR_FORMAT'],
    ['reference', '', 'PREVENTION.VALUE_REQUIRED'],
    ['reference', 'a'.repeat(65), 'PREVENTION.REFERENCE_INVALID'],
    ['reference', 'SST\u0000', 'PREVENTION.REFERENCE_INVALID'],
    ['reference', 'SST;2026', 'PREVENTION.REFERENCE_INVALID'],
    ['reference', NIR, 'PREVENTION.NIR_MISPLACED'],
    ['reference', NIR.slice(0, 13), 'PREVENTION.NIR_MISPLACED'],
    ['birthName', NIR, 'PREVENTION.NIR_MISPLACED'],
    ['employerSiret', NIR, 'PREVENTION.NIR_MISPLACED'],
    ['birthDate', NIR, 'PREVENTION.NIR_MISPLACED'],
  ])('%s « %s » → %s, the column named, the value not repeated', (column, raw, code) => {
    const parsed = parse({ [column]: raw });
    expect(parsed.faults).toEqual([{ field: column, code, message: expect.any(String) }]);
    if (raw) expect(parsed.faults[0].message).not.toContain(raw);
    expect({ ...parsed.declaration, ...parsed.learner }).not.toHaveProperty(column);
    if (column === 'reference') expect(parsed.reference).toBeNull();
  });

  it('a line with more values than the header has columns is refused whole (a wrong separator), still tied to its reference', () => {
    const parsed = parseDeclarationLine(headerOf(), 5, [...lineOf(), 'extra']);
    expect(parsed).toMatchObject({ line: 5, reference: 'SST-2026-001', declaration: {}, learner: {}, faults: [{ field: null, code: 'PREVENTION.LINE_INVALID' }] });
    expect(parseDeclarationLine(headerOf(), 5, [...lineOf({ reference: NIR }), 'extra'])).toMatchObject({ reference: null });
  });

  it('several faults on a line: each column reported', () => {
    expect(parse({ trainingEnd: 'demain', modality: 'hybride' }).faults.map((f) => f.field)).toEqual(['trainingEnd', 'modality']);
  });
});

describe('faultsByLine and joined', () => {
  it.each`
    path                          | lines        | field
    ${'learners.1.nir'}           | ${[1]}       | ${'nir'}
    ${'learners.0.employerSiret'} | ${[0]}       | ${'employerSiret'}
    ${'trainingEnd'}              | ${[0, 1, 2]} | ${'trainingEnd'}
    ${'romeSkills.0'}             | ${[0, 1, 2]} | ${'romeSkills'}
    ${'learners'}                 | ${[0, 1, 2]} | ${'learners'}
    ${null}                       | ${[0, 1, 2]} | ${null}
  `('$path → lines $lines, column $field', ({ path, lines, field }: { path: string | null; lines: number[]; field: string | null }) => {
    const faults = faultsByLine(3, [{ path, code: 'X.Y', message: 'faux' }]);
    expect([...faults.keys()].sort()).toEqual(lines);
    for (const index of lines) expect(faults.get(index)).toEqual([{ field, code: 'X.Y', message: 'faux' }]);
  });

  it('joins a line’s faults as the DSN imports do: the first one’s column and code, every message prefixed by its column', () => {
    const faults: LineFault[] = [
      { field: 'nir', code: 'PREVENTION.NIR_KEY', message: 'clé fausse.' },
      { field: 'title', code: 'VALIDATION.FAILED', message: 'Caractères de contrôle interdits' },
      { field: null, code: 'X', message: 'Toute la ligne.' },
    ];
    expect(joined(faults)).toEqual({ field: 'nir', code: 'PREVENTION.NIR_KEY', message: 'nir : clé fausse. ; title : Caractères de contrôle interdits ; Toute la ligne.' });
  });
});

type Decl = { title: string; trainingEnd: string; romeSkills: string[] };
const good = (line: number, reference: string | null, over: Partial<Decl> = {}, learner = `L${line}`): GroupedLine<Decl, string> => ({
  line,
  reference,
  ok: true,
  declaration: { title: 'SST', trainingEnd: '2026-03-03', romeSkills: ['K2110'], ...over },
  learner,
});
const bad = (line: number, reference: string | null, field = 'nir'): GroupedLine<Decl, string> => ({
  line,
  reference,
  ok: false,
  fault: { field, code: 'PREVENTION.NIR_KEY', message: `${field} : clé fausse.` },
});
const grouped = (lines: GroupedLine<Decl, string>[]) => {
  const groups = new ReferenceGroups<Decl, string>();
  lines.forEach((l) => groups.add(l));
  return groups.result();
};

describe('ReferenceGroups', () => {
  it('gathers the lines of a reference wherever they are, one declaration each, in the order of their first line', () => {
    const { declarations, rejected } = grouped([good(2, 'B'), good(3, 'A'), good(4, 'B', {}, 'L4'), good(5, 'A')]);
    expect(rejected).toEqual([]);
    expect(declarations).toEqual([
      { reference: 'B', lines: [2, 4], declaration: { title: 'SST', trainingEnd: '2026-03-03', romeSkills: ['K2110'] }, learners: ['L2', 'L4'] },
      { reference: 'A', lines: [3, 5], declaration: { title: 'SST', trainingEnd: '2026-03-03', romeSkills: ['K2110'] }, learners: ['L3', 'L5'] },
    ]);
  });

  it('a bad line refuses its whole reference: itself with its reason, the others as refused with it; other references go on', () => {
    const { declarations, rejected } = grouped([good(2, 'A'), bad(3, 'A'), good(4, 'A'), good(5, 'B')]);
    expect(declarations.map((d) => d.reference)).toEqual(['B']);
    expect(rejected).toEqual([
      { line: 2, reference: 'A', field: null, code: 'PREVENTION.DECLARATION_REJECTED', message: expect.stringContaining('ligne 3 est en erreur') },
      { line: 3, reference: 'A', field: 'nir', code: 'PREVENTION.NIR_KEY', message: 'nir : clé fausse.' },
      { line: 4, reference: 'A', field: null, code: 'PREVENTION.DECLARATION_REJECTED', message: expect.stringContaining('ligne 3 est en erreur') },
    ]);
  });

  it.each`
    over                                     | field
    ${{ title: 'SST recyclage' }}            | ${'title'}
    ${{ trainingEnd: '2026-03-04' }}         | ${'trainingEnd'}
    ${{ romeSkills: ['K2110', 'H2502'] }}    | ${'romeSkills'}
  `('lines of a reference that disagree on $field: every line refused with PREVENTION.REFERENCE_MISMATCH', ({ over, field }: { over: Partial<Decl>; field: string }) => {
    const { declarations, rejected } = grouped([good(2, 'A'), good(3, 'A'), good(4, 'A', over)]);
    expect(declarations).toEqual([]);
    expect(rejected.map((r) => [r.line, r.field, r.code])).toEqual([2, 3, 4].map((line) => [line, field, 'PREVENTION.REFERENCE_MISMATCH']));
    expect(rejected[0].message).toContain(`${field} diffère (lignes 2, 4)`);
  });

  it('a mismatch and a bad line: the bad line keeps its reason, the others say the mismatch', () => {
    const { rejected } = grouped([good(2, 'A'), good(3, 'A', { title: 'Autre' }), bad(4, 'A')]);
    expect(rejected.map((r) => [r.line, r.code])).toEqual([
      [2, 'PREVENTION.REFERENCE_MISMATCH'],
      [3, 'PREVENTION.REFERENCE_MISMATCH'],
      [4, 'PREVENTION.NIR_KEY'],
    ]);
  });

  it('a line without a usable reference is refused alone', () => {
    const { declarations, rejected } = grouped([bad(2, null, 'reference'), good(3, 'A')]);
    expect(declarations.map((d) => d.lines)).toEqual([[3]]);
    expect(rejected).toEqual([{ line: 2, reference: null, field: 'reference', code: 'PREVENTION.NIR_KEY', message: 'reference : clé fausse.' }]);
  });
});

describe('rejectDeclaration', () => {
  it('a refusal of the i-th learner points at the reference’s i-th line; the others are refused with it', () => {
    const rejected = rejectDeclaration({ reference: 'A', lines: [3, 7, 9] }, [{ path: 'learners.1.employerSiret', code: 'PREVENTION.EMPLOYER_NOT_ACTIVE', message: 'inconnu.' }]);
    expect(rejected).toEqual([
      { line: 3, reference: 'A', field: null, code: 'PREVENTION.DECLARATION_REJECTED', message: expect.stringContaining('ligne 7') },
      { line: 7, reference: 'A', field: 'employerSiret', code: 'PREVENTION.EMPLOYER_NOT_ACTIVE', message: 'employerSiret : inconnu.' },
      { line: 9, reference: 'A', field: null, code: 'PREVENTION.DECLARATION_REJECTED', message: expect.stringContaining('ligne 7') },
    ]);
  });

  it('a refusal of the declaration (a date, no field) is every line’s', () => {
    expect(rejectDeclaration({ reference: 'A', lines: [3, 7] }, [{ path: 'trainingEnd', code: 'PREVENTION.DATE_FUTURE', message: 'à venir.' }])).toEqual([
      { line: 3, reference: 'A', field: 'trainingEnd', code: 'PREVENTION.DATE_FUTURE', message: 'trainingEnd : à venir.' },
      { line: 7, reference: 'A', field: 'trainingEnd', code: 'PREVENTION.DATE_FUTURE', message: 'trainingEnd : à venir.' },
    ]);
    expect(rejectDeclaration({ reference: 'A', lines: [3] }, [{ path: null, code: 'PREVENTION.NOT_OPEN_YET', message: 'Pas encore ouvert.' }])).toEqual([
      { line: 3, reference: 'A', field: null, code: 'PREVENTION.NOT_OPEN_YET', message: 'Pas encore ouvert.' },
    ]);
  });
});

describe('declarationCsvModel', () => {
  it('is a UTF-8 file with a BOM, ; separated: the header, then one example line whose NIR is valid', async () => {
    const model = declarationCsvModel();
    expect(model.startsWith('\uFEFF')).toBe(true);
    const entries = [];
    for await (const e of readCsv(Readable.from([Buffer.from(model, 'utf8')]))) entries.push(e);
    expect(entries).toEqual([
      { line: 1, fields: [...COLUMNS] },
      { line: 2, fields: COLUMNS.map((c) => MODEL_EXAMPLE[c]) },
    ]);
    expect(checkNir(MODEL_EXAMPLE.nir).ok).toBe(true);
    expect(parse().faults).toEqual([]);
  });
});
