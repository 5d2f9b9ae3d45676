import request from 'supertest';
import { AccountRole } from '../../domain/account/account.entity';
import { Company } from '../../domain/company/company.entity';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { eventually, login, startIntegrationEnv, type IntegrationEnv, type Agent } from '../helpers/integration';

let env: IntegrationEnv;
let support: Agent;
let admin: Agent;

const [supportLogin, adminLogin, declarantLogin] = [AccountRole.SUPPORT, AccountRole.ADMINISTRATOR, AccountRole.DECLARANT].map(
  (role) => DEMO_LOGINS.find((l) => l.role === role)!,
);

const registration = (siren: string, siret: string) => ({
  siren,
  siret,
  lastName: 'Durand',
  firstName: 'Élise',
  email: `primo-${siren}@example.test`,
  password: 'Copeaux-et-Sciure-44',
});

interface Row {
  id: string;
  type: string;
  companySiren: string | null;
  phase: string | null;
  awaitedRole: string | null;
  overdue: boolean;
}

const listed = async (agent: Agent, filter: object, expected: (rows: Row[]) => boolean) =>
  eventually(async () => {
    const res = await agent.get('/api/workflows').query({ filter: JSON.stringify(filter) });
    expect(res.status).toBe(200);
    return expected(res.body) ? (res.body as Row[]) : undefined;
  });

beforeAll(async () => {
  env = await startIntegrationEnv();
  for (const [siren, siret] of [['732829320', '73282932000074'], ['532109873', '53210987300010']]) {
    expect((await request(env.app).post('/api/registrations').send(registration(siren, siret))).status).toBe(202);
  }
  support = await login(env.app, supportLogin);
  admin = await login(env.app, adminLogin);
  const created = await admin.post('/api/declarants').send({ siret: '84271640900029', lastName: 'PETIT', firstName: 'Jules', email: 'jules.petit@example.test' });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await env?.stop();
});

describe('GET /api/workflows (supervision over Temporal visibility)', () => {
  it('filters by company', async () => {
    const rows = await listed(support, { companySiren: '732829320' }, (r) => r.length > 0);
    expect(rows.map((r) => r.id)).toEqual(['registration-732829320']);
    expect(rows[0]).toMatchObject({ type: 'companyRegistrationWorkflow', phase: 'AWAITING_CONFIRMATION', awaitedRole: 'PRIMO_AD', overdue: false });
  });

  it('lists every workflow type through the same attributes, filtered by awaited role and type', async () => {
    const holders = await listed(support, { awaitedRole: 'ACCOUNT_HOLDER' }, (r) => r.length > 0);
    expect(holders.map((r) => r.type)).toEqual(['accountConfirmationWorkflow']);
    expect(holders[0].companySiren).toBe('842716409');
    const registrations = await listed(support, { type: 'companyRegistrationWorkflow', status: 'RUNNING' }, (r) => r.length === 2);
    expect(registrations.map((r) => r.id).sort()).toEqual(['registration-532109873', 'registration-732829320']);
    expect((await support.get('/api/workflows').query({ filter: JSON.stringify({ overdue: true }) })).body).toEqual([]);
  });

  it('shows an administrator only his company’s processes, in lists and details', async () => {
    const mine = await listed(admin, {}, (r) => r.length > 0);
    expect(mine.every((r) => r.companySiren === '842716409')).toBe(true);
    expect((await admin.get('/api/workflows').query({ filter: JSON.stringify({ companySiren: '732829320' }) })).body).toEqual([]);
    expect((await admin.get('/api/workflows/registration-732829320')).status).toBe(404);
    expect((await admin.get(`/api/workflows/${mine[0].id}`)).status).toBe(200);
    const declarant = await login(env.app, declarantLogin);
    expect((await declarant.get('/api/workflows')).status).toBe(403);
  });

  it('details a process with its own status, pending activities and a readable history', async () => {
    const res = await support.get('/api/workflows/registration-532109873');
    expect(res.status).toBe(200);
    expect(res.body.state).toMatchObject({ phase: 'AWAITING_CONFIRMATION', awaiting: 'PRIMO_AD', mailsSent: 1 });
    expect(res.body.pendingActivities).toEqual([]);
    const types = (res.body.history as Array<{ eventType: string }>).map((e) => e.eventType);
    expect(types[0]).toBe('WORKFLOW_EXECUTION_STARTED');
    expect(types).toContain('ACTIVITY_TASK_COMPLETED');
    expect(types).toContain('UPSERT_WORKFLOW_SEARCH_ATTRIBUTES');
    expect(res.body.temporalUiUrl).toContain('/workflows/registration-532109873/');
    expect((await support.get('/api/workflows/nothing-like-this')).status).toBe(404);
  });
});

describe('support actions on processes', () => {
  it('terminates with a mandatory reason, audited, and only for support', async () => {
    expect((await support.post('/api/workflows/registration-532109873/terminate').send({})).body.code).toBe('VALIDATION.FAILED');
    expect((await admin.post('/api/workflows/registration-532109873/terminate').send({ reason: 'doublon signalé' })).status).toBe(403);
    const done = await support.post('/api/workflows/registration-532109873/terminate').send({ reason: 'doublon signalé' });
    expect(done.status).toBe(202);
    const detail = await support.get('/api/workflows/registration-532109873');
    expect(detail.body.status).toBe('TERMINATED');
    const audit = await support.get('/api/audit-events').query({ filter: JSON.stringify({ targetId: 'registration-532109873' }) });
    expect(audit.body).toEqual([
      expect.objectContaining({ action: 'WORKFLOW.TERMINATED', actorLabel: 'Sophie SUPPORT', after: { reason: 'doublon signalé' } }),
    ]);
    const again = await support.post('/api/workflows/registration-532109873/terminate').send({ reason: 'encore une fois' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('WORKFLOW.NOT_RUNNING');
  });

  it('cancels gracefully and records who asked', async () => {
    expect((await support.post('/api/workflows/registration-732829320/cancel').send({ reason: 'demande du client' })).status).toBe(202);
    const cancelled = await eventually(async () => {
      const res = await support.get('/api/workflows/registration-732829320');
      return res.body.status === 'CANCELLED' ? res.body : undefined;
    });
    expect(cancelled.closedAt).not.toBeNull();
    expect(cancelled.state).toMatchObject({ phase: 'PURGED' });
    expect(await env.orm.em.fork().count(Company, { siren: '732829320' })).toBe(0);
    const audit = await support.get('/api/audit-events').query({ filter: JSON.stringify({ action: 'WORKFLOW.CANCEL_REQUESTED' }) });
    expect(audit.body.map((e: { targetId: string }) => e.targetId)).toEqual(['registration-732829320']);
  });
});
