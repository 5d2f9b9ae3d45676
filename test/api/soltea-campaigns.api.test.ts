import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { AccountRole } from '../../domain/account/account.entity';
import { eventually, login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';
import { ADMIN, SUPPORT } from '../helpers/rights.fixtures';

/**
 * Support starts and steers real campaigns over HTTP: the API starts
 * `soltea-<year>` on the worker of this file (the real workflow and its
 * activities, PostgreSQL, the Temporal dev server), its read model and live
 * status show on the campaign's page, and milestone moves go through the
 * workflow's validated update under the support person's identity — the
 * validator's refusals answered with their SOLTEA.* code and the milestone.
 */

let env: IntegrationEnv;
let support: Agent;
let admin: Agent;

/** 2025's calendar shifted to 2027: its establishments' window (from 14 Nov 2026) is open on the day these tests run (December 2026). */
const YEAR = 2027;

beforeAll(async () => {
  env = await startIntegrationEnv();
  [support, admin] = await Promise.all([login(env.app, SUPPORT), login(env.app, ADMIN)]);
}, 120_000);

afterAll(async () => {
  for (const year of [YEAR, 2028]) await env?.temporal.client.workflow.getHandle(`soltea-${year}`).terminate('test over').catch(() => undefined);
  await env?.stop();
});

const campaign = (year: number) => support.get(`/api/soltea-campaigns/${year}`);
const move = (body: object, year = YEAR) => support.post(`/api/soltea-campaigns/${year}/milestone-moves`).send(body);
const REASON = { reason: 'Report décidé par le ministère', legalReference: 'arrêté du 6 octobre 2023' };

describe('starting a campaign', () => {
  it('previews a year with its own parameters: reminder days and the distribution’s equal share, carried by the calendar', async () => {
    const preview = await support.post('/api/soltea-campaigns/preview').send({ year: YEAR + 50, reminderDaysBefore: [10, 3], unallocatedEqualShareBp: 3_500 });
    expect(preview.status).toBe(200);
    expect(preview.body.calendar).toMatchObject({ reminderDaysBefore: [10, 3], unallocatedEqualShareBp: 3_500 });
    expect(preview.body.steps.map((s: { key: string }) => s.key).filter((k: string) => k.startsWith('REMINDER_'))).toEqual([
      'REMINDER_PERIOD1_10',
      'REMINDER_PERIOD1_3',
      'REMINDER_PERIOD2_10',
      'REMINDER_PERIOD2_3',
    ]);
    const bad = await support.post('/api/soltea-campaigns/preview').send({ year: YEAR + 50, reminderDaysBefore: [0], unallocatedEqualShareBp: 12_000 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['reminderDaysBefore.0', 'unallocatedEqualShareBp']);
  });

  it('starts soltea-<year> with the previewed calendar; its read model and live status appear on its page', async () => {
    expect((await admin.post('/api/soltea-campaigns').send({ year: YEAR })).status).toBe(403);
    const preview = await support.post('/api/soltea-campaigns/preview').send({ year: YEAR });
    const res = await support.post('/api/soltea-campaigns').send({ year: YEAR });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ year: YEAR, workflowId: `soltea-${YEAR}`, calendar: preview.body.calendar });
    const page = await eventually(async () => {
      const r = await campaign(YEAR);
      return r.status === 200 && r.body.phase === 'ESTABLISHMENTS_OPEN' && r.body.live ? r.body : undefined;
    });
    expect(page).toMatchObject({
      id: YEAR,
      workflowId: `soltea-${YEAR}`,
      status: 'RUNNING',
      calendarVersion: 'default-2025-shifted',
      nextStep: 'ESTABLISHMENTS_CLOSE',
      windows: { ESTABLISHMENTS: { open: true, lastDay: '2027-01-17' }, PERIOD1: { open: false } },
      live: { status: 'RUNNING', fired: ['ESTABLISHMENTS_OPEN'], next: { key: 'ESTABLISHMENTS_CLOSE' } },
      runs: [{ step: 'ESTABLISHMENTS_OPEN', status: 'DONE' }],
    });
    const listed = await support.get('/api/soltea-campaigns').query({ filter: JSON.stringify({ status: 'RUNNING' }) });
    expect(listed.body.map((c: { id: number }) => c.id)).toContain(YEAR);
    const audit = await env.orm.em.fork().findOneOrFail(AuditEvent, { action: 'SOLTEA.CAMPAIGN_STARTED', targetId: String(YEAR) });
    expect(audit.actorLabel).toBe(`${SUPPORT.firstName} ${SUPPORT.lastName}`);
  });

  it('one campaign per year: a second start is 409 SOLTEA.CAMPAIGN_EXISTS, before or after the workflow recorded it', async () => {
    const again = await support.post('/api/soltea-campaigns').send({ year: YEAR });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SOLTEA.CAMPAIGN_EXISTS');
    const [first, second] = await Promise.all([support.post('/api/soltea-campaigns').send({ year: 2028 }), support.post('/api/soltea-campaigns').send({ year: 2028 })]);
    expect([first.status, second.status].sort()).toEqual([202, 409]);
    expect([first.body.code, second.body.code]).toContain('SOLTEA.CAMPAIGN_EXISTS');
  });

  it('a calendar of another year or an unknown one starts nothing', async () => {
    expect((await support.post('/api/soltea-campaigns').send({ year: 2029, calendarVersion: 'calendar-2025' })).body.code).toBe('SOLTEA.CALENDAR_YEAR_MISMATCH');
    expect((await support.post('/api/soltea-campaigns').send({ year: 2029, calendarVersion: 'nope' })).body.code).toBe('SOLTEA.UNKNOWN_CALENDAR');
    expect((await campaign(2029)).status).toBe(404);
  });
});

describe('moving milestones', () => {
  it('moves a future milestone: the new calendar answers, the timeline and the audit say who, why and by which text, Temporal records the support person', async () => {
    const res = await move({ moves: [{ milestone: 'PERIOD1_CLOSE', date: '2027-07-05' }], ...REASON });
    expect(res.status).toBe(200);
    expect(res.body.calendar).toMatchObject({ version: 'default-2025-shifted+1', milestones: { PERIOD1_CLOSE: { date: '2027-07-05' } } });
    const supportAccount = DEMO_LOGINS.find((l) => l.role === AccountRole.SUPPORT)!;
    expect(res.body.moves).toEqual([
      expect.objectContaining({ reason: REASON.reason, legalReference: REASON.legalReference, moves: [{ milestone: 'PERIOD1_CLOSE', from: '2027-06-27', to: '2027-07-05' }] }),
    ]);
    const page = (await campaign(YEAR)).body;
    expect(page.moves).toHaveLength(1);
    expect(page.calendar.milestones.PERIOD1_CLOSE.date).toBe('2027-07-05');
    expect(page.windows.PERIOD1.lastDay).toBe('2027-07-05');
    const audit = await env.orm.em.fork().findOneOrFail(AuditEvent, { action: 'SOLTEA.MILESTONE_MOVED', targetId: String(YEAR) });
    expect(audit).toMatchObject({ actorLabel: `${supportAccount.firstName} ${supportAccount.lastName}`, before: { milestones: { PERIOD1_CLOSE: '2027-06-27' } } });
    const history = await env.temporal.client.workflow.getHandle(`soltea-${YEAR}`).fetchHistory();
    const accepted = history.events!.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes)!;
    expect(accepted.workflowExecutionUpdateAcceptedEventAttributes!.acceptedRequest!.meta!.identity).toMatch(new RegExp(`^${supportAccount.firstName} ${supportAccount.lastName} <.+> \\(console\\)$`));
  });

  const refusals: [string, object, number, string, Record<string, unknown>, string | null][] = [
    ['a milestone already passed', { moves: [{ milestone: 'ESTABLISHMENTS_OPEN', date: '2027-01-02' }], ...REASON }, 409, 'SOLTEA.MILESTONE_PASSED', { milestone: 'ESTABLISHMENTS_OPEN' }, 'moves.0.date'],
    ['a date in the past', { moves: [{ milestone: 'ESTABLISHMENTS_CLOSE', date: '2026-11-30' }], ...REASON }, 409, 'SOLTEA.MOVE_INTO_PAST', { milestone: 'ESTABLISHMENTS_CLOSE' }, 'moves.0.date'],
    [
      'an order violation',
      { moves: [{ milestone: 'PERIOD2_OPEN', date: '2027-07-20' }, { milestone: 'TRANSFER1', date: '2027-06-01' }], ...REASON },
      409,
      'SOLTEA.MOVE_ORDER',
      { milestone: 'TRANSFER1', mustFollow: 'PERIOD1_CLOSE' },
      'moves.1.date',
    ],
    ['designation periods under two months', { moves: [{ milestone: 'PERIOD2_CLOSE', date: '2027-07-20' }], ...REASON }, 409, 'SOLTEA.DESIGNATION_TOO_SHORT', { days: expect.any(Number) }, null],
    ['no reason', { moves: [{ milestone: 'PERIOD2_CLOSE', date: '2027-10-30' }], reason: '  ', legalReference: 'arrêté' }, 400, 'SOLTEA.MOVE_REASON_REQUIRED', {}, 'reason'],
    ['no legal reference', { moves: [{ milestone: 'PERIOD2_CLOSE', date: '2027-10-30' }], reason: 'Report', legalReference: '' }, 400, 'SOLTEA.MOVE_LEGAL_REFERENCE_REQUIRED', {}, 'legalReference'],
    ['no milestone', { moves: [], ...REASON }, 400, 'SOLTEA.MOVE_EMPTY', {}, 'moves'],
    ['a milestone twice', { moves: [{ milestone: 'TRANSFER2', date: '2027-11-08' }, { milestone: 'TRANSFER2', date: '2027-11-09' }], ...REASON }, 400, 'SOLTEA.MOVE_DUPLICATE', { milestone: 'TRANSFER2' }, 'moves.1.milestone'],
    ['an impossible date', { moves: [{ milestone: 'TRANSFER2', date: '2027-02-30' }], ...REASON }, 400, 'SOLTEA.MOVE_BAD_DATE', { milestone: 'TRANSFER2' }, 'moves.0.date'],
    ['an unknown milestone', { moves: [{ milestone: 'PERIOD3_OPEN', date: '2027-10-30' }], ...REASON }, 400, 'VALIDATION.FAILED', {}, 'moves.0.milestone'],
  ];
  it.each(refusals)('the validator refuses %s, with its code and the milestone', async (_name, body, status, code, details, field) => {
    const res = await move(body);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ code, message: expect.not.stringMatching(/^SOLTEA\./), ...details });
    expect(Object.keys(res.body.errors ?? {})).toEqual(field ? [field] : []);
  });

  it('the refusals changed nothing', async () => {
    const page = (await campaign(YEAR)).body;
    expect(page.calendarVersion).toBe('default-2025-shifted+1');
    expect(page.moves).toHaveLength(1);
  });

  it('a campaign that does not exist is a 404; only support moves milestones', async () => {
    const res = await move({ moves: [{ milestone: 'PERIOD2_CLOSE', date: '2099-10-30' }], ...REASON }, 2099);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('SOLTEA.CAMPAIGN_NOT_FOUND');
    expect((await admin.post(`/api/soltea-campaigns/${YEAR}/milestone-moves`).send({ moves: [], ...REASON })).status).toBe(403);
  });

  it('a closed campaign’s calendar no longer moves (2025 replayed: every milestone past, it runs to its close)', async () => {
    expect((await support.post('/api/soltea-campaigns').send({ year: 2025, calendarVersion: 'calendar-2025' })).status).toBe(202);
    const closed = await eventually(async () => {
      const r = await campaign(2025);
      return r.body.status === 'CLOSED' ? r.body : undefined;
    }, 60_000);
    expect(closed).toMatchObject({ phase: 'CAMPAIGN_CLOSE', live: null, closedAt: expect.any(String) });
    expect(closed.runs.map((r: { step: string }) => r.step)).toContain('TRANSFER1');
    const res = await move({ moves: [{ milestone: 'CAMPAIGN_CLOSE', date: '2027-12-31' }], ...REASON }, 2025);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('SOLTEA.CAMPAIGN_CLOSED');
  });
});
