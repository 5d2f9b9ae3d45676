import { randomUUID } from 'node:crypto';
import { Migration20261207200000_prevention_correction_request_recorded } from '../../domain/migrations/Migration20261207200000_prevention_correction_request_recorded';
import { PreventionCorrectionRequest, PreventionLearner } from '../../domain/prevention/prevention.entities';
import type { Orm } from '../../platform/orm';
import { createTestDatabase } from '../helpers/database';
import { declaredLines } from '../helpers/prevention.fixtures';

/**
 * The table of correction requests: down() then up() as the migrator runs
 * them (one transaction each), over lines that requests made before it sent
 * back — they are recorded from their lines.
 */
let db: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

async function run(orm: Orm, direction: 'up' | 'down'): Promise<void> {
  const migration = new Migration20261207200000_prevention_correction_request_recorded(orm.em.getDriver(), orm.config);
  await orm.em.getConnection().transactional(async (tx) => {
    migration.setTransactionContext(tx);
    await migration[direction]();
    for (const sql of migration.getQueries()) await migration.execute(sql as string);
  });
}

it('records each request made before from its lines (when, which employers, by whom); down() drops the table', async () => {
  const [a1, a2] = await declaredLines(db.orm, '552100554', '2026-Q1', ['PENDING_VERIFICATION', 'PENDING_VERIFICATION']);
  const [b1] = await declaredLines(db.orm, '732829320', '2026-Q1', ['PENDING_VERIFICATION']);
  const [c1] = await declaredLines(db.orm, '552100554', '2026-Q2', ['PENDING_VERIFICATION']);
  const [request, other, by] = [randomUUID(), randomUUID(), randomUUID()];
  const at = new Date('2026-05-04T08:30:00.000Z');
  await run(db.orm, 'down');
  const em = db.orm.em.fork();
  await em.nativeUpdate(PreventionLearner, { id: { $in: [a1, a2, b1] } }, { status: 'CORRECTION_REQUESTED', correctionRequestId: request, decidedAt: at, decidedBy: by });
  await em.nativeUpdate(PreventionLearner, { id: c1 }, { status: 'CORRECTION_REQUESTED', correctionRequestId: other, decidedAt: at, decidedBy: by });

  await run(db.orm, 'up');
  const rows = await db.orm.em.fork().find(PreventionCorrectionRequest, {}, { orderBy: { id: 'ASC' } });
  expect(rows.map((r) => ({ id: r.id, createdAt: r.createdAt, employerSirens: r.employerSirens, requestedBy: r.requestedBy }))).toEqual(
    [
      { id: request, createdAt: at, employerSirens: ['552100554', '732829320'], requestedBy: by },
      { id: other, createdAt: at, employerSirens: ['552100554'], requestedBy: by },
    ].sort((x, y) => (x.id < y.id ? -1 : 1)),
  );

  await run(db.orm, 'down');
  const [{ exists }] = await db.orm.em.fork().execute<{ exists: boolean }[]>(`select to_regclass('prevention_correction_request') is not null as exists`);
  expect(exists).toBe(false);
  await run(db.orm, 'up');
});
