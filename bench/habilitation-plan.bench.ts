import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readCsv } from '../domain/dsn/dsn-csv.reader';
import { planCsv } from '../domain/habilitation-files/file-plan';
import { HabilitationsFilePlan } from '../domain/habilitation-files/habilitations-file.plan';
import { habilitationsFileHeader } from '../domain/habilitation-files/habilitations-file.writer';
import { DEFAULT_RIGHTS } from '../domain/habilitation-files/planned-change';
import { PortfolioIndex } from '../domain/habilitation-files/portfolio-index';
import { luhnValid } from '../domain/identifiers/identifiers.rules';
import type { BenchResult } from './run';

/**
 * A 1,000,000-line habilitations file, generated chunk by chunk (never held
 * whole), planned against a portfolio of 2,000 SIRETs × 500 declarants
 * holding 100,000 habilitations, against reading the same file with the
 * CSV reader alone: the ratio is the price of the plan (checks, index
 * look-ups, duplicate keys) per line. The plan keeps the portfolio's index
 * and one key per line and hands each line's changes on (counted and
 * dropped here, as the job's storage writes them away in chunks): peak RSS
 * growth while planning (target ≤ 300 MB) and what the plan still holds
 * after a full collection are printed.
 */
const LINES = 1_000_000;
const SIRETS = 2_000;
const DECLARANTS = 500;
const SERVICES = ['MCF', 'PEPS'];
const HOLDER_SIRET = '84271640900011';
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** The i-th valid SIRET of SIREN 842716409. */
function siretOf(i: number): string {
  const head = `842716409${String(i).padStart(4, '0')}`;
  for (let key = 0; ; key++) if (luhnValid(head + key)) return head + key;
}

async function* file(sirets: string[]): AsyncGenerator<Buffer> {
  yield Buffer.from(habilitationsFileHeader(SERVICES), 'utf8');
  const block = 2_000;
  for (let start = 0; start < LINES; start += block) {
    let text = '';
    for (let i = start; i < start + block; i++) {
      const declarant = i % DECLARANTS;
      const mcf = i % 1_000 === 999 ? 'X' : i % 3 === 0 ? '1' : i % 3 === 1 ? 'DPC' : '0';
      text += `${sirets[Math.floor(i / DECLARANTS)]};${HOLDER_SIRET};Nom${declarant};Prénom${declarant};${mcf};${i % 2 ? 'c' : ''}\r\n`;
    }
    yield Buffer.from(text, 'utf8');
  }
}

function portfolioIndex(sirets: string[]): PortfolioIndex {
  const index = new PortfolioIndex({
    sirets,
    serviceCodes: SERVICES,
    declarants: Array.from({ length: DECLARANTS }, (_, d) => ({ accountId: `acc-${d}`, siret: HOLDER_SIRET, lastName: `Nom${d}`, firstName: `Prénom${d}` })),
  });
  for (let h = 0; h < 100_000; h++) index.addHabilitation({ accountId: `acc-${h % DECLARANTS}`, siret: sirets[Math.floor(h / DECLARANTS)], serviceCode: 'MCF', rights: DEFAULT_RIGHTS });
  return index;
}

export async function habilitationPlanBench(): Promise<BenchResult> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const sirets = Array.from({ length: SIRETS }, (_, i) => siretOf(i));

  let started = performance.now();
  let entries = 0;
  for await (const _ of readCsv(file(sirets))) entries++;
  const read = performance.now() - started;

  gc();
  const before = process.memoryUsage();
  const index = portfolioIndex(sirets);
  const indexed = process.memoryUsage().rss;
  const plan = new HabilitationsFilePlan(index);
  let peak = indexed;
  let changes = 0;
  let linesSeen = 0;
  started = performance.now();
  const report = await planCsv(file(sirets), plan, (result) => {
    if ('changes' in result) changes += result.changes.length;
    if (++linesSeen % 20_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  });
  const planned = performance.now() - started;
  peak = Math.max(peak, process.memoryUsage().rss);
  gc();
  const held = process.memoryUsage().heapUsed - before.heapUsed;
  if (report.counts.linesRead !== LINES || entries !== LINES + 1) throw new Error(`read ${entries} entries, planned ${report.counts.linesRead} lines of ${LINES}`);
  return {
    name: 'habilitation-plan',
    baseline: 'CSV reading alone',
    candidate: 'planning',
    ratio: planned / read,
    detail:
      `${LINES} lines: read ${(read / 1000).toFixed(1)} s, planned ${(planned / 1000).toFixed(1)} s; peak RSS growth while planning +${mb(peak - indexed)} MB (target ≤ 300), ` +
      `held at the end ${mb(held)} MB of heap (index and line keys); ${changes} changes, ${report.counts.rejected} lines rejected`,
  };
}
