import 'reflect-metadata';
import { DEMO_LOGINS, seedDemoData } from '../domain/seed/demo-data';
import { seedDemoRights } from '../domain/seed/demo-rights';
import { seedDemoSoltea } from '../domain/seed/demo-soltea';
import { demoPassword } from './demo';
import { openMigratedDatabase } from './prepare-database';

/** `npm run db:seed`: idempotent demo data. */
async function main(): Promise<void> {
  const { database, orm } = await openMigratedDatabase((msg) => console.log(msg));
  await seedDemoData(orm.em.fork(), demoPassword());
  await seedDemoRights(orm.em.fork());
  const solteaYear = await seedDemoSoltea(orm.em.fork());
  console.log(`demo data ready: ${DEMO_LOGINS.length} logins, SOLTéA ${solteaYear} (applications and balances)`);
  await orm.close();
  await database.stop();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
