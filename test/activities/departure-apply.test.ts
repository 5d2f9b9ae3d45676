import { MockActivityEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { createDepartureActivities, type ApplyOutcome, type RadiationOutcome } from '../../activities/collaborators/departure.activities';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import type { DepartureWaitingReason, RightCell } from '../../domain/collaborators/collaborators.status';
import { Departure } from '../../domain/collaborators/departure.entity';
import { obsoleteRights } from '../../domain/collaborators/obsolete-rights';
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

/** The radiation at the date, while the rights wait for a new collaborator. */
function radiate(departure: Departure): Promise<RadiationOutcome> {
  const env = new MockActivityEnvironment({ workflowExecution: { workflowId: departure.workflowId, runId: 'run-1' } });
  return env.run(activities.radiateLeaver, { departureId: departure.id });
}

/** An open session of the account, as a login makes it. */
async function openSession(accountId: string): Promise<void> {
  await db.orm.em.fork().execute(`insert into session (token_hash, account_id, created_at, expires_at) values (?, ?, now(), now() + interval '1 day')`, [randomUUID().replace(/-/g, ''), accountId]);
}

async function openSessions(accountId: string): Promise<number> {
  const [{ open }] = await db.orm.em.fork().execute(`select count(*)::int as open from session where account_id = ? and revoked_at is null`, [accountId]);
  return open;
}

const statusOf = async (accountId: string) => (await db.orm.em.fork().findOneOrFail(Account, accountId)).status;
const radiations = (accountId: string) => db.orm.em.fork().count(AuditEvent, { action: 'ACCOUNT.RADIATED', targetId: accountId });
/** Whether the clean-up of obsolete rights would list (and remove) some of the account's rights. */
const listedObsolete = async (c: RightsCompany, accountId: string) => (await obsoleteRights(db.orm.em.fork(), c.companyId, null)).some((r) => r.accountId === accountId);

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
    await openSession(leaver.id);
    const departure = await departureRow(db.orm, company, leaver, null);

    expect(await apply(departure, null)).toEqual({ applied: true, transferred: 0, revoked: 5 });
    expect(await apply(departure, null)).toEqual({ applied: true, transferred: 0, revoked: 5 });

    expect(await statusOf(leaver.id)).toBe(AccountStatus.RADIATED);
    expect(await openSessions(leaver.id)).toBe(0);
    expect(await db.orm.em.fork().count(AuditEvent, { action: 'HABILITATION.REVOKED', before: { accountId: leaver.id } } as never)).toBe(5);
    expect(await radiations(leaver.id)).toBe(1);
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

  it('while the target is not active: radiates the leaver at the date all the same, holds his rights, moves them once the target is active', async () => {
    const leaver = await createPerson(db.orm, company, 'DECLARANT');
    const target = await createPerson(db.orm, company, 'DECLARANT');
    await db.orm.em.fork().nativeUpdate(Account, { id: target.id }, { status: AccountStatus.PENDING });
    const rights = randomRights(seededRandom(3), company, 4);
    await grant(db.orm, leaver.id, rights);
    await openSession(leaver.id);
    const departure = await departureRow(db.orm, company, leaver, target.id);
    await db.orm.em.fork().nativeUpdate(Departure, { id: departure.id }, { status: 'WAITING_FOR_TARGET' });

    const inactive = { code: 'TARGET_INACTIVE', params: { firstName: target.firstName, lastName: target.lastName, status: AccountStatus.PENDING } };
    expect(await apply(departure, target.id)).toEqual({ applied: false, reason: inactive, radiated: true });
    expect(await apply(departure, target.id)).toMatchObject({ applied: false, radiated: true });
    expect(await statusOf(leaver.id)).toBe(AccountStatus.RADIATED);
    expect(await openSessions(leaver.id)).toBe(0);
    expect(await rightsOf(db.orm, leaver.id)).toHaveLength(4);
    expect(await listedObsolete(company, leaver.id)).toBe(false);

    await db.orm.em.fork().nativeUpdate(Account, { id: target.id }, { status: AccountStatus.ACTIVE });
    expect(await apply(departure, target.id)).toEqual({ applied: true, transferred: 4, revoked: 0 });
    expect(sorted(await rightsOf(db.orm, target.id))).toEqual(sorted(rights));
    expect(await rightsOf(db.orm, leaver.id)).toEqual([]);
    expect(await radiations(leaver.id)).toBe(1);
  });

  it('recordDepartureState: the waiting reason is stored as its code with parameters (read model and audit), never as a sentence', async () => {
    const leaver = await createPerson(db.orm, company, 'DECLARANT');
    const departure = await departureRow(db.orm, company, leaver, null);
    const reason: DepartureWaitingReason = { code: 'NEWCOMER_NOT_CONFIRMED', params: {} };
    const env = new MockActivityEnvironment({ workflowExecution: { workflowId: departure.workflowId, runId: 'run-1' } });
    await env.run(activities.recordDepartureState, {
      departureId: departure.id,
      step: 'step-1',
      action: 'DEPARTURE.WAITING_FOR_TARGET',
      status: 'WAITING_FOR_TARGET' as const,
      effectiveDate: departure.effectiveDate,
      waitingReason: reason,
      details: { reason },
    });
    expect((await db.orm.em.fork().findOneOrFail(Departure, departure.id)).waitingReason).toEqual(reason);
    const [event] = await db.orm.em.fork().find(AuditEvent, { action: 'DEPARTURE.WAITING_FOR_TARGET', targetId: departure.id });
    expect(event.after).toMatchObject({ status: 'WAITING_FOR_TARGET', waitingReason: reason, reason });
  });

  it('radiateLeaver: at the date the leaver is radiated (sessions ended), his rights held for the new collaborator; once only', async () => {
    const leaver = await createPerson(db.orm, company, 'DECLARANT');
    await grant(db.orm, leaver.id, randomRights(seededRandom(4), company, 6));
    await openSession(leaver.id);
    const departure = await departureRow(db.orm, company, leaver, null);
    await db.orm.em.fork().nativeUpdate(Departure, { id: departure.id }, { status: 'WAITING_FOR_TARGET' });

    expect(await radiate(departure)).toEqual({ radiated: true });
    expect(await radiate(departure)).toEqual({ radiated: true });
    expect(await statusOf(leaver.id)).toBe(AccountStatus.RADIATED);
    expect(await openSessions(leaver.id)).toBe(0);
    expect(await rightsOf(db.orm, leaver.id)).toHaveLength(6);
    expect(await listedObsolete(company, leaver.id)).toBe(false);
    const [event] = await db.orm.em.fork().find(AuditEvent, { action: 'ACCOUNT.RADIATED', targetId: leaver.id });
    expect(event.after).toMatchObject({ status: AccountStatus.RADIATED, departureId: departure.id, sessionsRevoked: 1, rightsHeld: 6 });
    expect(await radiations(leaver.id)).toBe(1);
  });

  it('the last administrator waits for his candidate successor, then leaves once the successor is validated', async () => {
    const other = await createRightsCompany(db.orm, '443061841', 2);
    const admin = await createPerson(db.orm, other, 'ADMINISTRATOR');
    const candidate = await createPerson(db.orm, other, 'CANDIDATE');
    const departure = await departureRow(db.orm, other, admin, null, candidate.id);
    const waiting = await apply(departure, null, departure.workflowId);
    const reason = { code: 'SUCCESSOR_NOT_VALIDATED', params: { firstName: candidate.firstName, lastName: candidate.lastName } };
    expect(waiting).toEqual({ applied: false, reason });
    expect(await radiate(departure)).toEqual({ radiated: false, reason });
    expect(await statusOf(admin.id)).toBe(AccountStatus.ACTIVE);
    await db.orm.em.fork().nativeUpdate(Account, { id: candidate.id }, { adminStatus: 'ACTIVE' as never });
    expect(await apply(departure, null)).toMatchObject({ applied: true });
    expect(await statusOf(admin.id)).toBe(AccountStatus.RADIATED);
  });
});

describe('a waiting reason written before codes', () => {
  it('is kept by the migration as LEGACY_TEXT with its sentence, readable by the console', async () => {
    const leaver = await createPerson(db.orm, company, 'DECLARANT');
    const departure = await departureRow(db.orm, company, leaver, null);
    const sentence = 'Le destinataire des droits n’existe plus : réattribuez-les à un autre collaborateur ou révoquez-les.';
    const migrator = db.orm.getMigrator();
    await migrator.down({ to: 'Migration20261202110000_held_letters' });
    try {
      await db.orm.em.fork().execute(`update departure set waiting_reason = ? where id = ?`, [sentence, departure.id]);
    } finally {
      await migrator.up();
    }
    expect((await db.orm.em.fork().findOneOrFail(Departure, departure.id)).waitingReason).toEqual({ code: 'LEGACY_TEXT', params: { text: sentence } });
  });
});
