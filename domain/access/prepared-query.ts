import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client as PgClient, QueryResultRow } from 'pg';

/**
 * Runs a named prepared statement on a pooled connection: PostgreSQL plans
 * it once per connection, then reuses the plan (for the hot decision path,
 * planning costs more than executing). Runs outside any transaction of `em`.
 */
export async function preparedQuery<R extends QueryResultRow>(em: EntityManager, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = em.getKnex().client;
  const connection: PgClient = await pool.acquireConnection();
  try {
    return (await connection.query<R>({ name, text, values })).rows;
  } finally {
    await pool.releaseConnection(connection);
  }
}
