import { isAscii } from 'node:buffer';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { CsvError, parse } from 'csv-parse';
import { detectDelimiter } from './dsn-csv.rules';

/**
 * Streams the records of a CSV file as French spreadsheets write it: `;` or
 * `,` (told by the header line), UTF-8 with or without BOM, or Windows-1252
 * (told by the first bytes that are not ASCII not being UTF-8). Nothing but
 * the current chunk is held in memory.
 */
export type CsvEntry = { line: number; fields: string[] } | { line: number; unreadable: string; code: UnreadableCode };

/** Why the reading stopped: a quote never closed, a record longer than MAX_RECORD_CHARS, or another parse failure. */
export type UnreadableCode = 'QUOTE_NOT_CLOSED' | 'RECORD_TOO_LONG' | 'UNREADABLE';

/** Longest record accepted (an unclosed quote would otherwise swallow the file). */
const MAX_RECORD_CHARS = 64 * 1024;

type Encoding = 'utf-8' | 'windows-1252';

/** UTF-8 when the first bytes that are not ASCII are a UTF-8 sequence (a Windows-1252 letter, é = 0xE9, followed by ASCII never is). */
function encodingOf(bytes: Uint8Array): Encoding {
  const at = bytes.findIndex((b) => b >= 0x80);
  const length = bytes[at] >= 0xf0 ? 4 : bytes[at] >= 0xe0 ? 3 : 2;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at, at + length), { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * Decodes chunk by chunk; the encoding is told by the first bytes that are
 * not ASCII (ASCII reads the same in both), so a file whose first lines are
 * plain ASCII is not taken for UTF-8 before its first accent, nor a UTF-8
 * file for Windows-1252 because of one line pasted from another file. Bytes
 * of the other encoding after that come out as U+FFFD (UTF-8) or as
 * mojibake (Windows-1252), for the line rules to report on their lines.
 */
class SpreadsheetDecoder {
  private decoder: TextDecoder | undefined;

  decode(chunk: Uint8Array): string {
    if (!this.decoder && isAscii(chunk)) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    this.decoder ??= new TextDecoder(encodingOf(chunk));
    return this.decoder.decode(chunk, { stream: true });
  }

  end(): string {
    return this.decoder?.decode() ?? '';
  }
}

async function readHead(chunks: AsyncIterator<Buffer>): Promise<Buffer> {
  const head: Buffer[] = [];
  let size = 0;
  for (let lineEnded = false; size < MAX_RECORD_CHARS && !lineEnded; ) {
    const next = await chunks.next();
    if (next.done) break;
    const chunk = Buffer.from(next.value);
    head.push(chunk);
    size += chunk.length;
    lineEnded = chunk.includes(0x0a);
  }
  return Buffer.concat(head);
}

async function* decoded(first: string, chunks: AsyncIterator<Buffer>, decoder: SpreadsheetDecoder): AsyncGenerator<string> {
  yield first;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    yield decoder.decode(next.value);
  }
  yield decoder.end();
}

const STOPPED = 'lecture arrêtée, les lignes suivantes n’ont pas été lues.';
const UNREADABLE: Partial<Record<CsvError['code'], { code: UnreadableCode; reason: string }>> = {
  CSV_QUOTE_NOT_CLOSED: { code: 'QUOTE_NOT_CLOSED', reason: 'ligne illisible : guillemet ouvert jamais fermé jusqu’à la fin du fichier.' },
  CSV_MAX_RECORD_SIZE: { code: 'RECORD_TOO_LONG', reason: `ligne de plus de ${MAX_RECORD_CHARS} caractères (guillemet jamais fermé ?) : ${STOPPED}` },
};

function unreadable(err: CsvError, line: number): CsvEntry {
  const known = UNREADABLE[err.code];
  return known ? { line, unreadable: known.reason, code: known.code } : { line, unreadable: `ligne illisible (${err.message}) : ${STOPPED}`, code: 'UNREADABLE' };
}

/**
 * With relaxed quotes and column counts, csv-parse fails only on an unclosed
 * quote (at the end of the file) or an endless record. Either ends the
 * reading, reported after the records parsed before it.
 */
export async function* readCsv(body: AsyncIterable<Buffer>): AsyncGenerator<CsvEntry> {
  const chunks = body[Symbol.asyncIterator]();
  const head = await readHead(chunks);
  if (!head.length) return;
  const decoder = new SpreadsheetDecoder();
  const first = decoder.decode(head);
  let failure: { afterRecords: number; err: CsvError } | undefined;
  const parser = parse({
    delimiter: detectDelimiter(first.split(/\r?\n/, 1)[0]),
    info: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    skip_records_with_error: true,
    on_skip: (err) => {
      failure ??= err && { afterRecords: parser.info.records, err };
      return undefined;
    },
  });
  const text = Readable.from(decoded(first, chunks, decoder));
  text.on('error', (err) => parser.destroy(err)).pipe(parser);
  let lastLine = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; records: number } }>) {
      if (failure && failure.afterRecords < info.records) break;
      lastLine = info.lines;
      yield { line: lastLine, fields: record.map((f) => f.trim()) };
    }
  } finally {
    text.destroy();
  }
  if (failure) yield unreadable(failure.err, lastLine + 1);
}
