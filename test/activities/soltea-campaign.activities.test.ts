import { MockActivityEnvironment } from '@temporalio/testing';
import { createCampaignActivities, type CampaignActivities } from '../../activities/soltea/campaign.activities';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { OutboxMessage, OutboxStatus } from '../../domain/mail/outbox-message.entity';
import { defaultCalendar } from '../../domain/soltea/calendars';
import { splitBalance } from '../../domain/soltea/money';
import { SolteaBalance, SolteaCampaign, SolteaReminder, SolteaRun, SolteaRunFailure, SolteaTransfer } from '../../domain/soltea/soltea.entities';
import { createPerson, createRightsCompany } from '../helpers/collaborators.fixtures';
import { createTestDatabase } from '../helpers/database';
import { AccountStatus, Account } from '../../domain/account/account.entity';
import { capturingMailer, seedApplications, seedBalances, setAllocations, type CapturingMailer } from '../helpers/soltea.fixtures';

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let mailer: CapturingMailer;
let campaign: CampaignActivities;
const PUBLIC_URL = 'https://console.example/';

beforeAll(async () => {
  db = await createTestDatabase();
  mailer = capturingMailer();
  campaign = createCampaignActivities({ orm: db.orm, mailer, publicUrl: PUBLIC_URL });
});

afterAll(async () => {
  await db?.drop();
});

beforeEach(() => {
  mailer.sent.length = 0;
  mailer.failNext(0);
});

/** Runs an activity as the worker would (heartbeats go to the mock environment). */
const run = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A): Promise<R> => new MockActivityEnvironment().run(fn, ...args) as Promise<R>;

/** Every page of a step, as the workflow pages it; answers how many pages it took. */
async function allPages(year: number, step: string, limit = 2): Promise<number> {
  let pages = 0;
  for (let after: string | null = null; ; ) {
    pages++;
    const { next }: { next: string | null } = await run(campaign.runStepPage, { year, step, after, limit });
    if (next === null) return pages;
    after = next;
  }
}

const em = () => db.orm.em.fork();
const reminders = (year: number, step: string) => em().find(SolteaReminder, { year, step }, { orderBy: { employerSiret: 'ASC' } });
const transfers = (year: number, step: string) => em().find(SolteaTransfer, { year, step: step as SolteaTransfer['step'] }, { orderBy: { employerSiret: 'ASC', establishmentSiret: 'ASC' } });
const failuresOf = async (year: number, step: string) =>
  (await em().find(SolteaRunFailure, { run: { year, step } }, { orderBy: { item: 'ASC' } })).map((f) => ({ item: f.item, code: f.code, params: f.params }));
const allocations = async (year: number, siret: string) =>
  Object.fromEntries(
    (await em().execute<{ establishment_siret: string; share_bp: number }[]>('select establishment_siret, share_bp from soltea_allocation where year = ? and employer_siret = ? order by 1', [year, siret])).map(
      (r) => [r.establishment_siret, r.share_bp],
    ),
  );
const byKey = (mails: { dedupeKey?: string }[]) => mails.map((m) => m.dedupeKey).sort();

describe('reminder steps', () => {
  const year = 2031;
  const step = 'REMINDER_PERIOD1_7';
  const S = (n: number) => `4000000000000${n}`;
  let admins: { email: string }[];
  let headOffice: string;

  beforeAll(async () => {
    const company = await createRightsCompany(db.orm, '552100661', 0);
    headOffice = company.headOffice;
    const people = [await createPerson(db.orm, company, 'ADMINISTRATOR', 'Alpha'), await createPerson(db.orm, company, 'ADMINISTRATOR', 'Beta')];
    const locked = await createPerson(db.orm, company, 'ADMINISTRATOR', 'Gamma');
    await em().nativeUpdate(Account, { id: locked.id }, { status: AccountStatus.LOCKED });
    admins = await Promise.all(people.map(async (p) => ({ email: (await em().findOneOrFail(Account, p.id)).email })));
    await seedApplications(db.orm, year, [{ siret: '70000000000001', region: '11' }]);
    await seedBalances(db.orm, year, [
      { siret: S(1), cents: 150_000, contactEmail: 'paie@un.test' },
      { siret: S(2), cents: 80_000, contactEmail: 'paie@deux.test' },
      { siret: S(3), cents: 90_000, contactEmail: 'paie@trois.test' },
      { siret: S(4), cents: 70_000, contactEmail: 'paie@quatre.test', frozen: true },
      { siret: headOffice, cents: 60_000 },
      { siret: S(6), cents: 50_000 },
      { siret: S(7), cents: 0, contactEmail: 'paie@sept.test' },
    ]);
    await setAllocations(db.orm, year, S(2), { '70000000000001': 6_000 });
    await setAllocations(db.orm, year, S(3), { '70000000000001': 10_000 });
    await setAllocations(db.orm, year, S(4), { '70000000000001': 2_000 });
  });

  it('writes once to every employer with a share not allocated, not frozen — the DSN contact, else each active administrator — and NO_CONTACT otherwise', async () => {
    await run(campaign.startStep, { year, step });
    expect(await allPages(year, step)).toBe(3);

    expect((await reminders(year, step)).map((r) => r.employerSiret)).toEqual([S(1), S(2), headOffice].sort());
    expect(mailer.sent.map((m) => m.to).sort()).toEqual(['paie@deux.test', 'paie@un.test', ...admins.map((a) => a.email)].sort());
    expect(byKey(mailer.sent)).toEqual(
      [`soltea-${year}/${step}/${S(1)}`, `soltea-${year}/${step}/${S(2)}`, `soltea-${year}/${step}/${headOffice}`, `soltea-${year}/${step}/${headOffice}/2`].sort(),
    );
    const outbox = await em().find(OutboxMessage, { dedupeKey: { $like: `soltea-${year}/%` } });
    expect(outbox).toHaveLength(4);
    expect(outbox.every((m) => m.status === OutboxStatus.SENT && m.sentAt && m.attempts === 1)).toBe(true);
    const two = outbox.find((m) => m.to === 'paie@deux.test')!;
    expect(two.subject).toBe(`SOLTéA ${year} : 40 % de votre solde reste à affecter avant le 27 juin ${year}`);
    expect(two.text).toContain('À ce jour, 60 % de ce solde est affecté');
    expect(two.text).toContain(`(SIRET ${S(2)})`);
    expect(two.links).toEqual([`https://console.example/#/soltea-allocations/${S(2)}`]);
    expect(outbox.find((m) => m.to === admins[0].email)!.text).toMatch(/^Bonjour Test Alpha,/);
    expect(await failuresOf(year, step)).toEqual([{ item: S(6), code: 'NO_CONTACT', params: { employerSiret: S(6) } }]);
  });

  it('a page run again, the whole step run again, writes and sends nothing more; the report counts the same each time', async () => {
    const before = mailer.sent.length;
    await allPages(year, step);
    await allPages(year, step, 500);
    expect(mailer.sent.length).toBe(before);
    expect(await reminders(year, step)).toHaveLength(3);

    const summary = await run(campaign.endStep, { year, step });
    expect(summary).toEqual({ step, status: 'DONE_WITH_FAILURES', failures: 1, counts: { reminders: 3, mails: 4, mailsSent: 4, noContact: 1, failures: 1 } });
    expect(await run(campaign.endStep, { year, step })).toEqual(summary);
    const report = await em().findOneOrFail(SolteaRun, { year, step });
    expect(report).toMatchObject({ status: 'DONE_WITH_FAILURES', counts: summary.counts });
    expect(report.endedAt).toBeInstanceOf(Date);
    expect(await run(campaign.campaignCounts, { year })).toEqual({ establishmentsEligible: 1, employersWithBalance: 6, shareAllocatedBp: expect.any(Number), remindersSent: 3 });
  });

  it('an SMTP failure fails the page (Temporal retries it) with nothing recorded as an item failure; the retry sends only what is still PENDING', async () => {
    const other = 'REMINDER_PERIOD2_2';
    mailer.failNext(1, 2);
    await expect(run(campaign.runStepPage, { year, step: other, after: null, limit: 500 })).rejects.toThrow('ECONNREFUSED');
    const outbox = await em().find(OutboxMessage, { dedupeKey: { $like: `soltea-${year}/${other}/%` } });
    expect(outbox).toHaveLength(4);
    const failed = outbox.filter((m) => m.status === OutboxStatus.PENDING && m.lastError);
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempts: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:2525' });
    expect(await failuresOf(year, other)).toEqual([{ item: S(6), code: 'NO_CONTACT', params: { employerSiret: S(6) } }]);
    const sentFirst = byKey(mailer.sent);

    await run(campaign.runStepPage, { year, step: other, after: null, limit: 500 });
    expect(byKey(mailer.sent)).toEqual(byKey(outbox));
    expect(new Set(byKey(mailer.sent)).size).toBe(4);
    expect(sentFirst.length).toBeGreaterThanOrEqual(2);
    expect((await em().find(OutboxMessage, { dedupeKey: { $like: `soltea-${year}/${other}/%` } })).every((m) => m.status === OutboxStatus.SENT)).toBe(true);
    expect((await em().findOneOrFail(OutboxMessage, failed[0].id)).attempts).toBe(2);
  });

  it('an administrator confirmed since a NO_CONTACT: the page run again reminds the employer and forgets the failure', async () => {
    const step2 = 'REMINDER_PERIOD2_7';
    await allPages(year, step2, 500);
    expect((await failuresOf(year, step2)).map((f) => f.item)).toEqual([S(6)]);
    await em().nativeUpdate(SolteaBalance, { year, employerSiret: S(6) }, { contactEmail: 'paie@six.test' });
    await allPages(year, step2, 500);
    expect(await failuresOf(year, step2)).toEqual([]);
    expect(mailer.sent.filter((m) => m.to === 'paie@six.test')).toHaveLength(1);
    expect((await run(campaign.endStep, { year, step: step2 })).status).toBe('DONE');
    await em().nativeUpdate(SolteaBalance, { year, employerSiret: S(6) }, { contactEmail: null });
  });
});

describe('transfers and the distribution of unallocated funds', () => {
  const year = 2032;
  const E = { paris: '71000000000001', parisNoBank: '71000000000002', lyon: '71000000000003', lyonShortage: '71000000000004', refused: '71000000000005' };
  const X = '50000000000001'; // 60 % + 40 %, paid and frozen
  const Y = '50000000000002'; // 50 % to an establishment without bank details
  const Z = '50000000000003'; // 70 %: partial, untouched by transfer 1
  const V = '50000000000004'; // 100 %, frozen at transfer 1, balance lowered after
  const W = '50000000000005'; // nothing chosen
  const R = '50000000000006'; // 100 % to a refused establishment

  beforeAll(async () => {
    await seedApplications(db.orm, year, [
      { siret: E.paris, region: '11', shortageTrainings: 2 },
      { siret: E.parisNoBank, region: '11', bank: false, shortageTrainings: 1 },
      { siret: E.lyon, region: '84' },
      { siret: E.lyonShortage, region: '84', shortageTrainings: 3 },
      { siret: E.refused, region: '84', status: 'REFUSED' },
      { siret: '71000000000006', region: '84', status: 'SUBMITTED' },
    ]);
    await seedBalances(db.orm, year, [
      { siret: X, cents: 100_001, contactEmail: 'x@employeur.test', region: '11' },
      { siret: Y, cents: 33_333, contactEmail: 'y@employeur.test', region: '11' },
      { siret: Z, cents: 77_777, contactEmail: 'z@employeur.test', region: '84' },
      { siret: V, cents: 50_000, contactEmail: 'v@employeur.test', region: '84' },
      { siret: W, cents: 12_345, contactEmail: 'w@employeur.test', region: null },
      { siret: R, cents: 10_000, contactEmail: 'r@employeur.test', region: '84' },
    ]);
    await setAllocations(db.orm, year, X, { [E.paris]: 6_000, [E.lyon]: 4_000 });
    await setAllocations(db.orm, year, Y, { [E.paris]: 5_000, [E.parisNoBank]: 5_000 });
    await setAllocations(db.orm, year, Z, { [E.lyon]: 7_000 });
    await setAllocations(db.orm, year, V, { [E.lyonShortage]: 10_000 });
    await setAllocations(db.orm, year, R, { [E.refused]: 10_000 });
  });

  it('the establishments window closes: the accepted count, applications never reviewed counted apart', async () => {
    await run(campaign.startStep, { year, step: 'ESTABLISHMENTS_CLOSE' });
    expect(await run(campaign.runStepPage, { year, step: 'ESTABLISHMENTS_CLOSE', after: null, limit: 500 })).toEqual({ next: null });
    expect((await run(campaign.endStep, { year, step: 'ESTABLISHMENTS_CLOSE' })).counts).toEqual({
      applications: 6,
      accepted: 4,
      refused: 1,
      notReviewed: 1,
      acceptedWithoutBankDetails: 1,
      failures: 0,
    });
  });

  it('transfer 1 pays choices covering 100 % to the cent and freezes them; an establishment without bank details is not paid, its share is taken off, the employer told and not frozen', async () => {
    await run(campaign.startStep, { year, step: 'TRANSFER1' });
    await allPages(year, 'TRANSFER1');
    await allPages(year, 'TRANSFER1', 1);

    const rows = (await transfers(year, 'TRANSFER1')).map((t) => [t.employerSiret, t.establishmentSiret, t.amountCents, t.status]);
    expect(rows).toEqual([
      [X, E.paris, 60_001, 'PAID'],
      [X, E.lyon, 40_000, 'PAID'],
      [Y, E.paris, 16_667, 'PAID'],
      [Y, E.parisNoBank, 16_666, 'NOT_PAID_NO_BANK_DETAILS'],
      [V, E.lyonShortage, 50_000, 'PAID'],
    ]);
    const balances = new Map((await em().find(SolteaBalance, { year })).map((b) => [b.employerSiret, b]));
    expect([X, Y, Z, V, W, R].filter((s) => balances.get(s)!.frozenAt)).toEqual([X, V]);
    expect(balances.get(X)!.frozenBy).toBe('TRANSFER1');
    expect(await allocations(year, Y)).toEqual({ [E.paris]: 5_000 });
    expect(await failuresOf(year, 'TRANSFER1')).toEqual([{ item: R, code: 'ESTABLISHMENT_NOT_ELIGIBLE', params: { employerSiret: R, establishmentSiret: E.refused } }]);

    expect(mailer.sent.map((m) => m.to)).toEqual(['y@employeur.test']);
    const [mail] = mailer.sent;
    expect(mail.dedupeKey).toBe(`soltea-${year}/TRANSFER1/${Y}`);
    expect(mail.text).toContain(`CFA ${E.parisNoBank} (SIRET ${E.parisNoBank})`);
    expect(mail.text).toContain('vous pouvez affecter cette part à un autre établissement pendant la seconde période de désignation');

    const summary = await run(campaign.endStep, { year, step: 'TRANSFER1' });
    expect(summary).toEqual({
      step: 'TRANSFER1',
      status: 'DONE_WITH_FAILURES',
      failures: 1,
      counts: {
        transfers: 5,
        paidCents: 100_001 + 16_667 + 50_000,
        notPaidCents: 16_666,
        notPaidNoBankDetails: 1,
        employersPaid: 3,
        establishmentsPaid: 3,
        employersFrozen: 2,
        employersNotified: 1,
        failures: 1,
      },
    });
    expect(await run(campaign.endStep, { year, step: 'TRANSFER1' })).toEqual(summary);
  });

  it('transfer 2 pays every employer his current choices less what he was paid: a raised balance the difference, a lowered one nothing back, the share to an establishment without bank details unallocated', async () => {
    await em().nativeUpdate(SolteaBalance, { year, employerSiret: X }, { amountCents: 200_001 });
    await em().nativeUpdate(SolteaBalance, { year, employerSiret: V }, { amountCents: 40_000 });
    await setAllocations(db.orm, year, Y, { [E.paris]: 5_000, [E.lyon]: 5_000 });
    await setAllocations(db.orm, year, Z, { [E.lyon]: 7_000, [E.parisNoBank]: 2_000 });
    await setAllocations(db.orm, year, R, { [E.lyon]: 10_000 });
    mailer.sent.length = 0;

    await run(campaign.startStep, { year, step: 'TRANSFER2' });
    await allPages(year, 'TRANSFER2', 4);
    await allPages(year, 'TRANSFER2', 4);

    const x = splitBalance(200_001, [{ establishmentSiret: E.paris, shareBp: 6_000 }, { establishmentSiret: E.lyon, shareBp: 4_000 }]).amounts;
    const z = splitBalance(77_777, [{ establishmentSiret: E.lyon, shareBp: 7_000 }, { establishmentSiret: E.parisNoBank, shareBp: 2_000 }]).amounts;
    expect((await transfers(year, 'TRANSFER2')).map((t) => [t.employerSiret, t.establishmentSiret, t.amountCents, t.status])).toEqual([
      [X, E.paris, x[0].cents - 60_001, 'PAID'],
      [X, E.lyon, x[1].cents - 40_000, 'PAID'],
      [Y, E.lyon, 16_666, 'PAID'],
      [Z, E.parisNoBank, z[1].cents, 'NOT_PAID_NO_BANK_DETAILS'],
      [Z, E.lyon, z[0].cents, 'PAID'],
      [R, E.lyon, 10_000, 'PAID'],
    ]);
    expect(await allocations(year, Z)).toEqual({ [E.lyon]: 7_000 });
    expect(await failuresOf(year, 'TRANSFER2')).toEqual([]);
    expect(mailer.sent.map((m) => [m.to, m.dedupeKey])).toEqual([['z@employeur.test', `soltea-${year}/TRANSFER2/${Z}`]]);
    expect(mailer.sent[0].text).toContain('Cette part rejoint les fonds non affectés');
    expect((await run(campaign.endStep, { year, step: 'TRANSFER2' })).counts).toMatchObject({ transfers: 6, notPaidNoBankDetails: 1, employersNotified: 1, employersFrozen: 0 });
  });

  it('the unallocated funds — each balance less what was paid, by region — are distributed to the cent, once', async () => {
    const paidTo = new Map<string, number>();
    for (const t of [...(await transfers(year, 'TRANSFER1')), ...(await transfers(year, 'TRANSFER2'))]) {
      if (t.status === 'PAID') paidTo.set(t.employerSiret, (paidTo.get(t.employerSiret) ?? 0) + t.amountCents);
    }
    const unallocated = (await em().find(SolteaBalance, { year })).reduce((sum, b) => sum + Math.max(0, b.amountCents - (paidTo.get(b.employerSiret) ?? 0)), 0);
    expect(unallocated).toBeGreaterThan(0);

    await run(campaign.startStep, { year, step: 'UNALLOCATED_DISTRIBUTION' });
    expect(await run(campaign.runStepPage, { year, step: 'UNALLOCATED_DISTRIBUTION', after: null, limit: 500 })).toEqual({ next: null });
    expect(await run(campaign.runStepPage, { year, step: 'UNALLOCATED_DISTRIBUTION', after: null, limit: 500 })).toEqual({ next: null });
    const rows = await transfers(year, 'UNALLOCATED_DISTRIBUTION');
    expect(rows.every((r) => r.employerSiret === '')).toBe(true);
    expect(rows.map((r) => r.establishmentSiret).sort()).toEqual([E.paris, E.parisNoBank, E.lyon, E.lyonShortage].sort());
    expect(rows.reduce((sum, r) => sum + r.amountCents, 0)).toBe(unallocated);
    expect(rows.find((r) => r.establishmentSiret === E.parisNoBank)!.status).toBe('NOT_PAID_NO_BANK_DETAILS');

    const { counts } = await run(campaign.endStep, { year, step: 'UNALLOCATED_DISTRIBUTION' });
    const notPaid = rows.find((r) => r.establishmentSiret === E.parisNoBank)!.amountCents;
    expect(counts).toEqual({ unallocatedCents: unallocated, distributedCents: unallocated - notPaid, notPaidCents: notPaid, establishmentsPaid: 3, notPaidNoBankDetails: 1, undistributedCents: 0, failures: 0 });
  });

  it('the close counts the campaign: what each transfer and the distribution paid', async () => {
    await run(campaign.startStep, { year, step: 'CAMPAIGN_CLOSE' });
    await run(campaign.runStepPage, { year, step: 'CAMPAIGN_CLOSE', after: null, limit: 500 });
    const { counts } = await run(campaign.endStep, { year, step: 'CAMPAIGN_CLOSE' });
    const sum = async (step: string) => (await transfers(year, step)).filter((t) => t.status === 'PAID').reduce((s, t) => s + t.amountCents, 0);
    expect(counts).toMatchObject({
      employersWithBalance: 6,
      establishmentsEligible: 4,
      remindersSent: 0,
      transfer1PaidCents: await sum('TRANSFER1'),
      transfer2PaidCents: await sum('TRANSFER2'),
      distributedCents: await sum('UNALLOCATED_DISTRIBUTION'),
    });
  });
});

describe('the campaign record, its moves and its reports', () => {
  const year = 2033;

  it('loads the default calendar of a year (2025’s shifted), never a real one on its own', async () => {
    expect(await run(campaign.loadCampaignCalendar, { year: 2025 })).toEqual(defaultCalendar(2025));
    expect(await run(campaign.loadCampaignCalendar, { year: 2024 })).toEqual(defaultCalendar(2024));
  });

  it('upserts the read model; closing it sets closedAt and a report with each step’s counts', async () => {
    const calendar = defaultCalendar(year);
    const record = { year, workflowId: `soltea-${year}`, status: 'RUNNING' as const, phase: 'STARTED', calendar, moves: [], next: { key: 'ESTABLISHMENTS_OPEN', at: calendar.milestones.ESTABLISHMENTS_OPEN.at } };
    await run(campaign.recordCampaign, record);
    await run(campaign.recordCampaign, { ...record, phase: 'PERIOD1_OPEN', next: null });
    let row = await em().findOneOrFail(SolteaCampaign, { year });
    expect(row).toMatchObject({ status: 'RUNNING', phase: 'PERIOD1_OPEN', nextStep: null, closedAt: null, report: null });
    const startedAt = row.startedAt;

    await run(campaign.startStep, { year, step: 'PERIOD1_OPEN' });
    await run(campaign.endStep, { year, step: 'PERIOD1_OPEN' });
    await run(campaign.recordCampaign, { ...record, status: 'CLOSED', phase: 'CAMPAIGN_CLOSE', next: null, report: { counts: { remindersSent: 0 } } });
    row = await em().findOneOrFail(SolteaCampaign, { year });
    expect(row.status).toBe('CLOSED');
    expect(row.closedAt).toBeInstanceOf(Date);
    expect(row.startedAt).toEqual(startedAt);
    expect(row.report).toEqual({ counts: { remindersSent: 0 }, steps: { PERIOD1_OPEN: expect.objectContaining({ employersWithBalance: 0, shareAllocatedBp: 0 }) } });
  });

  it('audits a move once per calendar version: before, after, who, why, the legal reference', async () => {
    const move = {
      at: new Date().toISOString(),
      actorId: 'b5b0c2f0-4a8e-4f57-9a1c-2f9d6d1e0a11',
      reason: 'Prolongation de la période 1',
      legalReference: 'arrêté du 6 octobre 2023',
      moves: [{ milestone: 'PERIOD1_CLOSE' as const, from: `${year}-06-27`, to: `${year}-07-04` }],
      version: 'default-2025-shifted+1',
    };
    await run(campaign.recordMilestoneMove, { year, move });
    await run(campaign.recordMilestoneMove, { year, move });
    const events = await em().find(AuditEvent, { action: 'SOLTEA.MILESTONE_MOVED', targetId: String(year) });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: move.actorId,
      targetType: 'SolteaCampaign',
      before: { milestones: { PERIOD1_CLOSE: `${year}-06-27` } },
      after: { milestones: { PERIOD1_CLOSE: `${year}-07-04` }, reason: move.reason, legalReference: move.legalReference, version: move.version },
      dedupeKey: `soltea-${year}/move/default-2025-shifted+1`,
    });
    await run(campaign.recordMilestoneMove, { year, move: { ...move, version: 'default-2025-shifted+2' } });
    expect(await em().count(AuditEvent, { action: 'SOLTEA.MILESTONE_MOVED', targetId: String(year) })).toBe(2);
  });

  it('a step’s report: opened once, counts from the facts, reopened when the step runs again', async () => {
    await run(campaign.startStep, { year, step: 'PERIOD2_OPEN' });
    await run(campaign.startStep, { year, step: 'PERIOD2_OPEN' });
    expect(await em().count(SolteaRun, { year, step: 'PERIOD2_OPEN' })).toBe(1);
    expect((await run(campaign.endStep, { year, step: 'PERIOD2_OPEN' })).status).toBe('DONE');
    await run(campaign.startStep, { year, step: 'PERIOD2_OPEN' });
    expect(await em().findOneOrFail(SolteaRun, { year, step: 'PERIOD2_OPEN' })).toMatchObject({ status: 'RUNNING', endedAt: null });
    await expect(run(campaign.runStepPage, { year, step: 'NOT_A_STEP', after: null, limit: 10 })).rejects.toMatchObject({ type: 'SOLTEA.UNKNOWN_STEP', nonRetryable: true });
  });
});

describe('the distribution follows the year’s parameters', () => {
  const year = 2041;
  it('an equal share of 100 % set on the calendar gives everything in equal parts within the region, nothing by shortage trainings', async () => {
    await seedApplications(db.orm, year, [
      { siret: '72000000000001', region: '11', shortageTrainings: 5 },
      { siret: '72000000000002', region: '11' },
    ]);
    await seedBalances(db.orm, year, [{ siret: '52000000000001', cents: 1_001, contactEmail: 'a@employeur.test', region: '11' }]);
    const e = em();
    e.create(SolteaCampaign, { year, workflowId: `soltea-${year}`, calendar: { ...defaultCalendar(year), unallocatedEqualShareBp: 10_000 } });
    await e.flush();
    await run(campaign.startStep, { year, step: 'UNALLOCATED_DISTRIBUTION' });
    await run(campaign.runStepPage, { year, step: 'UNALLOCATED_DISTRIBUTION', after: null, limit: 500 });
    expect((await transfers(year, 'UNALLOCATED_DISTRIBUTION')).map((t) => [t.establishmentSiret, t.amountCents])).toEqual([
      ['72000000000001', 501],
      ['72000000000002', 500],
    ]);
  });
});
