import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createOrm, migrate, type Orm } from '../../platform/orm';
import { testEnv } from './test-env';

async function admin<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testEnv('pgServerUrl') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file, migrated like production; dropped by `drop()`. */
export async function createTestDatabase(): Promise<{ url: string; orm: Orm; drop(): Promise<void> }> {
  const name = `bo_test_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  const url = new URL(testEnv('pgServerUrl'));
  url.pathname = `/${name}`;
  const orm = await createOrm({ databaseUrl: url.toString(), poolMax: 5 });
  await migrate(orm);
  return {
    url: url.toString(),
    orm,
    async drop() {
      await orm.close(true);
      await admin((c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** Every value of every text, varchar, json and enum column of every table, as text: where a secret must not appear. */
export async function allTextInDatabase(orm: Orm): Promise<string> {
  const em = orm.em.fork();
  const columns = await em.execute<{ table_name: string; column_name: string }[]>(
    `select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'character varying', 'json', 'jsonb', 'USER-DEFINED')`,
  );
  const values: string[] = [];
  for (const { table_name, column_name } of columns) {
    const rows = await em.execute<{ v: string | null }[]>(`select "${column_name}"::text as v from "${table_name}"`);
    for (const { v } of rows) if (v) values.push(v);
  }
  return values.join('\n');
}
