import { ApplicationFailure } from '@temporalio/common';
import { createPreventionWindowActivities, type PreventionWindowActivities, type WindowRecord } from '../../activities/prevention/window.activities';
import { AuditEvent, SYSTEM_ACTOR } from '../../domain/audit/audit-event.entity';
import type { QuarterKey } from '../../domain/prevention/declaration-dates.rules';
import { PreventionLearner, PreventionWindow, type LearnerStatus } from '../../domain/prevention/prevention.entities';
import { createTestDatabase } from '../helpers/database';
import { declaredLines, nirWithKey } from '../helpers/prevention.fixtures';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let window: PreventionWindowActivities;

beforeAll(async () => {
  db = await createTestDatabase();
  window = createPreventionWindowActivities({ orm: db.orm });
});

afterAll(async () => {
  await db?.drop();
});

const em = () => db.orm.em.fork();
const SIREN = '552100554';
const OTHER_SIREN = '732829320';

const declare = (siren: string, quarter: QuarterKey, statuses: LearnerStatus[]) => declaredLines(db.orm, siren, quarter, statuses);

async function statusesOf(ids: string[]): Promise<{ status: LearnerStatus; decided: boolean }[]> {
  const rows = await em().find(PreventionLearner, { id: { $in: ids } }, { fields: ['id', 'status', 'decidedAt'] });
  return ids.map((id) => rows.find((r) => r.id === id)!).map((r) => ({ status: r.status, decided: r.decidedAt != null }));
}

/** Every page the workflow would ask for, until one says there is no more. */
async function allPages(siren: string, quarter: QuarterKey, limit: number) {
  const pages: { updated: number; more: boolean }[] = [];
  for (;;) {
    const page = await window.deemVerifiedPage({ employerSiren: siren, quarter, limit });
    pages.push(page);
    if (!page.more) return pages;
  }
}

describe('deemVerifiedPage', () => {
  it('deems verified exactly the lines of that SIREN and quarter still awaiting verification, in pages of `limit`; a second run finds none', async () => {
    const pending = await declare(SIREN, '2026-Q1', ['PENDING_VERIFICATION', 'PENDING_VERIFICATION', 'PENDING_VERIFICATION']);
    const decided = await declare(SIREN, '2026-Q1', ['VERIFIED', 'CORRECTION_REQUESTED', 'EMPLOYER_DECLARED', 'PENDING_VERIFICATION', 'PENDING_VERIFICATION']);
    const otherSiren = await declare(OTHER_SIREN, '2026-Q1', ['PENDING_VERIFICATION', 'PENDING_VERIFICATION']);
    const otherQuarter = await declare(SIREN, '2026-Q2', ['PENDING_VERIFICATION']);

    expect(await allPages(SIREN, '2026-Q1', 2)).toEqual([
      { updated: 2, more: true, deemed: 2 },
      { updated: 2, more: true, deemed: 4 },
      { updated: 1, more: true, deemed: 5 },
      { updated: 0, more: false, deemed: 5 },
    ]);
    const deemed = { status: 'DEEMED_VERIFIED', decided: true };
    expect(await statusesOf(pending)).toEqual([deemed, deemed, deemed]);
    expect(await statusesOf(decided)).toEqual([
      { status: 'VERIFIED', decided: false },
      { status: 'CORRECTION_REQUESTED', decided: false },
      { status: 'EMPLOYER_DECLARED', decided: false },
      deemed,
      deemed,
    ]);
    expect(await statusesOf([...otherSiren, ...otherQuarter])).toEqual(Array(3).fill({ status: 'PENDING_VERIFICATION', decided: false }));

    expect(await allPages(SIREN, '2026-Q1', 2)).toEqual([{ updated: 0, more: false, deemed: 5 }]);
  });

  it('writes one audit event per line it deems verified, by the system, in the same statement; none for the lines it leaves, none again on a second run', async () => {
    const [pending, verified] = await Promise.all([declare(SIREN, '2027-Q1', ['PENDING_VERIFICATION', 'PENDING_VERIFICATION', 'PENDING_VERIFICATION']), declare(SIREN, '2027-Q1', ['VERIFIED', 'CORRECTION_REQUESTED'])]);
    await allPages(SIREN, '2027-Q1', 2);
    await allPages(SIREN, '2027-Q1', 2);
    const events = await em().find(AuditEvent, { action: 'PREVENTION.DEEMED_VERIFIED', targetId: { $in: [...pending, ...verified] } });
    expect(events.map((e) => e.targetId).sort()).toEqual([...pending].sort());
    const declarationId = (await em().findOneOrFail(PreventionLearner, pending[0], { fields: ['declaration'] })).declaration.id;
    for (const e of events) {
      expect(e).toMatchObject({
        actorId: null,
        actorLabel: SYSTEM_ACTOR,
        targetType: 'PreventionLearner',
        before: { status: 'PENDING_VERIFICATION' },
        after: { status: 'DEEMED_VERIFIED', declarationId, quarter: '2027-Q1' },
        dedupeKey: `prevention-deemed/${e.targetId}`,
      });
    }
    expect(JSON.stringify(events)).not.toContain(nirWithKey('1850578006084'));
  });

  it('counts the lines deemed so far, not the page: a page whose answer was lost (its worker killed after it committed) is counted by the next', async () => {
    await declare(SIREN, '2027-Q2', Array<LearnerStatus>(5).fill('PENDING_VERIFICATION'));
    await window.deemVerifiedPage({ employerSiren: SIREN, quarter: '2027-Q2', limit: 3 }); // done, its answer never reaches the workflow
    expect(await window.deemVerifiedPage({ employerSiren: SIREN, quarter: '2027-Q2', limit: 3 })).toEqual({ updated: 2, more: true, deemed: 5 });
    expect(await window.deemVerifiedPage({ employerSiren: SIREN, quarter: '2027-Q2', limit: 3 })).toEqual({ updated: 0, more: false, deemed: 5 });
    expect(await window.deemVerifiedPage({ employerSiren: OTHER_SIREN, quarter: '2027-Q2', limit: 3 })).toEqual({ updated: 0, more: false, deemed: 0 });
  });

  it('a full last page says there may be more; the next one finds none', async () => {
    const ids = await declare(SIREN, '2026-Q3', ['PENDING_VERIFICATION', 'PENDING_VERIFICATION']);
    expect(await allPages(SIREN, '2026-Q3', 2)).toEqual([
      { updated: 2, more: true, deemed: 2 },
      { updated: 0, more: false, deemed: 2 },
    ]);
    expect(await statusesOf(ids)).toEqual(Array(2).fill({ status: 'DEEMED_VERIFIED', decided: true }));
  });

  it('refuses a page size out of range, for good', async () => {
    for (const limit of [0, -1, 1.5, 5_001]) {
      const failure = await window.deemVerifiedPage({ employerSiren: SIREN, quarter: '2026-Q1', limit }).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: 'PREVENTION.PAGE_SIZE_INVALID', nonRetryable: true });
    }
  });
});

describe('recordWindow', () => {
  it('upserts the read model of (SIREN, quarter): one row, its last values, closed once', async () => {
    const workflowId = `prevention-window-${SIREN}-2026-Q4`;
    const open: WindowRecord = { employerSiren: SIREN, quarter: '2026-Q4', workflowId, status: 'OPEN', deadline: '2027-06-30', moves: [], deemedVerified: 0 };
    await window.recordWindow(open);
    await window.recordWindow(open);
    const first = await em().findOneOrFail(PreventionWindow, { employerSiren: SIREN, quarter: '2026-Q4' });
    expect(first).toMatchObject({ workflowId, status: 'OPEN', deadline: '2027-06-30', moves: [], deemedVerified: 0, closedAt: null });

    await new Promise((resolve) => setTimeout(resolve, 5));
    const moveRecord = { at: '2027-05-02T08:00:00.000Z', actorId: 'support-1', reason: 'REPORT', from: '2027-06-30', to: '2027-09-30' };
    await window.recordWindow({ ...open, deadline: '2027-09-30', moves: [moveRecord] });
    await window.recordWindow({ ...open, status: 'CLOSED', deadline: '2027-09-30', moves: [moveRecord], deemedVerified: 42 });
    const rows = await em().find(PreventionWindow, { employerSiren: SIREN, quarter: '2026-Q4' });
    expect(rows).toHaveLength(1);
    const closed = rows[0];
    expect(closed).toMatchObject({ id: first.id, workflowId, status: 'CLOSED', deadline: '2027-09-30', moves: [moveRecord], deemedVerified: 42 });
    expect(closed.createdAt).toEqual(first.createdAt);
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect(closed.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());

    await window.recordWindow({ ...open, status: 'CLOSED', deadline: '2027-09-30', moves: [moveRecord], deemedVerified: 42 });
    expect((await em().findOneOrFail(PreventionWindow, { id: first.id })).closedAt).toEqual(closed.closedAt);
  });

  it('keeps the windows of other quarters and SIRENs apart', async () => {
    const base: WindowRecord = { employerSiren: OTHER_SIREN, quarter: '2026-Q1', workflowId: `prevention-window-${OTHER_SIREN}-2026-Q1`, status: 'OPEN', deadline: '2026-09-30', moves: [], deemedVerified: 0 };
    await window.recordWindow(base);
    await window.recordWindow({ ...base, quarter: '2026-Q2', workflowId: `prevention-window-${OTHER_SIREN}-2026-Q2`, deadline: '2026-12-31' });
    await window.recordWindow({ ...base, status: 'CANCELLED' });
    const rows = await em().find(PreventionWindow, { employerSiren: OTHER_SIREN }, { orderBy: { quarter: 'ASC' } });
    expect(rows.map((r) => [r.quarter, r.status, r.deadline, r.closedAt instanceof Date])).toEqual([
      ['2026-Q1', 'CANCELLED', '2026-09-30', true],
      ['2026-Q2', 'OPEN', '2026-12-31', false],
    ]);
  });
});
