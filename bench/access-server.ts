import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import express, { type Express } from 'express';
import pino from 'pino';
import { startAccessCache } from '../api/access/access-cache';
import { createApp } from '../api/app';
import { loadConfig } from '../platform/config';
import { createOrm } from '../platform/orm';

/**
 * Child process of the access benchmark (the load generator runs in the
 * parent, so both do not share one event loop): the real API on the bench
 * database, and a bare Express handler on the same stack (express.json and an
 * async handler answering a constant decision). Sends its ports when ready.
 */
export interface ServerPorts {
  api: number;
  bare: number;
}

export const BARE_PATH = '/bare';

function listen(app: Express): Promise<number> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  if (!databaseUrl || !process.send) throw new Error('started by bench/access.bench.ts only');
  const orm = await createOrm({ databaseUrl });
  // Decisions never reach Temporal: a lazy connection that is never opened.
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:7233' }) });
  const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'silent' });
  const accessCache = await startAccessCache({ databaseUrl, orm, logger });
  const api = createApp({ orm, temporal, config: loadConfig({ DATABASE_URL: databaseUrl }), logger, accessCache });
  const bare = express()
    .use(express.json())
    .post(BARE_PATH, async (_req, res) => {
      res.json({ allowed: true, basis: 'EXPLICIT_HABILITATION', reason: null });
    });
  const ports: ServerPorts = { api: await listen(api), bare: await listen(bare) };
  process.on('message', (message) => {
    if (message === 'stats') process.send!({ stats: accessCache.cache.stats() });
  });
  process.send(ports);
  process.on('SIGTERM', () => process.exit(0));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
