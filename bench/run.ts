import { identifierBench } from './identifiers.bench';

/**
 * `npm run bench`: each benchmark measures two ways side by side in one run
 * and prints their ratio (never absolute timings compared across machines).
 */
export interface BenchResult {
  name: string;
  baseline: string;
  candidate: string;
  ratio: number;
  detail: string;
}

const benches: Array<() => Promise<BenchResult> | BenchResult> = [identifierBench];

async function main(): Promise<void> {
  for (const bench of benches) {
    const r = await bench();
    console.log(`${r.name}: ${r.candidate} / ${r.baseline} = ${r.ratio.toFixed(2)}  (${r.detail})`);
  }
}

void main();
