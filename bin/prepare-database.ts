import { dataDir } from '../platform/data-dir';
import { createOrm, migrate, type Orm } from '../platform/orm';
import { resolveDatabase, type ResolvedDatabase } from './database';

export type Log = (msg: string) => void;

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
