import { Migration20261208100000_habilitation_jobs } from '../../domain/migrations/Migration20261208100000_habilitation_jobs';
import { Migration20261209100000_habilitation_job_header } from '../../domain/migrations/Migration20261209100000_habilitation_job_header';
import type { Orm } from '../../platform/orm';
import { createTestDatabase } from '../helpers/database';

/** The mass habilitation jobs' tables (their migration and the later ones on them): down() then up() as the migrator runs them (one transaction each, later ones first down). */
const MIGRATIONS = [Migration20261208100000_habilitation_jobs, Migration20261209100000_habilitation_job_header];
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

async function run(orm: Orm, direction: 'up' | 'down'): Promise<void> {
  for (const Made of direction === 'up' ? MIGRATIONS : [...MIGRATIONS].reverse()) {
    const migration = new Made(orm.em.getDriver(), orm.config);
    await orm.em.getConnection().transactional(async (tx) => {
      migration.setTransactionContext(tx);
      await migration[direction]();
      for (const sql of migration.getQueries()) await migration.execute(sql as string);
    });
  }
}

const objects = async (orm: Orm) =>
  orm.em.fork().execute<Array<{ name: string }>>(
    `select table_name as name from information_schema.tables where table_name like 'habilitation\\_job%'
     union all select typname from pg_type where typname like 'habilitation\\_job\\_%' or typname = 'habilitation_change_action' order by 1`,
  );

it('down() drops the jobs’ tables and types, up() makes them again as the entities describe them', async () => {
  const made = (await objects(db.orm)).map((o) => o.name);
  expect(made).toEqual(expect.arrayContaining(['habilitation_job', 'habilitation_job_change', 'habilitation_job_rejected_line', 'habilitation_change_action', 'habilitation_job_status']));
  await run(db.orm, 'down');
  expect(await objects(db.orm)).toEqual([]);
  await run(db.orm, 'up');
  expect((await objects(db.orm)).map((o) => o.name)).toEqual(made);
  const diff = await db.orm.schema.getUpdateSchemaSQL({ wrap: false, safe: true });
  expect(diff).not.toMatch(/habilitation_job|habilitation_change_action/);
});
