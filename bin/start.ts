import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { stopChild } from './processes';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { seedDemoData } from '../domain/seed/demo-data';
import { seedDemoRights } from '../domain/seed/demo-rights';
import { seedDemoSoltea } from '../domain/seed/demo-soltea';
import { loadConfig } from '../platform/config';
import { findProjectRoot } from '../platform/project-root';
import { dataDir } from '../platform/data-dir';
import { openMigratedDatabase, redactUrl } from './prepare-database';
import { demoLoginTable, demoPassword } from './demo';
import { startTemporalDevServer, type DevServer } from './temporal-dev-server';

const log = (msg: string) => console.log(`[start] ${msg}`);
let stopping = false;

/**
 * `npm start`: PostgreSQL (yours, the local one or an embedded one), Temporal
 * (yours or a dev server persisted in .data/), migrations and demo data, then
 * the worker and the API (which serves the console) as child processes.
 */
async function main(): Promise<void> {
  const root = findProjectRoot();
  const data = dataDir();
  await mkdir(data, { recursive: true });
  const stops: Array<() => Promise<void>> = [];
  const children: ChildProcess[] = [];

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await Promise.all(children.map((child) => stopChild(child)));
    for (const stop of stops.reverse()) await stop().catch((err: Error) => log(`stop failed: ${err.message}`));
    log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  try {
    const { database, orm } = await openMigratedDatabase(log);
    stops.push(database.stop);
    log(`PostgreSQL: ${redactUrl(database.url)} (${database.source})`);
    await seedDemoData(orm.em.fork(), demoPassword());
    await seedDemoRights(orm.em.fork());
    const solteaYear = await seedDemoSoltea(orm.em.fork());
    log(`demo SOLTéA ${solteaYear}: applications and balances ready`);
    await orm.close();

    let temporal: Pick<DevServer, 'address' | 'uiUrl'> = { address: process.env.TEMPORAL_ADDRESS ?? '', uiUrl: process.env.TEMPORAL_UI_URL };
    if (!process.env.TEMPORAL_ADDRESS) {
      const server = await startTemporalDevServer({
        port: Number(process.env.TEMPORAL_PORT ?? 7233),
        uiPort: Number(process.env.TEMPORAL_UI_PORT ?? 8233),
        dbFilename: path.join(data, 'temporal.db'),
        log,
      });
      stops.push(server.stop);
      temporal = server;
    }
    log(`Temporal: ${temporal.address}`);

    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: temporal.address,
      ...(temporal.uiUrl ? { TEMPORAL_UI_URL: temporal.uiUrl } : {}),
    };
    const config = loadConfig(env);
    children.push(launch('worker', path.join(root, 'dist', 'worker', 'main.js'), env, shutdown));
    children.push(launch('api', path.join(root, 'dist', 'api', 'server.js'), env, shutdown));
    await waitForHealth(`http://127.0.0.1:${config.port}/api/health`);

    console.log(
      [
        '',
        'Back-office is running.',
        `  Console (and API):  ${config.publicUrl}`,
        `  OpenAPI document:   ${config.publicUrl}/api/openapi.json`,
        `  Temporal Web UI:    ${config.temporalUiUrl}`,
        '',
        'Demo logins (SIRET + nom + prénom + mot de passe):',
        demoLoginTable(demoPassword()),
        '',
        'Mail: every message is in the console under « Courriels envoyés ». Ctrl-C stops everything.',
        '',
      ].join('\n'),
    );
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    await shutdown(1);
  }
}

function launch(name: string, script: string, env: NodeJS.ProcessEnv, onExit: (code: number) => Promise<void>): ChildProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', script], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
  child.once('exit', (code, signal) => {
    if (!stopping && signal !== 'SIGTERM') {
      log(`${name} exited (${code ?? signal})`);
      void onExit(code || 1);
    }
  });
  return child;
}

async function waitForHealth(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the API did not become healthy at ${url}`);
}

void main();
