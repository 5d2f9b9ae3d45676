import { createReadStream, readdirSync } from 'node:fs';
import path from 'node:path';
import { EstablishmentsFilePlan } from '../../domain/habilitation-files/establishments-file.plan';
import { planCsv, type FilePlan } from '../../domain/habilitation-files/file-plan';
import { HabilitationsFilePlan } from '../../domain/habilitation-files/habilitations-file.plan';
import { planOutcome } from '../../domain/habilitation-files/plan-outcome.rules';
import type { PortfolioIndex } from '../../domain/habilitation-files/portfolio-index';
import { index } from '../fixtures/habilitation-files/portfolio';

/**
 * The corpus of files as administrators' spreadsheets send them (issue 14),
 * each read from disk through readCsv and the file rules against the fixed
 * portfolio: its outcome, its counts, and each rejected line's number and
 * code. None throws. (Changes are handed on as lines are read, before the
 * outcome is known: a KO's — unclosed-quote.csv's line 2 — are never applied.)
 */
const DIR = path.join(__dirname, '..', 'fixtures', 'habilitation-files');
const PLANS: Record<'H' | 'E', (index: PortfolioIndex) => FilePlan> = {
  H: (i) => new HabilitationsFilePlan(i),
  E: (i) => new EstablishmentsFilePlan(i),
};

type Counts = [linesRead: number, rejected: number, added: number, removed: number, changed: number, unchanged: number];

const CORPUS: Array<[file: string, kind: 'H' | 'E', outcome: string, counts: Counts, rejected: Array<[number, string]>]> = [
  ['utf8-bom-semicolon-crlf.csv', 'H', 'OK', [3, 0, 2, 1, 1, 0], []],
  ['utf8-comma-lf.csv', 'H', 'OK', [2, 0, 1, 2, 0, 0], []],
  ['windows-1252-accents.csv', 'H', 'OK', [3, 0, 3, 0, 0, 0], []],
  ['trailing-empty-lines.csv', 'H', 'OK', [2, 0, 2, 0, 0, 0], []],
  ['too-many-columns.csv', 'H', 'PARTIAL', [2, 1, 1, 0, 0, 0], [[3, 'HABILITATION_FILE.TOO_MANY_COLUMNS']]],
  ['wrong-separator.csv', 'H', 'PARTIAL', [2, 1, 1, 0, 0, 0], [[2, 'HABILITATION_FILE.WRONG_SEPARATOR']]],
  [
    'excel-damaged-sirets.csv',
    'H',
    'PARTIAL',
    [4, 3, 1, 0, 0, 0],
    [
      [2, 'IDENTIFIER.SCIENTIFIC_NOTATION'],
      [3, 'IDENTIFIER.SCIENTIFIC_NOTATION'],
      [4, 'IDENTIFIER.SCIENTIFIC_NOTATION'],
    ],
  ],
  ['siret-13-digits.csv', 'H', 'PARTIAL', [2, 1, 0, 1, 0, 0], [[2, 'IDENTIFIER.LEADING_ZERO_LOST']]],
  ['duplicate-lines.csv', 'H', 'PARTIAL', [3, 1, 2, 0, 0, 0], [[4, 'HABILITATION_FILE.DUPLICATE_LINE']]],
  [
    'bad-values.csv',
    'H',
    'PARTIAL',
    [4, 3, 2, 0, 0, 0],
    [
      [2, 'HABILITATION_FILE.VALUE_INVALID'],
      [3, 'HABILITATION_FILE.VALUE_INVALID'],
      [4, 'HABILITATION_FILE.VALUE_INVALID'],
    ],
  ],
  [
    'control-characters.csv',
    'H',
    'PARTIAL',
    [3, 2, 1, 0, 0, 0],
    [
      [2, 'HABILITATION_FILE.CONTROL_CHARACTER'],
      [3, 'HABILITATION_FILE.CONTROL_CHARACTER'],
    ],
  ],
  ['mixed-encodings.csv', 'H', 'PARTIAL', [2, 1, 1, 0, 0, 0], [[2, 'HABILITATION_FILE.UNREADABLE_BYTES']]],
  ['mixed-encodings-utf8-in-1252.csv', 'H', 'PARTIAL', [2, 1, 1, 0, 0, 0], [[2, 'HABILITATION_FILE.MIXED_ENCODING']]],
  [
    'all-rejected.csv',
    'H',
    'KO HABILITATION_FILE.ALL_LINES_REJECTED',
    [3, 3, 0, 0, 0, 0],
    [
      [2, 'HABILITATION_FILE.SIRET_NOT_IN_PORTFOLIO'],
      [3, 'HABILITATION_FILE.DECLARANT_UNKNOWN'],
      [4, 'HABILITATION_FILE.VALUE_INVALID'],
    ],
  ],
  ['unclosed-quote.csv', 'H', 'KO HABILITATION_FILE.READ_STOPPED', [2, 1, 1, 0, 0, 0], [[3, 'HABILITATION_FILE.QUOTE_NOT_CLOSED']]],
  ['unknown-service-column.csv', 'H', 'KO HABILITATION_FILE.HEADER_UNKNOWN_COLUMNS', [0, 0, 0, 0, 0, 0], []],
  ['empty.csv', 'H', 'KO HABILITATION_FILE.EMPTY', [0, 0, 0, 0, 0, 0], []],
  ['header-only.csv', 'H', 'KO HABILITATION_FILE.NO_DATA_LINE', [0, 0, 0, 0, 0, 0], []],
  ['binary-garbage.xlsx', 'H', 'KO HABILITATION_FILE.CONTROL_CHARACTER', [0, 0, 0, 0, 0, 0], []],
  [
    'binary-garbage.xlsx',
    'E',
    'KO HABILITATION_FILE.ALL_LINES_REJECTED',
    [4, 4, 0, 0, 0, 0],
    [
      [1, 'HABILITATION_FILE.CONTROL_CHARACTER'],
      [2, 'HABILITATION_FILE.MIXED_ENCODING'],
      [3, 'HABILITATION_FILE.CONTROL_CHARACTER'],
      [4, 'HABILITATION_FILE.CONTROL_CHARACTER'],
    ],
  ],
  [
    'establishments.csv',
    'E',
    'PARTIAL',
    [4, 2, 4, 1, 0, 2],
    [
      [3, 'HABILITATION_FILE.SIRET_NOT_IN_PORTFOLIO'],
      [4, 'HABILITATION_FILE.VALUE_INVALID'],
    ],
  ],
  ['establishments-with-header.csv', 'E', 'PARTIAL', [2, 1, 6, 0, 0, 0], [[3, 'HABILITATION_FILE.DUPLICATE_LINE']]],
  ['establishments.csv', 'H', 'KO HABILITATION_FILE.HEADER_MISSING_COLUMNS', [0, 0, 0, 0, 0, 0], []],
];

describe('the corpus of habilitation files', () => {
  it('covers every file of the folder', () => {
    const files = readdirSync(DIR).filter((f) => !f.endsWith('.ts') && !f.startsWith('.'));
    expect(new Set(CORPUS.map(([file]) => file))).toEqual(new Set(files));
  });

  it.each(CORPUS)('%s read as %s → %s', async (file, kind, outcome, counts, rejected) => {
    const lines: Array<[number, string]> = [];
    let changes = 0;
    const report = await planCsv(createReadStream(path.join(DIR, file)), PLANS[kind](index()), (result) => {
      if ('rejected' in result) lines.push([result.rejected.line, result.rejected.code]);
      else changes += result.changes.length;
    });
    const { outcome: verdict, reason } = planOutcome(report);
    expect(verdict === 'KO' ? `KO ${reason?.code}` : verdict).toBe(outcome);
    const { linesRead, rejected: rejectedCount, added, removed, changed, unchanged } = report.counts;
    expect([linesRead, rejectedCount, added, removed, changed, unchanged]).toEqual(counts);
    expect(lines).toEqual(rejected);
    expect(changes).toBe(added + removed + changed);
  });
});
