import { performance } from 'node:perf_hooks';

/** Best of `rounds` timings of `fn` (ms), after one warm-up round. */
export function bestOf(rounds: number, fn: () => void): number {
  fn();
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
