import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { Client } from 'pg';
import { resolveDatabase } from '../bin/database';
import { stopChild } from '../bin/processes';
import { startTemporalDevServer, type DevServer } from '../bin/temporal-dev-server';
import { calendarOf, MILESTONES, type MilestoneKey } from '../domain/soltea/calendar.rules';
import { dataDir } from '../platform/data-dir';
import { createOrm, migrate } from '../platform/orm';
import type { SolteaCampaignInput } from '../workflows/soltea-campaign/soltea-campaign.messages';
import { STEP, type WorkerAnswer, type WorkerCommand } from './campaign-fanout.protocol';
import type { BenchResult } from './run';

/**
 * `npm run bench -- campaign-fanout`: 50,000 reminders (issue 12) through
 * the campaign's fan-out — solteaCampaignWorkflow on a Temporal dev server
 * paging runStepPage on a worker — against the same activity called in a
 * plain loop (no Temporal), in one run, in the same worker process, each on
 * its own year's 50,000 balances. Also the per-item code in a plain loop (one
 * transaction per employer). Prints the ratio (target ≤ 2×) and the
 * worker's peak RSS.
 */
const EMPLOYERS = Number(process.env.BENCH_EMPLOYERS ?? 50_000);
const WARM_UP = 2_000;
const YEARS = { warmUp: 2050, fanOut: 2051, pageLoop: 2052, itemLoop: 2053 };
const log = (msg: string) => process.stderr.write(`[campaign-fanout bench] ${msg}\n`);

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `n` balances of a year, each with its contact address, written by PostgreSQL itself. */
const seed = (c: Client, year: number, n: number) =>
  c.query(
    `insert into soltea_balance (id, created_at, year, employer_siret, employer_siren, employer_name, region, amount_cents, contact_email, updated_at)
     select gen_random_uuid(), now(), $1, s.siret, left(s.siret, 9), 'Employeur ' || s.siret, '11', 10000 + s.i, s.siret || '@employeur.test', now()
       from (select i, '7' || lpad(i::text, 13, '0') as siret from generate_series(0, $2::int - 1) as i) s`,
    [year, n],
  );

/** A calendar whose 7-day reminder of period 1 is due now and everything after it in the future. */
function calendarDueNow(year: number) {
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const offsets = [-90, -60, -30, 3, 10, 12, 80, 90, 100, 110];
  return calendarOf(year, 'bench-due-now', Object.fromEntries(MILESTONES.map((k, i) => [k, day(offsets[i])])) as Record<MilestoneKey, string>, [7]);
}

async function ask(child: ChildProcess, command: WorkerCommand): Promise<WorkerAnswer> {
  child.send(command);
  const [answer] = (await Promise.race([once(child, 'message'), once(child, 'exit').then(() => Promise.reject(new Error('bench worker exited')))])) as [WorkerAnswer];
  return answer;
}

const rate = (n: number, ms: number) => `${Math.round((n * 1000) / ms)}/s`;

export async function campaignFanoutBench(): Promise<BenchResult> {
  const server = await resolveDatabase({ dataDir: dataDir(), log });
  const name = `bo_bench_${randomBytes(5).toString('hex')}`;
  const maintenance = new URL(server.url);
  maintenance.pathname = '/postgres';
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  let temporal: DevServer | undefined;
  let child: ChildProcess | undefined;
  await withClient(maintenance.toString(), (c) => c.query(`create database ${name}`));
  try {
    const orm = await createOrm({ databaseUrl: url.toString(), poolMax: 1 });
    await migrate(orm);
    await orm.close(true);
    await withClient(url.toString(), async (c) => {
      await seed(c, YEARS.warmUp, WARM_UP);
      for (const year of [YEARS.fanOut, YEARS.pageLoop, YEARS.itemLoop]) await seed(c, year, EMPLOYERS);
      await c.query('analyze');
    });
    log(`${EMPLOYERS} balances in each of 3 years; starting Temporal and the worker`);
    temporal = await startTemporalDevServer({ port: await freePort(), log });
    const taskQueue = `campaign-fanout-${randomUUID()}`;
    const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: { error: log, warn: () => undefined, info: () => undefined, debug: () => undefined, trace: () => undefined, log: () => undefined } });
    const bundle = path.join(await mkdtemp(path.join(os.tmpdir(), 'bo-bench-bundle-')), 'workflows.js');
    await writeFile(bundle, code);
    child = fork(path.join(__dirname, 'campaign-fanout-worker.js'), {
      env: { ...process.env, BENCH_DATABASE_URL: url.toString(), BENCH_TEMPORAL_ADDRESS: temporal.address, BENCH_TASK_QUEUE: taskQueue, BENCH_WORKFLOW_BUNDLE: bundle },
    });
    const [ready] = (await Promise.race([once(child, 'message'), once(child, 'exit').then(() => Promise.reject(new Error('bench worker exited')))])) as [WorkerAnswer];
    if (!('ready' in ready)) throw new Error('bench worker did not start');
    await ask(child, { run: 'page-loop', year: YEARS.warmUp });
    const idle = (await ask(child, { run: 'rss' })) as { maxRssMiB: number; rssMiB: number };

    log('fan-out: solteaCampaignWorkflow, pages of 500');
    const connection = await Connection.connect({ address: temporal.address });
    const client = new TemporalClient({ connection });
    const input: SolteaCampaignInput = { year: YEARS.fanOut, calendar: calendarDueNow(YEARS.fanOut), startedBy: null, pageSize: 500 };
    const handle = await client.workflow.start('solteaCampaignWorkflow', { taskQueue, workflowId: `soltea-bench-${randomUUID()}`, args: [input] });
    const run = await withClient(url.toString(), async (c) => {
      for (;;) {
        const { rows } = await c.query<{ status: string; ms: number }>(
          `select status, extract(epoch from ended_at - started_at) * 1000 as ms from soltea_run where year = $1 and step = $2`,
          [YEARS.fanOut, STEP],
        );
        if (rows[0]?.status === 'DONE') return { ms: Number(rows[0].ms) };
        await new Promise((r) => setTimeout(r, 200));
      }
    });
    // Let the step's last activity (the counts) finish before ending the workflow.
    for (;;) {
      const state = await handle.query<{ running: string | null; counts: { remindersSent: number } }>('status');
      if (state.running === null && state.counts.remindersSent === EMPLOYERS) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await handle.terminate('bench done');
    await connection.close();
    const rss = (await ask(child, { run: 'rss' })) as { maxRssMiB: number; rssMiB: number };

    log('the same activity in a plain loop');
    const pageLoop = (await ask(child, { run: 'page-loop', year: YEARS.pageLoop })) as { ms: number; sent: number };
    log('the per-item code in a plain loop');
    const itemLoop = (await ask(child, { run: 'item-loop', year: YEARS.itemLoop })) as { ms: number; sent: number };

    const counts = await withClient(url.toString(), async (c) => {
      const { rows } = await c.query<{ year: number; reminders: string; sent: string }>(
        `select r.year, count(*) as reminders, count(*) filter (where o.status = 'SENT') as sent
           from soltea_reminder r join outbox_message o on o.id = (r.outbox_ids->>0)::uuid
          where r.step = $1 group by r.year order by r.year`,
        [STEP],
      );
      return rows.map((r) => `${r.year}: ${r.reminders} reminders, ${r.sent} sent`).join('; ');
    });
    for (const year of [YEARS.fanOut, YEARS.pageLoop, YEARS.itemLoop]) {
      if (!counts.includes(`${year}: ${EMPLOYERS} reminders, ${EMPLOYERS} sent`)) throw new Error(`not every reminder was written and sent: ${counts}`);
    }
    return {
      name: 'campaign-fanout',
      baseline: 'runStepPage in a plain loop',
      candidate: 'solteaCampaignWorkflow fan-out',
      ratio: run.ms / pageLoop.ms,
      detail:
        `${EMPLOYERS} reminders, pages of 500: fan-out ${(run.ms / 1000).toFixed(1)} s (${rate(EMPLOYERS, run.ms)}), ` +
        `runStepPage loop ${(pageLoop.ms / 1000).toFixed(1)} s (${rate(EMPLOYERS, pageLoop.ms)}), ` +
        `per-item loop ${(itemLoop.ms / 1000).toFixed(1)} s (${rate(EMPLOYERS, itemLoop.ms)}; fan-out ÷ per-item loop = ${(run.ms / itemLoop.ms).toFixed(2)}); ` +
        `worker peak RSS ${Math.round(rss.maxRssMiB)} MiB after the fan-out (${Math.round(rss.rssMiB)} MiB then; ${Math.round(idle.rssMiB)} MiB started and warmed up); target ratio ≤ 2; ${counts}`,
    };
  } finally {
    if (child) await stopChild(child, 10_000);
    await temporal?.stop();
    await withClient(maintenance.toString(), (c) => c.query(`drop database if exists ${name} with (force)`));
    await server.stop();
  }
}
