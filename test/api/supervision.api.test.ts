import net from 'node:net';
import request from 'supertest';
import { startSmtpCatcher, type SmtpCatcher } from '../../activities/mail/smtp-catcher';
import { AccountRole } from '../../domain/account/account.entity';
import { OutboxMessage, OutboxStatus } from '../../domain/mail/outbox-message.entity';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { REVIEW_WORKFLOW_TYPE, startReview, startReviewWorker } from '../helpers/foreign-workflow';
import { eventually, login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';

jest.setTimeout(120_000);

let env: IntegrationEnv;
let support: Agent;
let admin: Agent;
let reviews: { stop(): Promise<void> };
let smtpPort: number;
/** Holds the SMTP port while "SMTP is down": accepts and drops every connection, so no other process takes the port. */
let smtpDown: net.Server;
let catcher: SmtpCatcher | undefined;

const [supportLogin, adminLogin] = [AccountRole.SUPPORT, AccountRole.ADMINISTRATOR].map((role) => DEMO_LOGINS.find((l) => l.role === role)!);
/** The demo administrator's company (A) and a registered one (B). */
const A = '842716409';
const B = '732829320';
const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

interface Row {
  id: string;
  type: string;
  companySiren: string | null;
  phase: string | null;
  awaitedRole: string | null;
  status: string;
  overdue: boolean;
  page?: string;
}

const get = (agent: Agent, path: string, filter: object = {}) => agent.get(path).query({ filter: JSON.stringify(filter) });
const until = <T>(probe: () => Promise<T | undefined>, timeoutMs?: number) => eventually(probe, timeoutMs);
const auditOf = async (filter: object) => (await get(support, '/api/audit-events', filter)).body as Array<Record<string, unknown>>;

beforeAll(async () => {
  smtpDown = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => smtpDown.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtpDown.address() as net.AddressInfo).port;
  env = await startIntegrationEnv({ smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
  reviews = await startReviewWorker(env.temporal.nativeConnection);
  const registered = await request(env.app).post('/api/registrations').send({
    siren: B,
    siret: '73282932000074',
    lastName: 'Durand',
    firstName: 'Élise',
    email: 'primo-b@example.test',
    password: 'Copeaux-et-Sciure-44',
  });
  expect(registered.status).toBe(202);
  support = await login(env.app, supportLogin);
  admin = await login(env.app, adminLogin);
  const declarant = await admin.post('/api/declarants').send({ siret: '84271640900029', lastName: 'PETIT', firstName: 'Jules', email: 'jules.petit@example.test' });
  expect(declarant.status).toBe(201);
  const client = env.temporal.client;
  await startReview(client, 'review-a-overdue', { siren: A, phase: 'AWAITING_REVIEW', awaitedRole: 'ADMINISTRATOR', dueAt: at(-HOUR) });
  await startReview(client, 'review-a-later', { siren: A, phase: 'AWAITING_REVIEW', awaitedRole: 'ADMINISTRATOR', dueAt: at(48 * HOUR) });
  await startReview(client, 'review-b-admin', { siren: B, phase: 'AWAITING_REVIEW', awaitedRole: 'ADMINISTRATOR', dueAt: at(-HOUR) });
  await startReview(client, 'review-b-support', { siren: B, phase: 'AWAITING_SUPPORT_CHECK', awaitedRole: 'SUPPORT', dueAt: at(24 * HOUR) });
  await until(async () => {
    const rows: Row[] = (await get(support, '/api/workflows', { type: REVIEW_WORKFLOW_TYPE, status: 'RUNNING' })).body;
    return rows.length === 4 && rows.every((r) => r.phase) ? true : undefined; // visibility shows the upserts a moment later
  });
});

afterAll(async () => {
  await reviews?.stop();
  await env?.stop();
  await catcher?.close();
  if (smtpDown?.listening) smtpDown.close();
});

describe('a workflow type unknown to supervision (defined in this test)', () => {
  it('is listed with its business state', async () => {
    const rows: Row[] = (await get(support, '/api/workflows', { type: REVIEW_WORKFLOW_TYPE })).body;
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.id === 'review-a-overdue')).toMatchObject({ companySiren: A, phase: 'AWAITING_REVIEW', awaitedRole: 'ADMINISTRATOR', overdue: true });
    const detail = await support.get('/api/workflows/review-b-support');
    expect(detail.body).toMatchObject({ state: { phase: 'AWAITING_SUPPORT_CHECK', awaiting: 'SUPPORT' }, commands: [] });
  });

  it('is counted on the dashboard, by type and phase, overdue included, in the caller’s scope', async () => {
    const res = await support.get('/api/workflows/stats');
    expect(res.status).toBe(200);
    const stats = res.body;
    expect(stats.running).toEqual(
      expect.arrayContaining([
        { type: REVIEW_WORKFLOW_TYPE, phase: 'AWAITING_REVIEW', count: 3 },
        { type: REVIEW_WORKFLOW_TYPE, phase: 'AWAITING_SUPPORT_CHECK', count: 1 },
        { type: 'companyRegistrationWorkflow', phase: 'AWAITING_CONFIRMATION', count: 1 },
      ]),
    );
    expect(stats.overdue).toBe(2);
    expect(stats.byStatus.RUNNING).toBe(stats.runningTotal);
    expect(stats.perDay).toHaveLength(30);
    expect(stats.perDay.at(-1)).toMatchObject({ day: new Date().toISOString().slice(0, 10) });
    expect(stats.perDay.at(-1).started).toBeGreaterThanOrEqual(6);

    const mine = (await admin.get('/api/workflows/stats')).body;
    expect(mine.running).toEqual(
      expect.arrayContaining([{ type: REVIEW_WORKFLOW_TYPE, phase: 'AWAITING_REVIEW', count: 2 }, expect.objectContaining({ type: 'accountConfirmationWorkflow' })]),
    );
    expect(mine.running.map((g: { phase: string }) => g.phase)).not.toContain('AWAITING_SUPPORT_CHECK');
    expect(mine.running.map((g: { type: string }) => g.type)).not.toContain('companyRegistrationWorkflow');
    expect(mine.overdue).toBe(1);
  });

  it('is found by the search box: SIREN or SIRET with spaces, workflow id, a person’s name or e-mail, within the caller’s scope', async () => {
    const ids = async (agent: Agent, q: string, type?: string) =>
      ((await get(agent, '/api/workflows', { q, ...(type ? { type } : {}) })).body as Row[]).map((r) => r.id).sort();
    expect(await ids(support, '842 716 409', REVIEW_WORKFLOW_TYPE)).toEqual(['review-a-later', 'review-a-overdue']);
    expect(await ids(support, '842 716 409 00011', REVIEW_WORKFLOW_TYPE)).toEqual(['review-a-later', 'review-a-overdue']);
    expect(await ids(support, 'review-b-admin')).toEqual(['review-b-admin']);
    expect(await ids(admin, 'review-b-admin')).toEqual([]);
    expect(await ids(support, 'Durand')).toEqual([`registration-${B}`]);
    expect(await ids(support, 'primo-b@example')).toEqual([`registration-${B}`]);
    expect(await ids(admin, 'Durand')).toEqual([]);
    const petit = await ids(admin, 'petit');
    expect(petit).toHaveLength(1);
    expect(petit[0]).toMatch(/^account-confirmation-/);
    expect(await ids(support, 'Personne Inconnue')).toEqual([]);
    const detail = (await support.get(`/api/workflows/${petit[0]}`)).body;
    expect(await ids(support, detail.runId)).toEqual(petit);
    expect(await ids(support, detail.subjectAccount)).toEqual(petit);
    expect((await get(support, '/api/workflows', { companySiren: '842 716 409', type: REVIEW_WORKFLOW_TYPE })).body).toHaveLength(2);
  });

  it('is sorted on the column asked for, nulls last', async () => {
    const sorted = async (sort: [string, string]) =>
      ((await get(support, '/api/workflows', { type: REVIEW_WORKFLOW_TYPE }).query({ sort: JSON.stringify(sort) })).body as Row[]).map((r) => r.id);
    const byDue = await sorted(['dueDate', 'ASC']);
    expect(byDue.slice(0, 2).sort()).toEqual(['review-a-overdue', 'review-b-admin']);
    expect(byDue.slice(2)).toEqual(['review-b-support', 'review-a-later']);
    expect((await sorted(['dueDate', 'DESC'])).slice(0, 2)).toEqual(['review-a-later', 'review-b-support']);
    expect((await get(support, '/api/workflows').query({ sort: JSON.stringify(['runId', 'ASC']) })).body.code).toBe('LIST.UNSORTABLE');
  });

  it('fills the task inbox of the role it awaits, overdue first, with the page where the task is done', async () => {
    const adminTasks: Row[] = (await get(admin, '/api/tasks')).body;
    expect(adminTasks.map((t) => t.id)).toEqual(['review-a-overdue', 'review-a-later']);
    expect(adminTasks[0]).toMatchObject({ overdue: true, page: '/workflows/review-a-overdue/show' });
    const supportTasks: Row[] = (await get(support, '/api/tasks')).body;
    expect(supportTasks.map((t) => t.id)).toEqual(['review-b-support']);
    expect((await get(admin, '/api/tasks', { companySiren: B })).body).toEqual([]);
  });
});

describe('batch operations by filter', () => {
  it('previews the count, refuses a stale count, terminates exactly those, reports progress, audited, support only', async () => {
    const client = env.temporal.client;
    for (const id of ['batch-1', 'batch-2', 'batch-3']) {
      await startReview(client, id, { siren: B, phase: 'TO_CLEAN_UP', awaitedRole: 'SUPPORT', dueAt: at(HOUR) });
    }
    const filter = { phase: 'TO_CLEAN_UP' };
    const scope = { filter, allCompanies: true };
    const preview = await until(async () => {
      const res = await support.post('/api/workflows/batch/preview').send(scope);
      expect(res.status).toBe(200);
      return res.body.count === 3 ? res.body : undefined;
    });
    expect(preview).toEqual({ count: 3, byCompany: [{ companySiren: B, legalName: expect.any(String), count: 3 }], truncated: false });
    expect((await admin.post('/api/workflows/batch/preview').send(scope)).status).toBe(403);
    expect((await admin.post('/api/workflows/batch').send({ action: 'terminate', ...scope, reason: 'nettoyage', expectedCount: 3 })).status).toBe(403);
    expect((await support.post('/api/workflows/batch').send({ action: 'terminate', ...scope, expectedCount: 3 })).body.code).toBe('VALIDATION.FAILED');

    const stale = await support.post('/api/workflows/batch').send({ action: 'terminate', ...scope, reason: 'nettoyage de test', expectedCount: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('WORKFLOW.BATCH_COUNT_CHANGED');

    const started = await support.post('/api/workflows/batch').send({ action: 'terminate', ...scope, reason: 'nettoyage de test', expectedCount: 3 });
    expect(started.status).toBe(202);
    const job = await until(async () => {
      const res = await support.get(`/api/workflows/batch/${started.body.jobId}`);
      expect(res.status).toBe(200);
      return res.body.state === 'COMPLETED' ? res.body : undefined;
    }, 40_000);
    expect(job).toMatchObject({ action: 'terminate', total: 3, completed: 3, failed: 0, reason: 'nettoyage de test' });

    for (const id of ['batch-1', 'batch-2', 'batch-3']) expect((await support.get(`/api/workflows/${id}`)).body.status).toBe('TERMINATED');
    for (const id of ['review-b-support', 'review-a-later']) expect((await support.get(`/api/workflows/${id}`)).body.status).toBe('RUNNING');
    expect(await auditOf({ targetId: started.body.jobId })).toEqual([
      expect.objectContaining({
        action: 'WORKFLOW.BATCH_TERMINATED',
        actorLabel: 'Sophie SUPPORT',
        after: expect.objectContaining({ count: 3, reason: 'nettoyage de test', filter, allCompanies: true }),
      }),
    ]);
    expect((await support.get('/api/workflows/batch/console-terminate-00000000-0000-0000-0000-000000000000')).body.code).toBe('WORKFLOW.BATCH_NOT_FOUND');
  });

  it('never widens: a mistyped filter key is refused naming it, and a filter without a company needs allCompanies', async () => {
    await startReview(env.temporal.client, 'batch-scope-a', { siren: A, phase: 'TO_KEEP', awaitedRole: 'SUPPORT', dueAt: at(HOUR) });
    const terminate = { action: 'terminate', reason: 'nettoyage de test', expectedCount: 1 };
    for (const [path, body] of [
      ['/api/workflows/batch/preview', { filter: { companySIREN: A } }],
      ['/api/workflows/batch', { ...terminate, filter: { companySIREN: A } }],
    ] as const) {
      const res = await support.post(path).send(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION.UNKNOWN_FIELD', errors: { 'filter.companySIREN': expect.any(String) } });
      expect(res.body.message).toContain('filter.companySIREN');
    }
    for (const body of [{ filter: {} }, { filter: { phase: 'TO_KEEP' } }, { filter: {}, allCompanies: false }]) {
      const res = await support.post('/api/workflows/batch/preview').send(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(body.allCompanies === false ? 'VALIDATION.FAILED' : 'WORKFLOW.BATCH_SCOPE_REQUIRED');
    }
    const unscoped = await support.post('/api/workflows/batch').send({ ...terminate, filter: { phase: 'TO_KEEP' } });
    expect(unscoped.body.code).toBe('WORKFLOW.BATCH_SCOPE_REQUIRED');
    const narrowed = await until(async () => {
      const res = await support.post('/api/workflows/batch/preview').send({ filter: { companySiren: A, phase: 'TO_KEEP' } });
      return res.body.count === 1 ? res.body : undefined;
    });
    expect(narrowed.byCompany).toEqual([{ companySiren: A, legalName: expect.any(String), count: 1 }]);
    expect((await support.get('/api/workflows/batch-scope-a')).body.status).toBe('RUNNING');
  });
});

describe('console commands, reset and raw history (support only)', () => {
  it('offers and sends a workflow’s own update, audited once the workflow accepted it', async () => {
    const detail = await support.get(`/api/workflows/registration-${B}`);
    expect(detail.body.commands).toEqual([{ name: 'resendConfirmation', kind: 'update' }]);
    expect((await admin.post(`/api/workflows/registration-${B}/commands/resendConfirmation`).send({})).status).toBe(403);
    expect((await support.post(`/api/workflows/registration-${B}/commands/dropEverything`).send({})).body.code).toBe('WORKFLOW.COMMAND_NOT_FOUND');
    const sent = await support.post(`/api/workflows/registration-${B}/commands/resendConfirmation`).send({ reason: 'mail perdu' });
    expect(sent.status).toBe(202);
    expect(sent.body.result.tokenExpiresAt).toEqual(expect.any(String));
    expect((await support.get(`/api/workflows/registration-${B}`)).body.state.mailsSent).toBe(2);
    expect(await auditOf({ targetId: `registration-${B}`, action: 'WORKFLOW.COMMAND_SENT' })).toEqual([
      expect.objectContaining({ actorLabel: 'Sophie SUPPORT', after: { reason: 'mail perdu', command: 'resendConfirmation' } }),
    ]);
    const sophie = (await support.get('/api/auth/me')).body;
    const history = (await support.get(`/api/workflows/registration-${B}`)).body.history as Array<Record<string, unknown>>;
    expect(history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ eventType: 'WORKFLOW_EXECUTION_UPDATE_ACCEPTED', name: 'resendConfirmation', by: `Sophie SUPPORT <${sophie.id}> (console)` }),
        expect.objectContaining({ eventType: 'WORKFLOW_EXECUTION_UPDATE_COMPLETED', name: 'resendConfirmation', failure: null }),
        expect.objectContaining({ eventType: 'ACTIVITY_TASK_SCHEDULED', name: 'deliverMail' }),
        // a timer says what it is for (its summary) and the phase it waits in, never its sequence number
        expect.objectContaining({ eventType: 'TIMER_STARTED', name: 'CONFIRMATION_REMINDER', waitingIn: 'AWAITING_CONFIRMATION', dueAt: expect.any(String) }),
      ]),
    );
  });

  it('resets a process to its last workflow-task completion, with a mandatory reason', async () => {
    const before = (await support.get('/api/workflows/review-a-later')).body;
    expect((await support.post('/api/workflows/review-a-later/reset').send({})).body.code).toBe('VALIDATION.FAILED');
    expect((await admin.post('/api/workflows/review-a-later/reset').send({ reason: 'bloqué depuis hier' })).status).toBe(403);
    const reset = await support.post('/api/workflows/review-a-later/reset').send({ reason: 'bloqué depuis hier' });
    expect(reset.status).toBe(202);
    expect(reset.body.runId).not.toBe(before.runId);
    const after = await until(async () => {
      const res = await support.get('/api/workflows/review-a-later');
      return res.body.phase ? res.body : undefined; // the new run's visibility record catches up
    });
    expect(after).toMatchObject({ runId: reset.body.runId, status: 'RUNNING', phase: 'AWAITING_REVIEW' });
    expect(after.history.map((e: { eventType: string }) => e.eventType)).toContain('WORKFLOW_TASK_FAILED'); // the reset point
    expect(await auditOf({ targetId: 'review-a-later', action: 'WORKFLOW.RESET' })).toEqual([
      expect.objectContaining({ before: { status: 'RUNNING', phase: 'AWAITING_REVIEW' }, after: { reason: 'bloqué depuis hier' } }),
    ]);

    const listed = await until(async () => {
      const res = await get(support, '/api/workflows', { type: REVIEW_WORKFLOW_TYPE, companySiren: A });
      const rows = res.body.filter((w: { id: string }) => w.id === 'review-a-later');
      return rows.length === 1 && rows[0].runId === reset.body.runId ? res : undefined;
    });
    expect(Number(listed.headers['content-range'].split('/')[1])).toBe(listed.body.length);
    expect(after.runs).toEqual([
      expect.objectContaining({ runId: reset.body.runId, status: 'RUNNING' }),
      expect.objectContaining({ runId: before.runId, status: 'TERMINATED' }),
    ]);
    const earlier = await support.get('/api/workflows/review-a-later').query({ runId: before.runId });
    expect(earlier.body).toMatchObject({ runId: before.runId, status: 'TERMINATED', awaitedRole: null, dueDate: null, overdue: false, commands: [] });
    expect(earlier.body.history.length).toBeGreaterThan(0);
  });

  it('records in Temporal the person who acted, and a closed process awaits nobody', async () => {
    await startReview(env.temporal.client, 'review-to-stop', { siren: A, phase: 'TO_STOP', awaitedRole: 'SUPPORT', dueAt: at(-HOUR) });
    await until(async () => ((await get(support, '/api/workflows', { awaitedRole: 'SUPPORT', phase: 'TO_STOP' })).body.length === 1 ? true : undefined));
    expect((await support.post('/api/workflows/review-to-stop/terminate').send({ reason: 'doublon constaté' })).status).toBe(202);
    const history = await env.temporal.client.workflow.getHandle('review-to-stop').fetchHistory();
    const terminated = history.events!.find((e) => e.workflowExecutionTerminatedEventAttributes)!.workflowExecutionTerminatedEventAttributes!;
    const sophie = (await support.get('/api/auth/me')).body;
    expect(terminated.identity).toBe(`Sophie SUPPORT <${sophie.id}> (console)`);
    const closed = await until(async () => {
      const res = await support.get('/api/workflows/review-to-stop');
      return res.body.status === 'TERMINATED' ? res.body : undefined;
    });
    expect(closed).toMatchObject({ phase: 'TO_STOP', awaitedRole: null, dueDate: null, overdue: false });
    expect(closed.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ eventType: 'WORKFLOW_EXECUTION_STARTED', name: REVIEW_WORKFLOW_TYPE }),
        expect.objectContaining({ eventType: 'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES', phase: 'TO_STOP' }),
        expect.objectContaining({ eventType: 'WORKFLOW_EXECUTION_TERMINATED', by: `Sophie SUPPORT <${sophie.id}> (console)`, reason: 'doublon constaté' }),
      ]),
    );
    await until(async () => ((await get(support, '/api/workflows', { awaitedRole: 'SUPPORT', phase: 'TO_STOP' })).body.length === 0 ? true : undefined));
    expect((await get(support, '/api/tasks', { phase: 'TO_STOP' })).body).toEqual([]);
  });

  it('downloads the raw history as Temporal JSON', async () => {
    const res = await support.get(`/api/workflows/registration-${B}/history.json`).buffer(true).parse((r, done) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => done(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="?registration-${B}\\.history\\.json"?$`));
    const history = JSON.parse(res.body as string);
    expect(history.events[0]).toMatchObject({ eventId: '1', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' });
    expect((await admin.get(`/api/workflows/review-a-later/history.json`)).status).toBe(403);
  });
});

describe('incidents: activities failing 3 attempts while SMTP is unreachable', () => {
  it('lists them in the caller’s scope, retries on demand, and clears them once SMTP is back', async () => {
    const incidents = await until(async () => {
      const res = await get(support, '/api/incidents');
      expect(res.status).toBe(200);
      const ids = res.body.map((i: { workflowId: string }) => i.workflowId);
      return ids.includes(`registration-${B}`) && ids.some((id: string) => id.startsWith('account-confirmation-')) ? res.body : undefined;
    }, 60_000);
    const registration = incidents.find((i: { workflowId: string }) => i.workflowId === `registration-${B}`);
    expect(registration).toMatchObject({ workflowType: 'companyRegistrationWorkflow', companySiren: B, activityType: 'deliverMail' });
    expect(registration.failedAttempts).toBeGreaterThanOrEqual(3);
    expect(registration.failure.cause).toBe('SERVICE_UNREACHABLE');
    expect(registration.failureDetail).toEqual(expect.any(String)); // refused, or no greeting: the mailer's own message, for support only
    expect(registration.nextAttemptAt).toEqual(expect.any(String));

    const theirs = (await get(admin, '/api/incidents')).body as Array<{ companySiren: string; failureDetail: string | null }>;
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((i) => i.companySiren === A)).toBe(true);
    expect(theirs.every((i) => i.failureDetail === null)).toBe(true);
    expect((await admin.get('/api/workflows/stats')).body.openIncidents).toBe(theirs.length);

    await new Promise((resolve) => smtpDown.close(resolve));
    catcher = await startSmtpCatcher(smtpPort);
    const path = `/api/incidents/${registration.workflowId}/${registration.activityId}/retry`;
    expect((await admin.post(path).send({})).status).toBe(403);
    expect((await support.post(path).send({ reason: 'SMTP rétabli' })).status).toBe(202);
    expect(await auditOf({ action: 'INCIDENT.RETRY_REQUESTED' })).toEqual([expect.objectContaining({ targetId: `${registration.workflowId}/${registration.activityId}` })]);

    await until(async () => {
      const open = (await get(support, '/api/incidents')).body as Array<{ workflowId: string }>;
      return open.length === 0 ? true : undefined;
    }, 60_000);
    const mails = await env.orm.em.fork().find(OutboxMessage, {});
    expect(mails.filter((m) => m.status === OutboxStatus.SENT).length).toBeGreaterThanOrEqual(2);
    expect((await support.post(path).send({})).body.code).toBe('INCIDENT.NOT_FOUND');
  });
});
