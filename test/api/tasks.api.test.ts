import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { REVIEW_WORKFLOW_TYPE, startReview, startReviewWorker } from '../helpers/foreign-workflow';
import { eventually, login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';
import { ADMIN, createOtherCompany, DECLARANT, SUPPORT } from '../helpers/rights.fixtures';

jest.setTimeout(120_000);

let env: IntegrationEnv;
let reviews: { stop(): Promise<void> };
let admin: Agent;
let otherAdmin: Agent;
let support: Agent;

interface Task {
  id: string;
  type: string;
  companySiren: string | null;
  awaitedRole: string | null;
  page: string;
}

const tasksOf = async (agent: Agent, filter: object = {}) => (await agent.get('/api/tasks').query({ filter: JSON.stringify(filter) })).body as Task[];

beforeAll(async () => {
  env = await startIntegrationEnv();
  reviews = await startReviewWorker(env.temporal.nativeConnection);
  const other = await createOtherCompany(env.orm);
  [admin, otherAdmin, support] = await Promise.all([login(env.app, ADMIN), login(env.app, other.admin), login(env.app, SUPPORT)]);
});

afterAll(async () => {
  await reviews?.stop();
  await env?.stop();
});

describe('« Mes tâches » over HTTP: who sees a waiting departure', () => {
  it('its company’s administrators and support see it, another company’s administrator does not; support sees no administrators’ task it may not do', async () => {
    const siren = ADMIN.siret.slice(0, 9);
    await startReview(env.temporal.client, 'review-for-admins', { siren, phase: 'AWAITING_REVIEW', awaitedRole: 'ADMINISTRATOR', dueAt: new Date(Date.now() + 3_600_000).toISOString() });
    const people = (await admin.get('/api/declarants')).body as Array<{ id: string; lastName: string }>;
    const leaver = people.find((p) => p.lastName === DECLARANT.lastName)!;
    const departure = await admin.post('/api/departures').send({
      accountId: leaver.id,
      effectiveDate: parisToday(new Date()),
      rights: { mode: 'TRANSFER_NEW', arrival: { siret: ADMIN.siret, lastName: 'Morel', firstName: 'Nina', email: 'nina.morel@example.test' } },
    });
    expect(departure.status).toBe(202);
    const { workflowId, id } = departure.body as { workflowId: string; id: string };
    const expected = { id: workflowId, companySiren: siren, awaitedRole: 'ADMINISTRATOR', page: `/departures/${id}/show` };

    const adminTasks = await eventually(async () => {
      const tasks = await tasksOf(admin);
      return tasks.some((t) => t.id === workflowId) && tasks.some((t) => t.id === 'review-for-admins') ? tasks : undefined;
    });
    expect(adminTasks).toEqual(expect.arrayContaining([expect.objectContaining(expected)]));

    const supportTasks = await tasksOf(support);
    expect(supportTasks).toEqual(expect.arrayContaining([expect.objectContaining(expected)]));
    expect(supportTasks.map((t) => t.id)).not.toContain('review-for-admins');
    expect((await tasksOf(support, { companySiren: siren, type: REVIEW_WORKFLOW_TYPE })).map((t) => t.id)).toEqual([]);
    expect((await tasksOf(support, { companySiren: siren })).map((t) => t.id)).toContain(workflowId);

    expect((await tasksOf(otherAdmin)).map((t) => t.id)).toEqual([]);
  });
});
