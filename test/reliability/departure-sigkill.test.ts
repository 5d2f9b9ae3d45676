import type { TestWorkflowEnvironment } from '@temporalio/testing';
import pino from 'pino';
import { Client } from 'pg';
import { createApp } from '../../api/app';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import type { RightCell } from '../../domain/collaborators/collaborators.status';
import { Departure } from '../../domain/collaborators/departure.entity';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { cellKey, planTransfer } from '../../domain/collaborators/transfer.rules';
import { loadConfig } from '../../platform/config';
import { createPerson, createRightsCompany, grant, rightsOf, SERVICES, type RightsCompany } from '../helpers/collaborators.fixtures';
import { createTestDatabase } from '../helpers/database';
import { eventually, login } from '../helpers/integration';
import { createDevServerEnv } from '../helpers/time-skipping';
import { assertWorkerBuilt, workerProcesses } from '../helpers/worker-processes';

jest.setTimeout(300_000);

const RIGHTS = 5_000;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let temporal: TestWorkflowEnvironment;
let company: RightsCompany;
/** The workers (dist/worker/main.js); what they printed is shown if they never finish the departure. */
const workers = workerProcesses();

beforeAll(async () => {
  assertWorkerBuilt();
  db = await createTestDatabase();
  temporal = await createDevServerEnv();
  company = await createRightsCompany(db.orm, '815360113', RIGHTS / SERVICES.length);
});

afterAll(async () => {
  await workers.stopAll();
  await temporal?.teardown();
  await db?.drop();
});

/** The worker as `npm run worker` runs it, in its own process. */
const startWorker = () =>
  workers.startBuilt({ DATABASE_URL: db.url, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: 'default', SMTP_URL: '', LOG_LEVEL: 'warn' });

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await db.orm.em.fork().execute(text, params)) as T[];
}

const cells = (rights: RightCell[]) => rights.map((r) => `${cellKey(r)}:${r.portfolioId}:${+r.canDeclare}${+r.canPay}${+r.canConsult}`).sort();

describe('a worker killed (SIGKILL) while a departure with 5,000 rights is being applied', () => {
  it('another worker finishes it: exact union, no right lost or duplicated, one audit line per right', async () => {
    const admin = await createPerson(db.orm, company, 'ADMINISTRATOR');
    const leaver = await createPerson(db.orm, company, 'DECLARANT');
    const target = await createPerson(db.orm, company, 'DECLARANT');
    const all = company.sirets.flatMap((siret, n) =>
      SERVICES.map((serviceCode, s) => ({ portfolioId: company.portfolioIds[(n + s) % 2], siret, serviceCode, canDeclare: n % 2 === 0, canPay: s % 2 === 0, canConsult: true })),
    );
    const leaverRights = all.slice(0, RIGHTS);
    const targetRights = all.filter((_, n) => n % 5 === 0).map((r, n) => ({ ...r, portfolioId: company.portfolioIds[n % 2], canDeclare: !r.canDeclare, canPay: false, canConsult: n % 3 === 0 }));
    await grant(db.orm, leaver.id, leaverRights);
    await grant(db.orm, target.id, targetRights);
    const expected = planTransfer(leaverRights, targetRights);

    // Hold the leaver's row (rows referencing it may still be written): the apply step moves the 5,000 rights,
    // writes their audit lines, then blocks on radiating him.
    const holder = new Client({ connectionString: db.url });
    await holder.connect();
    await holder.query('begin');
    await holder.query('select id from account where id = $1 for no key update', [leaver.id]);

    const first = startWorker();
    const app = createApp({ orm: db.orm, temporal: temporal.client, config: loadConfig({ DATABASE_URL: db.url }), logger: pino({ level: 'silent' }) });
    const agent = await login(app, admin);
    const res = await agent.post('/api/departures').send({ accountId: leaver.id, effectiveDate: parisToday(new Date()), rights: { mode: 'TRANSFER', toAccountId: target.id } });
    expect(res.status).toBe(202);

    // Mid-apply: a backend of this database waits for our lock while holding its (uncommitted) writes to `habilitation`.
    await eventually(async () => {
      const [row] = await sql<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity a join pg_locks l on l.pid = a.pid
          where a.datname = current_database() and a.wait_event_type = 'Lock' and l.granted and l.relation = 'habilitation'::regclass and l.mode = 'RowExclusiveLock'`,
      );
      return row.n > 0 ? true : undefined;
    }, 120_000);
    await workers.kill(first);
    await holder.query('rollback');
    await holder.end();

    // Nothing of the killed attempt survives: its transaction died with its connection.
    await eventually(async () => {
      const [row] = await sql<{ n: number }>(`select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`);
      return row.n === 0 ? true : undefined;
    });
    expect(await rightsOf(db.orm, leaver.id)).toHaveLength(RIGHTS);
    expect(cells(await rightsOf(db.orm, target.id))).toEqual(cells(targetRights));
    expect(await db.orm.em.fork().count(AuditEvent, { action: 'HABILITATION.TRANSFERRED' })).toBe(0);

    startWorker();
    const done = await eventually(async () => {
      const departure = await db.orm.em.fork().findOneOrFail(Departure, res.body.id, { populate: ['rights'] });
      return departure.status === 'COMPLETED' ? departure : undefined;
    }, 180_000).catch((err: Error) => {
      throw new Error(`${err.message}; workers said:\n${workers.output}`);
    });

    expect(cells(await rightsOf(db.orm, target.id))).toEqual(cells(expected.union));
    const [dupes] = await sql<{ n: number }>('select count(*)::int as n from (select 1 from habilitation group by account_id, siret, service_code having count(*) > 1) d');
    expect(dupes.n).toBe(0);
    expect(await rightsOf(db.orm, leaver.id)).toEqual([]);
    expect((await db.orm.em.fork().findOneOrFail(Account, leaver.id)).status).toBe(AccountStatus.RADIATED);
    expect(done).toMatchObject({ transferred: RIGHTS, revoked: 0 });
    expect(done.rights!.map((r) => `${cellKey(r)}:${r.outcome}`).sort()).toEqual(expected.outcomes.map((o) => `${cellKey(o.right)}:${o.outcome}`).sort());
    expect(await db.orm.em.fork().count(AuditEvent, { action: 'HABILITATION.TRANSFERRED' })).toBe(RIGHTS);
    expect(await db.orm.em.fork().count(AuditEvent, { action: 'ACCOUNT.RADIATED', targetId: leaver.id })).toBe(1);
    expect(await db.orm.em.fork().count(AuditEvent, { action: 'DEPARTURE.COMPLETED', targetId: done.id })).toBe(1);
  });
});
