/** What campaign-fanout.bench.ts and its worker process say to each other. */
export const STEP = 'REMINDER_PERIOD1_7';

export type WorkerCommand = { run: 'page-loop' | 'item-loop'; year: number } | { run: 'rss' } | { run: 'stop' };
export type WorkerAnswer = { ms: number; sent: number } | { maxRssMiB: number; rssMiB: number } | { ready: true };
