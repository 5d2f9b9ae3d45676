import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createSupportAccount } from '../domain/account/support-account';
import { DomainError } from '../domain/shared/domain-error';
import { openMigratedDatabase } from './prepare-database';
import { askHidden } from './prompt';

const USAGE = 'usage: npm run support:create -- --last-name NAME --first-name NAME --email ADDR  (password from BACKOFFICE_PASSWORD, or asked)';

/** Operator bootstrap, like Django's createsuperuser. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { 'last-name': { type: 'string' }, 'first-name': { type: 'string' }, email: { type: 'string' } },
  });
  const lastName = values['last-name'];
  const firstName = values['first-name'];
  const email = values.email;
  if (!lastName || !firstName || !email) {
    console.error(USAGE);
    return 2;
  }
  const password = process.env.BACKOFFICE_PASSWORD ?? (process.stdin.isTTY ? await askHidden('Mot de passe : ') : undefined);
  if (!password) {
    console.error('No password: set BACKOFFICE_PASSWORD or run from a terminal.');
    return 2;
  }
  const { database, orm } = await openMigratedDatabase(() => undefined);
  try {
    const account = await createSupportAccount(orm.em.fork(), { lastName, firstName, email, password });
    console.log(`Support account created. Log in with SIRET ${account.siret}, last name ${account.lastName}, first name ${account.firstName}.`);
    return 0;
  } catch (err) {
    if (err instanceof DomainError) {
      console.error(`${err.code}: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await orm.close();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
