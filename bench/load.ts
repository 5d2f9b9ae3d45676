import autocannon from 'autocannon';

/** What one load run measured: successful answers per second and their latency (exact percentiles, ms). */
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

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** POSTs as fast as `connections` clients can for `seconds`, each request built by `next`. */
export async function drive({ url, next, seconds, connections }: LoadOptions): Promise<Load> {
  const latencies: number[] = [];
  const run = autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, ...next() }) }],
  });
  run.on('response', (_client, status, _bytes, ms) => {
    if (status < 300) latencies.push(ms);
  });
  const result = await run;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: result['2xx'] / result.duration,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    answered: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
  };
}
