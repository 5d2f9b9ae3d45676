import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { resolveDatabase, type ResolvedDatabase } from '../bin/database';
import { dataDir } from '../platform/data-dir';
import { createOrm, migrate } from '../platform/orm';
import { generateAccessData } from './access-data';
import { questionSource, type Question } from './access-questions';
import { BARE_PATH, type ServerPorts } from './access-server';
import { drive, sideBySide, type Load } from './load';
import type { BenchResult } from './run';

/**
 * `npm run bench -- access`: POST /api/access/decisions on 100k SIRETs, 1M
 * habilitations and 200k DSN filings, against a bare Express handler on the
 * same stack, in one run. Target (issue 3): ratio ≥ 0.7 and p99 ≤ 5 ms.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Long enough for the decision cache to hold the questions' recurring (account, SIRET) pairs. */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 15);
const log = (msg: string) => process.stderr.write(`[access bench] ${msg}\n`);

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A database of its own on the server `npm start` would use (DATABASE_URL, local, or embedded), migrated. */
async function createBenchDatabase(server: ResolvedDatabase): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bo_bench_${randomBytes(5).toString('hex')}`;
  const maintenance = new URL(server.url);
  maintenance.pathname = '/postgres';
  await withClient(maintenance.toString(), (c) => c.query(`create database ${name}`));
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  const orm = await createOrm({ databaseUrl: url.toString(), poolMax: 1 });
  await migrate(orm);
  await orm.close(true);
  return {
    url: url.toString(),
    async drop() {
      await withClient(maintenance.toString(), (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function startServers(databaseUrl: string): Promise<{ child: ChildProcess; ports: ServerPorts }> {
  const child = fork(path.join(__dirname, 'access-server.js'), { env: { ...process.env, BENCH_DATABASE_URL: databaseUrl } });
  const [ports] = (await Promise.race([once(child, 'message'), once(child, 'exit').then(() => Promise.reject(new Error('bench server exited')))])) as [ServerPorts];
  return { child, ports };
}

interface CacheStats {
  hits: number;
  misses: number;
}

/** The decision cache's counters, asked of the server process. */
async function cacheStats(child: ChildProcess): Promise<CacheStats> {
  child.send('stats');
  const [{ stats }] = (await once(child, 'message')) as [{ stats: CacheStats }];
  return stats;
}

const request = (q: Question) => ({ headers: { 'content-type': 'application/json', authorization: `Bearer ${q.key}` }, body: q.body });

/** One decision asked outside the load, so a missing route or a refused key shows plainly instead of as a count of errors. */
async function preflight(url: string, q: Question): Promise<void> {
  const res = await fetch(url, { method: 'POST', ...request(q) });
  if (res.status !== 200) throw new Error(`POST ${url} answered ${res.status}: ${await res.text()}`);
}

const show = (what: string, l: Load) =>
  `${what} ${Math.round(l.perSecond)}/s, p50 ${l.p50.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms${l.failed ? `, ${l.failed} failed` : ''}`;

export async function accessBench(): Promise<BenchResult> {
  const server = await resolveDatabase({ dataDir: dataDir(), log });
  const database = await createBenchDatabase(server);
  let child: ChildProcess | undefined;
  try {
    const { data, next } = await withClient(database.url, async (c) => ({ data: await generateAccessData(c, log), next: await questionSource(c) }));
    const started = await startServers(database.url);
    child = started.child;
    const decisions = `http://127.0.0.1:${started.ports.api}/api/access/decisions`;
    const bare = `http://127.0.0.1:${started.ports.bare}${BARE_PATH}`;
    await preflight(decisions, next());
    const target = (url: string, connections = CONNECTIONS) => ({ url, connections, next: () => request(next()) });
    log(`warm-up ${WARM_UP_SECONDS} s, then ${SECONDS} s each in alternating 2-s rounds with ${CONNECTIONS} connections, then with one client (latency without queueing)`);
    await drive({ ...target(decisions), seconds: WARM_UP_SECONDS });
    const before = await cacheStats(child);
    const [baseline, candidate] = await sideBySide(target(bare), target(decisions), SECONDS);
    const after = await cacheStats(child);
    const [aloneBare, alone] = await sideBySide(target(bare, 1), target(decisions, 1), SECONDS);
    const hits = after.hits - before.hits;
    const hitRate = hits / (hits + after.misses - before.misses);
    return {
      name: 'access-decisions',
      baseline: 'bare express handler',
      candidate: 'POST /api/access/decisions',
      ratio: candidate.perSecond / baseline.perSecond,
      detail:
        `full speed: ${show('decisions', candidate)}; ${show('bare', baseline)}; ` +
        `one client: ${show('decisions', alone)}; ${show('bare', aloneBare)}; ` +
        `answered from the cache: ${(100 * hitRate).toFixed(1)} %; target ratio ≥ 0.7 and p99 ≤ 5 ms; data: ${data}`,
    };
  } finally {
    child?.kill();
    await database.drop();
    await server.stop();
  }
}
