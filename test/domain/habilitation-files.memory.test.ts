import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { planCsv } from '../../domain/habilitation-files/file-plan';
import { HabilitationsFilePlan } from '../../domain/habilitation-files/habilitations-file.plan';
import { habilitationsFileHeader } from '../../domain/habilitation-files/habilitations-file.writer';
import { DEFAULT_RIGHTS } from '../../domain/habilitation-files/planned-change';
import { PortfolioIndex } from '../../domain/habilitation-files/portfolio-index';
import { luhnValid } from '../../domain/identifiers/identifiers.rules';

/**
 * A 1,000,000-line habilitations file, generated chunk by chunk (never held
 * whole), planned against a portfolio of 2,000 SIRETs × 500 declarants
 * holding 100,000 habilitations: the plan keeps the portfolio's index and
 * one key per line, and hands each line's changes on (here counted and
 * dropped, as the job's storage writes them away in chunks). Peak RSS
 * growth while reading (garbage not yet collected included) is printed and
 * must stay under 300 MB; what the plan still holds at the end, measured
 * after a full collection, under 100 MB.
 */
const LINES = 1_000_000;
const SIRETS = 2_000;
const DECLARANTS = 500;
const SERVICES = ['MCF', 'PEPS'];
const HOLDER_SIRET = '84271640900011';
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

/** A full collection, so that heapUsed is what is still referenced. */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

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

describe('planning a 1,000,000-line habilitations file', () => {
  it('holds the index and one key per line, not the file: peak RSS growth under 300 MB', async () => {
    const sirets = Array.from({ length: SIRETS }, (_, i) => siretOf(i));
    gc();
    const before = process.memoryUsage();
    const index = new PortfolioIndex({
      sirets,
      serviceCodes: SERVICES,
      declarants: Array.from({ length: DECLARANTS }, (_, d) => ({ accountId: `acc-${d}`, siret: HOLDER_SIRET, lastName: `Nom${d}`, firstName: `Prénom${d}` })),
    });
    for (let h = 0; h < 100_000; h++) index.addHabilitation({ accountId: `acc-${h % DECLARANTS}`, siret: sirets[Math.floor(h / DECLARANTS)], serviceCode: 'MCF', rights: DEFAULT_RIGHTS });
    const indexed = process.memoryUsage().rss;
    const plan = new HabilitationsFilePlan(index);

    let peak = indexed;
    let changes = 0;
    let linesSeen = 0;
    const started = Date.now();
    const report = await planCsv(file(sirets), plan, (result) => {
      if ('changes' in result) changes += result.changes.length;
      if (++linesSeen % 20_000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    });
    peak = Math.max(peak, process.memoryUsage().rss);
    const seconds = (Date.now() - started) / 1000;
    gc();
    const held = process.memoryUsage().heapUsed - before.heapUsed;
    process.stdout.write(
      `[habilitation-files] ${LINES} lines planned in ${seconds.toFixed(1)} s: index +${mb(indexed - before.rss)} MB RSS, peak RSS growth while reading +${mb(peak - indexed)} MB (peak ${mb(peak)} MB), held at the end (index and line keys) ${mb(held)} MB of heap; ${changes} changes, counts ${JSON.stringify(report.counts)}\n`,
    );

    expect(report.refusal).toBeNull();
    expect(report.counts.linesRead).toBe(LINES);
    expect(report.counts.rejected).toBe(LINES / 1_000);
    expect(changes).toBe(report.counts.added + report.counts.removed + report.counts.changed);
    expect(peak - indexed).toBeLessThan(300 * 2 ** 20);
    expect(held).toBeLessThan(100 * 2 ** 20);
    expect(plan.stopped).toBe(false);
  }, 180_000);
});
