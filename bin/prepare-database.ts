import path from 'node:path';
import { createOrm, migrate, type Orm } from '../platform/orm';
import { findProjectRoot } from '../platform/project-root';
import { resolveDatabase, type ResolvedDatabase } from './database';

export type Log = (msg: string) => void;

/** `.data/` under the project, or DATA_DIR. */
export const dataDir = (env = process.env) => env.DATA_DIR ?? path.join(findProjectRoot(), '.data');

/** The app's database, resolved as `npm start` does and migrated; the caller closes both. */
export async function openMigratedDatabase(log: Log): Promise<{ database: ResolvedDatabase; orm: Orm }> {
  const database = await resolveDatabase({ dataDir: dataDir(), log });
  const orm = await createOrm({ databaseUrl: database.url, poolMax: 2 });
  const applied = await migrate(orm);
  if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
  return { database, orm };
}

export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
