import { spawn } from 'node:child_process';
import { stopChild } from './processes';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/search-attributes';
import { resolveTemporalBinary } from './temporal-binaries';

/** CLI spelling of a search attribute type: KEYWORD → Keyword. */
const cliType = (type: string) => type.charAt(0) + type.slice(1).toLowerCase();

export interface DevServerOptions {
  port: number;
  uiPort?: number;
  /** Persist workflows in this SQLite file; in memory when omitted. */
  dbFilename?: string;
  log: (msg: string) => void;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` with our search attributes and waits
 * until it answers. The binary comes from the one resolution module; when it
 * cannot be had, the SDK's own download (@temporalio/testing) is the fallback.
 */
export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServer> {
  const cli = await resolveTemporalBinary('cli', { install: true, log: options.log });
  const address = `127.0.0.1:${options.port}`;
  const uiUrl = options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined;
  if (!cli) return startWithSdkDownload(options, address, uiUrl);

  const args = [
    'server',
    'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(options.port),
    '--log-level', 'error',
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    ...(options.dbFilename ? ['--db-filename', options.dbFilename] : []),
    ...SEARCH_ATTRIBUTE_KEYS.flatMap((key) => ['--search-attribute', `${key.name}=${cliType(key.type)}`]),
  ];
  options.log(`starting Temporal dev server (${cli.path}) on ${address}`);
  const child = spawn(cli.path, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`Temporal dev server exited with code ${code}: ${stderr.trim()}`))),
  );
  await Promise.race([waitUntilServing(address), exited]);
  exited.catch(() => undefined);
  return { address, uiUrl, stop: () => stopChild(child) };
}

async function waitUntilServing(address: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Temporal did not answer on ${address} within ${timeoutMs / 1000} s: ${String(err)}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

async function startWithSdkDownload(options: DevServerOptions, address: string, uiUrl?: string): Promise<DevServer> {
  options.log('no Temporal CLI available: letting @temporalio/testing download one');
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ip: '127.0.0.1',
      port: options.port,
      ui: !!options.uiPort,
      uiPort: options.uiPort,
      dbFilename: options.dbFilename,
      searchAttributes: SEARCH_ATTRIBUTE_KEYS,
    },
  });
  return { address, uiUrl, stop: () => env.teardown() };
}
