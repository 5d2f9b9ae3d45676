import 'reflect-metadata';
import { DEMO_LOGINS, seedDemoData } from '../domain/seed/demo-data';
import { demoPassword } from './demo';
import { openMigratedDatabase } from './prepare-database';

/** `npm run db:seed`: idempotent demo data. */
async function main(): Promise<void> {
  const { database, orm } = await openMigratedDatabase((msg) => console.log(msg));
  await seedDemoData(orm.em.fork(), demoPassword());
  console.log(`demo data ready: ${DEMO_LOGINS.length} logins`);
  await orm.close();
  await database.stop();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
