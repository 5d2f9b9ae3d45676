import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { createPreventionCheckActivities, type CheckRecord, type EmployersPage, type PreventionCheckActivities } from '../../activities/prevention/check.activities';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { Company, CompanyStatus } from '../../domain/company/company.entity';
import type { QuarterKey } from '../../domain/prevention/declaration-dates.rules';
import { OutboxMessage } from '../../domain/mail/outbox-message.entity';
import { PreventionCheck, PreventionCheckRun, type LearnerStatus } from '../../domain/prevention/prevention.entities';
import { createPerson, createRightsCompany } from '../helpers/collaborators.fixtures';
import { createTestDatabase } from '../helpers/database';
import { declaredLines } from '../helpers/prevention.fixtures';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let check: PreventionCheckActivities;
const PUBLIC_URL = 'https://console.example/';
const NIR = '185057800608436';

beforeAll(async () => {
  db = await createTestDatabase();
  check = createPreventionCheckActivities({ orm: db.orm, publicUrl: PUBLIC_URL });
});

afterAll(async () => {
  await db?.drop();
});

const em = () => db.orm.em.fork();

/** A company of that SIREN (its head office's SIRET is `<siren>00013`-like), ACTIVE unless told otherwise. */
async function company(siren: string, status: CompanyStatus = CompanyStatus.ACTIVE) {
  const c = await createRightsCompany(db.orm, siren, 0);
  if (status !== CompanyStatus.ACTIVE) await em().nativeUpdate(Company, { id: c.companyId }, { status });
  return c;
}

/** An employment relation of one of the SIREN's establishments. */
async function employs(siren: string, startDate: string, endDate: string | null = null) {
  await em().execute('insert into employment_relation (employer_siret, employee_id, start_date, end_date) values (?, ?, ?, ?)', [`${siren}00099`, `employee-${randomUUID()}`, startDate, endDate]);
}

const declare = async (siren: string, quarter: QuarterKey, statuses: LearnerStatus[]) => void (await declaredLines(db.orm, siren, quarter, statuses, NIR));

/** Every page the yearly check would ask for, in order. */
async function allPages(year: number, limit: number): Promise<EmployersPage[]> {
  const pages: EmployersPage[] = [];
  for (let after: string | null = null; ; ) {
    const page = await check.checkEmployersPage({ year, after, limit });
    pages.push(page);
    if (page.next === null) return pages;
    after = page.next;
  }
}

const openCheck = (year: number, siren: string): CheckRecord => ({
  year,
  employerSiren: siren,
  workflowId: `prevention-check-${year}-${siren}`,
  status: 'OPEN',
  due: `${year}-12-31`,
  doneAt: null,
  doneBy: null,
});

describe('checkEmployersPage', () => {
  beforeAll(async () => {
    await company('301000001');
    await employs('301000001', '2025-03-01');
    await company('301000002');
    await employs('301000002', '2024-01-01', '2025-12-31');
    await employs('301000002', '2027-01-01');
    await company('301000003');
    await employs('301000003', '2026-12-31', '2027-06-30');
    await company('301000004');
    await declare('301000004', '2026-Q3', ['PENDING_VERIFICATION']);
    await company('301000005');
    await declare('301000005', '2025-Q4', ['VERIFIED']);
    await company('301000006', CompanyStatus.CLOSED);
    await employs('301000006', '2026-02-01');
    await company('301000007', CompanyStatus.PENDING);
    await declare('301000007', '2026-Q1', ['PENDING_VERIFICATION']);
    await company('301000008');
    await employs('301000008', '2020-01-01', '2026-01-01');
    await company('301000009');
    await company('301000010');
    await employs('301000010', '2026-05-01', '2026-05-31');
    await employs('301000010', '2026-09-01');
    await declare('301000010', '2026-Q2', ['VERIFIED', 'PENDING_VERIFICATION']);
    // Relations and lines of SIRENs without a company on the portal.
    await employs('301000011', '2026-01-01');
    await declare('301000012', '2026-Q1', ['PENDING_VERIFICATION']);
  });

  it('picks exactly the ACTIVE companies employing someone that year or with a learner’s line of its quarters, in SIREN order, page by page', async () => {
    expect(await allPages(2026, 2)).toEqual([
      { sirens: ['301000001', '301000003'], next: '301000003' },
      { sirens: ['301000004', '301000008'], next: '301000008' },
      { sirens: ['301000010'], next: null },
    ]);
    expect(await allPages(2026, 5)).toEqual([{ sirens: ['301000001', '301000003', '301000004', '301000008', '301000010'], next: null }]);
    expect(await allPages(2026, 10)).toEqual([{ sirens: ['301000001', '301000003', '301000004', '301000008', '301000010'], next: null }]);
    expect(await check.checkEmployersPage({ year: 2026, after: '301000004', limit: 10 })).toEqual({ sirens: ['301000008', '301000010'], next: null });
  });

  it('another year has its own employers', async () => {
    expect(await allPages(2025, 2)).toEqual([
      { sirens: ['301000001', '301000002'], next: '301000002' },
      { sirens: ['301000005', '301000008'], next: null },
    ]);
    expect(await allPages(2028, 2)).toEqual([
      { sirens: ['301000001', '301000002'], next: '301000002' },
      { sirens: ['301000010'], next: null },
    ]);
    expect(await allPages(2019, 2)).toEqual([{ sirens: [], next: null }]);
  });

  it('refuses a page size out of range, for good', async () => {
    for (const limit of [0, -1, 1.5, 1_001]) {
      const failure = await check.checkEmployersPage({ year: 2026, after: null, limit }).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(ApplicationFailure);
      expect(failure).toMatchObject({ type: 'PREVENTION.PAGE_SIZE_INVALID', nonRetryable: true });
    }
  });
});

describe('recordCheck and recordCheckRun', () => {
  it('upsert one row per (year, SIREN) and per year, with their last values', async () => {
    const record = openCheck(2029, '401000001');
    await check.recordCheck(record);
    await check.recordCheck(record);
    const first = await em().findOneOrFail(PreventionCheck, { year: 2029, employerSiren: '401000001' });
    expect(first).toMatchObject({ workflowId: record.workflowId, status: 'OPEN', due: '2029-12-31', doneAt: null, doneBy: null, remindedAt: null });
    const doneBy = randomUUID();
    await check.recordCheck({ ...record, status: 'DONE', doneAt: '2029-12-02T09:30:00.000Z', doneBy });
    const rows = await em().find(PreventionCheck, { year: 2029, employerSiren: '401000001' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, status: 'DONE', doneBy, doneAt: new Date('2029-12-02T09:30:00.000Z') });

    await check.recordCheckRun({ year: 2029, workflowId: 'prevention-check-2029', status: 'RUNNING', due: '2029-12-31', employers: 0 });
    await check.recordCheckRun({ year: 2029, workflowId: 'prevention-check-2029', status: 'RUNNING', due: '2029-12-31', employers: 500 });
    await check.recordCheckRun({ year: 2029, workflowId: 'prevention-check-2029', status: 'CANCELLED', due: '2029-12-31', employers: 734 });
    const runs = await em().find(PreventionCheckRun, { year: 2029 });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ workflowId: 'prevention-check-2029', status: 'CANCELLED', due: '2029-12-31', employers: 734, reportedAt: null, report: null });
  });
});

describe('remindCheck', () => {
  const year = 2026;
  const siren = '552100554';
  let admins: string[];

  beforeAll(async () => {
    const c = await company(siren);
    const alpha = await createPerson(db.orm, c, 'ADMINISTRATOR', 'Alpha');
    const beta = await createPerson(db.orm, c, 'ADMINISTRATOR', 'Beta');
    const locked = await createPerson(db.orm, c, 'ADMINISTRATOR', 'Gamma');
    await em().nativeUpdate(Account, { id: locked.id }, { status: AccountStatus.LOCKED });
    await createPerson(db.orm, c, 'DECLARANT', 'Delta');
    await createPerson(db.orm, c, 'CANDIDATE', 'Epsilon');
    admins = await Promise.all([alpha, beta].map(async (p) => (await em().findOneOrFail(Account, p.id)).email));
    // A learner's line of the company (of a year no other test counts): its NIR must stay out of the mails.
    await declare(siren, '2031-Q2', ['PENDING_VERIFICATION']);
    await check.recordCheck(openCheck(year, siren));
  });

  it('mails each active administrator of the company once, however many times it is called', async () => {
    const [first, concurrent] = await Promise.all([check.remindCheck({ year, siren }), check.remindCheck({ year, siren })]);
    const again = await check.remindCheck({ year, siren });
    expect(first.outboxIds).toHaveLength(2);
    expect(concurrent).toEqual(first);
    expect(again).toEqual(first);

    const mails = await em().find(OutboxMessage, { dedupeKey: { $like: `prevention-check-${year}-${siren}/reminder/%` } }, { orderBy: { dedupeKey: 'ASC' } });
    expect(mails.map((m) => m.id)).toEqual(first.outboxIds);
    expect(mails.map((m) => m.to)).toEqual(admins);
    const url = 'https://console.example/#/prevention-check';
    for (const mail of mails) {
      expect(mail.subject).toBe('Passeport de prévention 2026 : votre vérification annuelle est à faire avant le 31 décembre 2026');
      expect(mail.text).toContain(`SIREN ${siren}`);
      expect(mail.text).toContain(url);
      expect(mail.links).toEqual([url]);
      expect(`${mail.subject}\n${mail.text}\n${mail.html}`).not.toContain(NIR);
      expect(mail.status).toBe('PENDING');
    }
    const row = await em().findOneOrFail(PreventionCheck, { year, employerSiren: siren });
    expect(row.remindedAt?.toISOString()).toBe(first.remindedAt);

    await check.recordCheck({ ...openCheck(year, siren), status: 'NOT_DONE' });
    expect((await em().findOneOrFail(PreventionCheck, { year, employerSiren: siren })).remindedAt?.toISOString()).toBe(first.remindedAt);
  });

  it('a company without an active administrator is reminded with no mail; a check never recorded is refused for good', async () => {
    await company('552100661');
    await check.recordCheck(openCheck(year, '552100661'));
    const reminder = await check.remindCheck({ year, siren: '552100661' });
    expect(reminder.outboxIds).toEqual([]);
    expect((await em().findOneOrFail(PreventionCheck, { year, employerSiren: '552100661' })).remindedAt?.toISOString()).toBe(reminder.remindedAt);

    const failure = await check.remindCheck({ year, siren: '999999999' }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'PREVENTION.CHECK_NOT_FOUND', nonRetryable: true });
  });
});

describe('checkReport', () => {
  const year = 2027;

  it('counts the year’s checks done, not done (open or closed undone) and cancelled, and its lines still pending, and records them in the run, once', async () => {
    await check.recordCheckRun({ year, workflowId: `prevention-check-${year}`, status: 'RUNNING', due: `${year}-12-31`, employers: 5 });
    const doneBy = randomUUID();
    await check.recordCheck({ ...openCheck(year, '501000001'), status: 'DONE', doneAt: `${year}-12-10T10:00:00.000Z`, doneBy });
    await check.recordCheck({ ...openCheck(year, '501000002'), status: 'DONE', doneAt: `${year}-12-11T10:00:00.000Z`, doneBy });
    await check.recordCheck(openCheck(year, '501000003'));
    await check.recordCheck({ ...openCheck(year, '501000004'), status: 'NOT_DONE' });
    await check.recordCheck({ ...openCheck(year, '501000005'), status: 'CANCELLED' });
    await check.recordCheck({ ...openCheck(year + 1, '501000001'), status: 'DONE', doneAt: `${year + 1}-12-10T10:00:00.000Z`, doneBy });
    await declare('501000001', `${year}-Q1`, ['PENDING_VERIFICATION', 'PENDING_VERIFICATION', 'VERIFIED']);
    await declare('501000003', `${year}-Q4`, ['PENDING_VERIFICATION', 'DEEMED_VERIFIED', 'CORRECTION_REQUESTED']);
    await declare('501000003', `${year + 1}-Q1`, ['PENDING_VERIFICATION']);
    await declare('501000004', `${year - 1}-Q4`, ['PENDING_VERIFICATION']);

    const counts = await check.checkReport({ year });
    expect(counts).toEqual({ done: 2, notDone: 2, cancelled: 1, pendingLines: 3 });
    const run = await em().findOneOrFail(PreventionCheckRun, { year });
    expect(run).toMatchObject({ status: 'REPORTED', employers: 5, report: counts });
    expect(run.reportedAt).toBeInstanceOf(Date);

    expect(await check.checkReport({ year })).toEqual(counts);
    expect((await em().findOneOrFail(PreventionCheckRun, { year })).reportedAt).toEqual(run.reportedAt);
  });

  it('refuses a year whose run was never recorded, for good', async () => {
    const failure = await check.checkReport({ year: 2035 }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'PREVENTION.CHECK_RUN_NOT_FOUND', nonRetryable: true });
  });
});
