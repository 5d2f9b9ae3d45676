import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Account, AccountRole, AccountStatus } from '../../domain/account/account.entity';
import { OPERATOR } from '../../domain/seed/demo-data';
import { findProjectRoot } from '../../platform/project-root';
import { createTestDatabase } from '../helpers/database';

const script = path.join(findProjectRoot(__dirname), 'dist', 'bin', 'support-create.js');
let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database?.drop();
});

const run = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [script, ...args], {
    env: { ...process.env, DATABASE_URL: database.url, ...env },
    encoding: 'utf8',
    input: '',
  });

const args = ['--last-name', 'Dupont', '--first-name', 'Anne', '--email', 'anne.dupont@example.org'];

describe('npm run support:create', () => {
  it('creates an ACTIVE support account in the operator company and prints the SIRET', async () => {
    const res = run({ BACKOFFICE_PASSWORD: 'Support-Bootstrap-2026' }, ...args);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    expect(res.stdout).toContain(`SIRET ${OPERATOR.headOfficeSiret}`);
    const account = await database.orm.em.fork().findOneOrFail(Account, { lastName: 'Dupont' }, { populate: ['company'] });
    expect(account).toMatchObject({ role: AccountRole.SUPPORT, status: AccountStatus.ACTIVE, siret: OPERATOR.headOfficeSiret });
    expect(account.company.operator).toBe(true);
  });

  it('fails clearly the second time and changes nothing', async () => {
    const before = await database.orm.em.fork().count(Account, {});
    const res = run({ BACKOFFICE_PASSWORD: 'Another-Password-2026' }, ...args);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('SUPPORT.ALREADY_EXISTS');
    expect(await database.orm.em.fork().count(Account, {})).toBe(before);
  });

  it('refuses a weak password and missing arguments', () => {
    const weak = run({ BACKOFFICE_PASSWORD: 'short' }, '--last-name', 'Martin', '--first-name', 'Paul', '--email', 'paul@example.org');
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain('SUPPORT.INVALID');
    const missing = run({ BACKOFFICE_PASSWORD: 'Support-Bootstrap-2026' }, '--last-name', 'Martin');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('usage: npm run support:create');
  });
});
