/**
 * Coalesces the calls made in the same turn of the event loop into one call
 * of `run` (at most `maxBatch` items each), the DataLoader way: concurrent
 * requests that each need one row share one database round trip.
 */
export function microBatch<I, O>(run: (items: I[]) => Promise<O[]>, maxBatch: number): (item: I) => Promise<O> {
  let pending: Array<{ item: I; resolve: (value: O) => void; reject: (err: unknown) => void }> = [];

  function flush(): void {
    const batch = pending;
    pending = [];
    for (let start = 0; start < batch.length; start += maxBatch) {
      const slice = batch.slice(start, start + maxBatch);
      run(slice.map((p) => p.item)).then(
        (results) => slice.forEach((p, i) => p.resolve(results[i])),
        (err: unknown) => slice.forEach((p) => p.reject(err)),
      );
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ item, resolve, reject });
    });
}
