import autocannon from 'autocannon';

/** What load runs measured: successful answers per second and their latency (exact percentiles, ms). */
export interface Load {
  perSecond: number;
  p50: number;
  p99: number;
  answered: number;
  failed: number;
}

export interface LoadOptions {
  url: string;
  /** Headers and JSON body of the next request. */
  next: () => { headers: Record<string, string>; body: string };
  seconds: number;
  connections: number;
}

/** One run, before its latencies are sorted. */
interface Run {
  seconds: number;
  answered: number;
  failed: number;
  latencies: number[];
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** POSTs as fast as `connections` clients can for `seconds`, each request built by `next`. */
async function run({ url, next, seconds, connections }: LoadOptions): Promise<Run> {
  const latencies: number[] = [];
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, ...next() }) }],
  }).on('response', (_client, status, _bytes, ms) => {
    if (status < 300) latencies.push(ms);
  });
  return { seconds: result.duration, answered: result['2xx'], failed: result.non2xx + result.errors + result.timeouts, latencies };
}

function summary(runs: Run[]): Load {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const answered = runs.reduce((n, r) => n + r.answered, 0);
  return {
    perSecond: answered / runs.reduce((s, r) => s + r.seconds, 0),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    answered,
    failed: runs.reduce((n, r) => n + r.failed, 0),
  };
}

/**
 * Drives two targets in alternating rounds of `round` seconds until each
 * had `seconds`, so that whatever else the machine does weighs on both alike.
 */
export async function sideBySide(
  a: Omit<LoadOptions, 'seconds'>,
  b: Omit<LoadOptions, 'seconds'>,
  seconds: number,
  round = 2,
): Promise<[Load, Load]> {
  const runsA: Run[] = [];
  const runsB: Run[] = [];
  for (let done = 0; done < seconds; done += round) {
    const length = Math.min(round, seconds - done);
    runsA.push(await run({ ...a, seconds: length }));
    runsB.push(await run({ ...b, seconds: length }));
  }
  return [summary(runsA), summary(runsB)];
}

/** One target for `seconds` (a warm-up). */
export async function drive(options: LoadOptions): Promise<Load> {
  return summary([await run(options)]);
}
