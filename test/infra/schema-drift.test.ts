import { createTestDatabase } from '../helpers/database';

/**
 * What the migrations make on purpose beyond the entities' metadata:
 * partial and expression indexes MikroORM cannot declare, and a column
 * default kept for rows written by SQL.
 */
const MADE_IN_SQL_ON_PURPOSE = [
  'drop index "employment_relation_employee_id_index";',
  'drop index "account_identity_key_unique";',
  'drop index "departure_one_pending_per_account";',
  'drop index "portfolio_one_company_portfolio";',
  'alter table "account" alter column "recent_failures" drop default;',
  'alter table "account" alter column "recent_failures" type jsonb using ("recent_failures"::jsonb);',
];

/**
 * The migrations build the schema the entities describe: a migration
 * forgotten or mistyped shows here as the SQL MikroORM would run to reach
 * the entities.
 */
describe('schema: migrations match the entities', () => {
  it('leaves nothing for the schema generator to create or alter', async () => {
    const db = await createTestDatabase();
    try {
      const diff = await db.orm.schema.getUpdateSchemaSQL({ wrap: false, safe: true });
      const lines = diff.split('\n').filter((l) => l.trim() && !/^set names|^set session_replication_role/i.test(l));
      expect(lines.filter((l) => !MADE_IN_SQL_ON_PURPOSE.includes(l))).toEqual([]);
    } finally {
      await db.drop();
    }
  });
});
