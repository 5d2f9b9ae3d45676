import { readCsv, type CsvEntry, type UnreadableCode } from '../dsn/dsn-csv.reader';
import { commit, noCounts, type PlanCounts, type PlannedCell } from './cell-plan';
import { FILE_CODES, type Reason } from './habilitation-file.reasons';
import { csvRow } from './habilitations-file.writer';
import type { PlannedChange, RejectedLine } from './planned-change';
import { damageOf, shapeOf, usedWidth, type Read } from './spreadsheet-cells.rules';

/**
 * A mass habilitation file read line by line into its plan: each line gives
 * its planned changes or its rejection at once, for the caller to write away
 * (the job's storage, in chunks), so that nothing but the portfolio's index
 * and one key per line (the duplicate check) is held while a file of a
 * million lines is read. A line is all or nothing: one bad cell rejects it.
 * Blank lines — empty, or only separators, as a spreadsheet leaves after the
 * data — are not lines: neither read nor rejected. A line's shape (a tab or
 * another separator than the header's) is told before its characters.
 */
export type LineResult = { changes: PlannedChange[] } | { rejected: RejectedLine };

export interface PlanReport {
  counts: PlanCounts;
  /** Why nothing may be applied whatever the lines say: header refused, empty file, reading stopped… */
  refusal: Reason | null;
}

const NOTHING: LineResult = { changes: [] };

const UNREADABLE: Record<UnreadableCode, string> = {
  QUOTE_NOT_CLOSED: FILE_CODES.quoteNotClosed,
  RECORD_TOO_LONG: FILE_CODES.recordTooLong,
  UNREADABLE: FILE_CODES.unreadable,
};

export abstract class FilePlan {
  private readonly counts: PlanCounts = noCounts();
  private headerFields: string[] | null = null;
  private refusal: Reason | null = null;
  private started = false;

  /** The first line that is not blank: a header read (or refused), or already data. */
  protected abstract first(fields: string[]): Read<'HEADER' | 'DATA'>;
  /** Columns of a data line; values further right make it too wide. */
  protected abstract width(): number;
  protected abstract columnName(position: number): string;
  protected abstract planLine(line: number, fields: string[]): Read<PlannedCell[]>;

  /** The header line's fields as read (the rejected lines' file starts with it); null without one. */
  get header(): string[] | null {
    return this.headerFields;
  }

  /** Once refused, the rest of the file needs no reading. */
  get stopped(): boolean {
    return this.refusal !== null;
  }

  read(entry: CsvEntry): LineResult {
    if (this.refusal) return NOTHING;
    if ('unreadable' in entry) return this.unreadable(entry.line, UNREADABLE[entry.code]);
    const { line, fields } = entry;
    if (usedWidth(fields) === 0) return NOTHING;
    if (!this.started) {
      this.started = true;
      const first = this.first(fields);
      if (!first.ok) {
        this.refusal = first.reason;
        return NOTHING;
      }
      if (first.value === 'HEADER') {
        this.headerFields = fields.slice(0, usedWidth(fields));
        return NOTHING;
      }
    }
    this.counts.linesRead++;
    const planned = this.check(line, fields);
    if (planned.ok) return { changes: commit(this.counts, planned.value) };
    this.counts.rejected++;
    return { rejected: { line, ...planned.reason, raw: csvRow(fields.slice(0, usedWidth(fields))) } };
  }

  report(): PlanReport {
    return { counts: { ...this.counts }, refusal: this.refusal ?? this.emptiness() };
  }

  private check(line: number, fields: string[]): Read<PlannedCell[]> {
    const fault = shapeOf(fields, this.width()) ?? damageOf(fields, (i) => this.columnName(i));
    return fault ? { ok: false, reason: fault } : this.planLine(line, fields);
  }

  /** A reading stopped by the parser: nothing is applied (the lines after it were never read), and the line says why. */
  private unreadable(line: number, code: string): LineResult {
    if (!this.started) {
      this.started = true;
      this.refusal = { code, params: { line } };
      return NOTHING;
    }
    this.counts.linesRead++;
    this.counts.rejected++;
    this.refusal = { code: FILE_CODES.readStopped, params: { line } };
    return { rejected: { line, code, params: {}, raw: '' } };
  }

  private emptiness(): Reason | null {
    if (!this.started) return { code: FILE_CODES.empty, params: {} };
    return this.counts.linesRead === 0 ? { code: FILE_CODES.noDataLine, params: {} } : null;
  }
}

/**
 * Reads a file (readCsv: `;` or `,`, UTF-8 or Windows-1252, BOM) into a
 * plan, handing every line that rejects or changes something to `onLine`
 * (awaited when it answers a promise); stops reading at a refusal.
 */
export async function planCsv(body: AsyncIterable<Buffer>, plan: FilePlan, onLine: (result: LineResult) => void | Promise<void>): Promise<PlanReport> {
  for await (const entry of readCsv(body)) {
    const result = plan.read(entry);
    const written = 'rejected' in result || result.changes.length ? onLine(result) : undefined;
    if (written) await written;
    if (plan.stopped) break;
  }
  return plan.report();
}
