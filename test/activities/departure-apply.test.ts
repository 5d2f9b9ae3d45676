import { MockActivityEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { createDepartureActivities, type ApplyOutcome } from '../../activities/collaborators/departure.activities';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import type { RightCell } from '../../domain/collaborators/collaborators.status';
import { Departure } from '../../domain/collaborators/departure.entity';
import { cellKey, planTransfer } from '../../domain/collaborators/transfer.rules';
import { createTestDatabase } from '../helpers/database';
import { seededRandom } from '../../domain/shared/seeded-random';
import { createPerson, createRightsCompany, departureRow, grant, randomRights, rightsOf, type RightsCompany } from '../helpers/collaborators.fixtures';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let company: RightsCompany;
let activities: ReturnType<typeof createDepartureActivities>;

beforeAll(async () => {
  db = await createTestDatabase();
  company = await createRightsCompany(db.orm, '552100554', 12);
  activities = createDepartureActivities({ orm: db.orm });
});

afterAll(async () => {
  await db?.drop();
});

/** Runs the apply step as the departure workflow `workflowId` would (its step key depends on it). */
function apply(departure: Departure, toAccountId: string | null, workflowId = departure.workflowId): Promise<ApplyOutcome> {
  const env = new MockActivityEnvironment({ workflowExecution: { workflowId, runId: 'run-1' } });
  return env.run(activities.applyDeparture, { departureId: departure.id, toAccountId });
}

const sorted = (rights: RightCell[]) => rights.map((r) => JSON.stringify({ ...r, key: cellKey(r) })).sort();

describe('applyDeparture: the transfer produces exactly the union', () => {
  const random = seededRandom(20261126);
  const cases = Array.from({ length: 40 }, (_, n) => n);

  it.each(cases)('random case %i (overlapping sets, seeded)', async () => {
    const leaver = await createPerson(db.orm, company, 'DECLARANT');
    const target = await createPerson(db.orm, company, 'DECLARANT');
    const leaverRights = randomRights(random, company, Math.floor(random() * 30));
    const targetRights = randomRights(random, company, Math.floor(random() * 30));
    await grant(db.orm, leaver.id, leaverRights);
    await grant(db.orm, target.id, targetRights);

    const outcome = await apply(await departureRow(db.orm, company, leaver, target.id), target.id);

    const plan = planTransfer(leaverRights, targetRights);
    expect(outcome).toEqual({ applied: true, transferred: leaverRights.length, revoked: 0 });
    expect(sorted(await rightsOf(db.orm, target.id))).toEqual(sorted(plan.union));
    expect(await rightsOf(db.orm, leaver.id)).toEqual([]);
    const audit = await db.orm.em.fork().find(AuditEvent, { action: 'HABILITATION.TRANSFERRED', before: { accountId: leaver.id } } as never);
    expect(audit).toHaveLength(leaverRights.length);
    const report = (await db.orm.em.fork().findOneOrFail(Departure, { account: leaver.id }, { populate: ['rights'] })).rights!;
    expect(report.map((r) => `${cellKey(r)}:${r.outcome}`).sort()).toEqual(plan.outcomes.map((o) => `${cellKey(o.right)}:${o.outcome}`).sort());
  });
});

describe('applyDeparture', () => {
  it('radiates the account and ends its sessions in the same step; a retry changes nothing more', async () => {
    const leaver = await createPerson(db.orm, company, 'DECLARANT');
    await grant(db.orm, leaver.id, randomRights(seededRandom(7), company, 5));
    const em = db.orm.em.fork();
    await em.execute(`insert into session (token_hash, account_id, created_at, expires_at) values (?, ?, now(), now() + interval '1 day')`, [randomUUID().replace(/-/g, ''), leaver.id]);
    const departure = await departureRow(db.orm, company, leaver, null);

    expect(await apply(departure, null)).toEqual({ applied: true, transferred: 0, revoked: 5 });
    expect(await apply(departure, null)).toEqual({ applied: true, transferred: 0, revoked: 5 });

    const account = await db.orm.em.fork().findOneOrFail(Account, leaver.id);
    expect(account.status).toBe(AccountStatus.RADIATED);
    const [{ open }] = await em.execute(`select count(*)::int as open from session where account_id = ? and revoked_at is null`, [leaver.id]);
    expect(open).toBe(0);
    expect(await db.orm.em.fork().count(AuditEvent, { action: 'HABILITATION.REVOKED', before: { accountId: leaver.id } } as never)).toBe(5);
    expect(await db.orm.em.fork().count(AuditEvent, { action: 'ACCOUNT.RADIATED', targetId: leaver.id })).toBe(1);
  });

  it('two departures to the same target at once end with the exact union, no lost update, no duplicate', async () => {
    const random = seededRandom(99);
    const target = await createPerson(db.orm, company, 'DECLARANT');
    const [first, second] = [await createPerson(db.orm, company, 'DECLARANT'), await createPerson(db.orm, company, 'DECLARANT')];
    const [r1, r2, rt] = [randomRights(random, company, 25), randomRights(random, company, 25), randomRights(random, company, 10)];
    await grant(db.orm, first.id, r1);
    await grant(db.orm, second.id, r2);
    await grant(db.orm, target.id, rt);
    const [d1, d2] = [await departureRow(db.orm, company, first, target.id), await departureRow(db.orm, company, second, target.id)];

    await Promise.all([apply(d1, target.id), apply(d2, target.id)]);

    const expected = planTransfer(r2, planTransfer(r1, rt).union).union;
    expect(sorted(await rightsOf(db.orm, target.id))).toEqual(sorted(expected));
  });

  it('waits, changing nothing, while the target is not active', async () => {
    const leaver = await createPerson(db.orm, company, 'DECLARANT');
    const target = await createPerson(db.orm, company, 'DECLARANT');
    await db.orm.em.fork().nativeUpdate(Account, { id: target.id }, { status: AccountStatus.PENDING });
    await grant(db.orm, leaver.id, randomRights(seededRandom(3), company, 4));
    const outcome = await apply(await departureRow(db.orm, company, leaver, target.id), target.id);
    expect(outcome).toEqual({ applied: false, reason: expect.stringContaining('n’est pas actif') });
    expect(await rightsOf(db.orm, leaver.id)).toHaveLength(4);
    expect((await db.orm.em.fork().findOneOrFail(Account, leaver.id)).status).toBe(AccountStatus.ACTIVE);
  });

  it('the last administrator waits for his candidate successor, then leaves once the successor is validated', async () => {
    const other = await createRightsCompany(db.orm, '443061841', 2);
    const admin = await createPerson(db.orm, other, 'ADMINISTRATOR');
    const candidate = await createPerson(db.orm, other, 'CANDIDATE');
    const departure = await departureRow(db.orm, other, admin, null, candidate.id);
    const waiting = await apply(departure, null, departure.workflowId);
    expect(waiting).toEqual({ applied: false, reason: expect.stringContaining('successeur') });
    await db.orm.em.fork().nativeUpdate(Account, { id: candidate.id }, { adminStatus: 'ACTIVE' as never });
    expect(await apply(departure, null)).toMatchObject({ applied: true });
    expect((await db.orm.em.fork().findOneOrFail(Account, admin.id)).status).toBe(AccountStatus.RADIATED);
  });
});
