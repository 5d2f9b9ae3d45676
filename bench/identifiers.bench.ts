import { checkSiret, luhnValid } from '../domain/identifiers/identifiers.rules';
import { bestOf } from './measure';
import type { BenchResult } from './run';

/**
 * Full SIRET validation (cleaning, damage detection, messages) against the
 * bare Luhn sum, on 200,000 values like a file import: the ratio is the
 * price of the precise diagnostics per line.
 */
export function identifierBench(): BenchResult {
  const sirets = Array.from({ length: 200_000 }, (_, i) => String(73282932000000 + i * 7));
  let sink = 0;
  const bare = bestOf(5, () => {
    for (const s of sirets) if (luhnValid(s)) sink++;
  });
  const full = bestOf(5, () => {
    for (const s of sirets) if (checkSiret(s).ok) sink++;
  });
  return {
    name: 'siret-validation',
    baseline: 'luhn only',
    candidate: 'checkSiret',
    ratio: full / bare,
    detail: `${sirets.length} values, best of 5: ${bare.toFixed(1)} ms vs ${full.toFixed(1)} ms; ${sink} valid`,
  };
}
