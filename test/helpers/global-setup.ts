import 'reflect-metadata';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { resolveDatabase } from '../../bin/database';
import { resolveTemporalBinary } from '../../bin/temporal-binaries';
import { findProjectRoot } from '../../platform/project-root';
import { TEST_ENV } from './test-env';

const log = (msg: string) => process.stderr.write(`[test setup] ${msg}\n`);

/**
 * Once per run: the Temporal binaries (resolved, installed if missing), a
 * PostgreSQL server (the local one, TEST_DATABASE_URL's, or an embedded one),
 * and the workflow bundle every worker in the tests shares.
 */
export default async function globalSetup(): Promise<void> {
  const root = findProjectRoot(__dirname);
  const [cli, testServer] = await Promise.all([
    resolveTemporalBinary('cli', { install: true, log }),
    resolveTemporalBinary('test-server', { install: true, log }),
  ]);
  if (cli) process.env[TEST_ENV.temporalCli] = cli.path;
  if (testServer) process.env[TEST_ENV.temporalTestServer] = testServer.path;

  const database = await resolveDatabase({
    dataDir: path.join(root, '.data', 'test'),
    log,
    env: process.env.TEST_DATABASE_URL ? { DATABASE_URL: process.env.TEST_DATABASE_URL } : {},
  });
  const server = new URL(database.url);
  server.pathname = '/postgres';
  process.env[TEST_ENV.pgServerUrl] = server.toString();
  (globalThis as { __stopTestDatabase?: () => Promise<void> }).__stopTestDatabase = database.stop;

  const { code } = await bundleWorkflowCode({
    workflowsPath: path.join(root, 'workflows', 'index.ts'),
    logger: { error: log, warn: () => undefined, info: () => undefined, debug: () => undefined, trace: () => undefined, log: () => undefined },
  });
  const bundlePath = path.join(await mkdtemp(path.join(os.tmpdir(), 'bo-bundle-')), 'workflows.js');
  await writeFile(bundlePath, code);
  process.env[TEST_ENV.workflowBundle] = bundlePath;
}
