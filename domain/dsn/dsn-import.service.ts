import type { EntityManager } from '@mikro-orm/postgresql';
import { readCsv, type CsvEntry } from './dsn-csv.reader';
import { readHeader, valuesOf, type Check, type CsvHeader, type CsvLayout } from './dsn-csv.rules';
import { importBadHeader, importEmpty } from './dsn.errors';

/**
 * Streamed, idempotent import of a DSN facts file: every line checked, the
 * valid ones written in batches (a file is never held in memory), the others
 * reported with their line number and reason.
 */
export interface Importer<C extends string, L> {
  layout: CsvLayout<C>;
  check(values: Record<C, string>): Check<L>;
  /**
   * Writes one batch idempotently, but for the lines that what the database
   * holds refuses: how many rows were new, how many changed, and each line
   * refused (its index in the batch) with its reason.
   */
  write(em: EntityManager, lines: L[]): Promise<Written>;
}

export interface Written {
  inserted: number;
  updated: number;
  refused: Array<{ index: number; reason: string }>;
}

export interface Rejection {
  line: number;
  reason: string;
}

export interface ImportCounts {
  /** Valid lines, written or already there. */
  valid: number;
  imported: number;
  updated: number;
  rejectedCount: number;
}

export type ImportOutcome = 'OK' | 'PARTIAL' | 'KO';

export interface ImportReport {
  outcome: ImportOutcome;
  message: string;
  imported: number;
  updated: number;
  duplicates: number;
  /** The first REJECTIONS_LISTED rejected lines; rejectedCount has them all. */
  rejected: Rejection[];
  rejectedCount: number;
}

export const IMPORT_BATCH_ROWS = 5000;
export const REJECTIONS_LISTED = 1000;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n > 1 ? many : one}`;

/** OK (all applied), PARTIAL (valid lines applied, some rejected) or KO (nothing applied), said in words. */
export function importOutcome(c: ImportCounts): { outcome: ImportOutcome; message: string } {
  if (c.valid + c.rejectedCount === 0) return { outcome: 'KO', message: 'Aucune ligne de données après l’en-tête : rien n’a été appliqué.' };
  const duplicates = c.valid - c.imported - c.updated;
  const kinds = [plural(c.imported, 'nouvelle'), c.updated ? plural(c.updated, 'mise à jour', 'mises à jour') : '', plural(duplicates, 'déjà présente')];
  const applied = `${plural(c.valid, 'ligne valide appliquée', 'lignes valides appliquées')} (${kinds.filter(Boolean).join(', ')})`;
  const listed = c.rejectedCount > REJECTIONS_LISTED ? `, les ${REJECTIONS_LISTED} premières listées` : '';
  const rejected = `${plural(c.rejectedCount, 'ligne rejetée', 'lignes rejetées')} (motif par ligne dans « rejected »${listed})`;
  if (c.rejectedCount === 0) return { outcome: 'OK', message: `Import complet : ${applied}.` };
  if (c.valid === 0) return { outcome: 'KO', message: `Rien n’a été appliqué : ${rejected}.` };
  return { outcome: 'PARTIAL', message: `Import partiel : ${applied} ; ${rejected}, à corriger puis à renvoyer seules.` };
}

export async function importCsv<C extends string, L>(
  em: EntityManager,
  body: AsyncIterable<Buffer>,
  importer: Importer<C, L>,
  batchRows = IMPORT_BATCH_ROWS,
): Promise<ImportReport> {
  const counts: ImportCounts = { valid: 0, imported: 0, updated: 0, rejectedCount: 0 };
  const rejected: Rejection[] = [];
  let header: CsvHeader<C> | undefined;
  let batch: Array<{ line: number; value: L }> = [];
  /** The lines rejected since the last write, in line order, as many as may still be listed. */
  let pending: Rejection[] = [];
  /** Writes the batch; its refused lines join those rejected meanwhile, listed in line order. */
  const flush = async () => {
    const written = batch.length ? await importer.write(em, batch.map((b) => b.value)) : { inserted: 0, updated: 0, refused: [] };
    const refused = written.refused.map(({ index, reason }) => ({ line: batch[index].line, reason }));
    counts.valid += batch.length - refused.length;
    counts.imported += written.inserted;
    counts.updated += written.updated;
    counts.rejectedCount += refused.length;
    rejected.push(...[...pending, ...refused].sort((a, b) => a.line - b.line).slice(0, REJECTIONS_LISTED - rejected.length));
    batch = [];
    pending = [];
  };

  for await (const entry of readCsv(body)) {
    if (!header) {
      header = headerOf(importer, entry);
      continue;
    }
    const line: Check<L> = 'fields' in entry ? checkLine(importer, header, entry.fields) : { ok: false, reason: entry.unreadable };
    if (line.ok) {
      batch.push({ line: entry.line, value: line.value });
      if (batch.length >= batchRows) await flush();
    } else {
      counts.rejectedCount++;
      if (rejected.length + pending.length < REJECTIONS_LISTED) pending.push({ line: entry.line, reason: line.reason });
    }
  }
  if (!header) throw importEmpty(importer.layout.columns);
  await flush();
  return {
    ...importOutcome(counts),
    imported: counts.imported,
    updated: counts.updated,
    duplicates: counts.valid - counts.imported - counts.updated,
    rejected,
    rejectedCount: counts.rejectedCount,
  };
}

function headerOf<C extends string, L>(importer: Importer<C, L>, entry: CsvEntry): CsvHeader<C> {
  const read = 'fields' in entry ? readHeader(importer.layout, entry.fields) : ({ ok: false, reason: entry.unreadable } as const);
  if (!read.ok) throw importBadHeader(read.reason, importer.layout.columns);
  return read.value;
}

function checkLine<C extends string, L>(importer: Importer<C, L>, header: CsvHeader<C>, fields: string[]): Check<L> {
  const values = valuesOf(importer.layout, header, fields);
  return values.ok ? importer.check(values.value) : values;
}
