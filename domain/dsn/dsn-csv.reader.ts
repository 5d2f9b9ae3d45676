import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { CsvError, parse } from 'csv-parse';
import { detectDelimiter } from './dsn-csv.rules';

/**
 * Streams the records of a CSV file as French spreadsheets write it: `;` or
 * `,` (told by the header line), UTF-8 with or without BOM, or Windows-1252
 * (told by the first bytes not being UTF-8). Nothing but the current chunk
 * is held in memory.
 */
export type CsvEntry = { line: number; fields: string[] } | { line: number; unreadable: string };

/** Longest record accepted (an unclosed quote would otherwise swallow the file). */
const MAX_RECORD_CHARS = 64 * 1024;

type Encoding = 'utf-8' | 'windows-1252';

function encodingOf(head: Buffer): Encoding {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
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

async function* decoded(first: string, chunks: AsyncIterator<Buffer>, decoder: TextDecoder): AsyncGenerator<string> {
  yield first;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    yield decoder.decode(next.value, { stream: true });
  }
  yield decoder.decode();
}

const STOPPED = 'lecture arrêtée, les lignes suivantes n’ont pas été lues.';
const UNREADABLE: Partial<Record<CsvError['code'], string>> = {
  CSV_QUOTE_NOT_CLOSED: 'ligne illisible : guillemet ouvert jamais fermé jusqu’à la fin du fichier.',
  CSV_MAX_RECORD_SIZE: `ligne de plus de ${MAX_RECORD_CHARS} caractères (guillemet jamais fermé ?) : ${STOPPED}`,
};

function unreadable(err: CsvError, line: number): CsvEntry {
  return { line, unreadable: UNREADABLE[err.code] ?? `ligne illisible (${err.message}) : ${STOPPED}` };
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
  const decoder = new TextDecoder(encodingOf(head));
  const first = decoder.decode(head, { stream: true });
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
