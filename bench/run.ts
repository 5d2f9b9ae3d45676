import { accessBench } from './access.bench';
import { campaignFanoutBench } from './campaign-fanout.bench';
import { habilitationPlanBench } from './habilitation-plan.bench';
import { identifierBench } from './identifiers.bench';

/**
 * `npm run bench [-- name…]`: each benchmark measures two ways side by side
 * in one run and prints their ratio (never absolute timings compared across
 * machines). No name: all of them.
 */
export interface BenchResult {
  name: string;
  baseline: string;
  candidate: string;
  ratio: number;
  detail: string;
}

const benches: Record<string, () => Promise<BenchResult> | BenchResult> = {
  identifiers: identifierBench,
  access: accessBench,
  'campaign-fanout': campaignFanoutBench,
  'habilitation-plan': habilitationPlanBench,
};

async function main(names: string[]): Promise<void> {
  const unknown = names.filter((n) => !(n in benches));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(', ')}; choose among: ${Object.keys(benches).join(', ')}`);
  for (const name of names.length ? names : Object.keys(benches)) {
    const r = await benches[name]();
    console.log(`${r.name}: ${r.candidate} / ${r.baseline} = ${r.ratio.toFixed(2)}  (${r.detail})`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
