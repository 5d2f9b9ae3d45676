import 'reflect-metadata';
import { openMigratedDatabase } from './prepare-database';

/** `npm run db:migrate`: applies pending migrations to the app's database. */
async function main(): Promise<void> {
  const { database, orm } = await openMigratedDatabase((msg) => console.log(msg));
  const executed = await orm.getMigrator().getExecutedMigrations();
  console.log(`database up to date (${executed.length} migrations, ${database.source})`);
  await orm.close();
  await database.stop();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
