import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { PREVENTION_EMPLOYER_CHECK_WORKFLOW_TYPE, employerCheckId } from '../../workflows/prevention-check/prevention-check.messages';
import { TASK_QUEUE } from '../../workflows/task-queue';
import { seedDemoRights } from '../../domain/seed/demo-rights';
import { eventually, login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';
import { ADMIN, createOtherCompany, SUPPORT } from '../helpers/rights.fixtures';

/**
 * An employer's yearly check over HTTP, on the real worker: Boulangerie
 * Martin's check of the year (its workflow, as the yearly check starts it)
 * shows its employees of the year from the DSN relations, with the
 * declarations naming them (matched by pseudonym) and those with none; its
 * administrator marks it done, which ends the task; nobody else sees it.
 */

let env: IntegrationEnv;
let martin: Agent;
let durand: Agent;
let support: Agent;
const YEAR = new Date().getUTCFullYear();
const SIREN = '842716409';

beforeAll(async () => {
  env = await startIntegrationEnv();
  await seedDemoRights(env.orm.em.fork());
  const other = await createOtherCompany(env.orm);
  // A training body's line naming the head office's employee SAL-7K2Q9X (his pseudonym), of the year.
  const em = env.orm.em.fork();
  const [{ id }] = await em.execute<{ id: string }[]>(
    `insert into prevention_declaration (id, created_at, declarant_kind, declarant_siret, declared_by, channel, proof_type, title, training_start, training_end, modality, rome_skills, trainer_qualification, certification_kind, certification_code, quarter, deadline, days_late)
     values (gen_random_uuid(), now(), 'TRAINING_BODY', '73282932000074', gen_random_uuid(), 'FORM', 'ATTENDANCE', 'Habilitation électrique', ?, ?, 'IN_PERSON', '[]', 'Formateur', 'RS', 'RS1234', ?, ?, 0) returning id`,
    [`${YEAR}-02-02`, `${YEAR}-02-03`, `${YEAR}-Q1`, `${YEAR}-06-30`],
  );
  await em.execute(
    `insert into prevention_learner (id, created_at, declaration_id, nir, employee_pseudonym, birth_name, first_names, birth_date, employer_siret, employer_siren, quarter, status)
     values (gen_random_uuid(), now(), ?, '185057800608491', 'SAL-7K2Q9X', 'MOREAU', 'Luc', '1985-05-12', '84271640900011', ?, ?, 'PENDING_VERIFICATION')`,
    [id, SIREN, `${YEAR}-Q1`],
  );
  [martin, durand, support] = await Promise.all([ADMIN, other.admin, SUPPORT].map((p) => login(env.app, p)));
  await env.temporal.client.workflow.start(PREVENTION_EMPLOYER_CHECK_WORKFLOW_TYPE, {
    taskQueue: TASK_QUEUE,
    workflowId: employerCheckId(YEAR, SIREN),
    args: [{ year: YEAR, employerSiren: SIREN }],
  });
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

const list = (agent: Agent, resource: string, filter: object = {}) => agent.get(`/api/${resource}`).query({ filter: JSON.stringify(filter), range: '[0,99]' });

it('the employer’s check lists his employees of the year with their declarations, and those with none', async () => {
  const [check] = await eventually(async () => {
    const res = await list(martin, 'prevention-checks');
    return res.body.length ? res.body : undefined;
  });
  expect(check).toMatchObject({ year: YEAR, employerSiren: SIREN, status: 'OPEN', due: `${YEAR}-12-31` });
  // SAL-R2D6WB left in 2025: not an employee of the year.
  expect(check.counts).toEqual({ employees: 3, withDeclaration: 1, without: 2, awaitingVerification: 1 });
  const without = await list(martin, 'prevention-check-employees', { checkId: check.id, declared: false });
  expect(without.body.map((e: { employeeId: string }) => e.employeeId).sort()).toEqual(['SAL-H9C3LN', 'SAL-M4T8PZ']);
  const declared = await list(martin, 'prevention-check-employees', { checkId: check.id, declared: true });
  expect(declared.body).toEqual([
    expect.objectContaining({ employeeId: 'SAL-7K2Q9X', declarations: [expect.objectContaining({ title: 'Habilitation électrique', status: 'PENDING_VERIFICATION', birthName: 'MOREAU' })] }),
  ]);
  expect(JSON.stringify(declared.body)).not.toContain('185057800608491');
  expect((await list(martin, 'prevention-check-employees', {})).status).toBe(400);
  expect((await list(martin, 'prevention-check-employees', { checkId: check.id, colour: 'red' })).body.code).toBe('VALIDATION.UNKNOWN_FIELD');

  expect((await list(durand, 'prevention-checks')).body).toEqual([]);
  expect((await durand.get(`/api/prevention-checks/${check.id}`)).status).toBe(404);
  expect((await list(durand, 'prevention-check-employees', { checkId: check.id })).status).toBe(404);
  expect((await list(support, 'prevention-checks')).body).toHaveLength(1);
});

it('is a task of the company’s administrators until one marks it done; support does not; done twice is a 409', async () => {
  const [check] = (await list(martin, 'prevention-checks')).body;
  await eventually(async () => ((await list(martin, 'tasks')).body.some((t: { id: string }) => t.id === employerCheckId(YEAR, SIREN)) ? true : undefined));
  expect((await support.post(`/api/prevention-checks/${check.id}/done`)).status).toBe(403);
  const done = await martin.post(`/api/prevention-checks/${check.id}/done`);
  expect(done.status).toBe(200);
  expect(done.body).toMatchObject({ status: 'DONE' });
  const again = await martin.post(`/api/prevention-checks/${check.id}/done`);
  expect(again.status).toBe(409);
  expect(again.body.code).toBe('PREVENTION.CHECK_CLOSED');
  await eventually(async () => ((await list(martin, 'tasks')).body.some((t: { id: string }) => t.id === employerCheckId(YEAR, SIREN)) ? undefined : true));
});

it('support reads the yearly runs and their reports; an administrator does not', async () => {
  await env.orm.em.fork().execute(
    `insert into prevention_check_run (year, workflow_id, status, due, employers, started_at, reported_at, report)
     values (2025, 'prevention-check-2025', 'REPORTED', '2025-12-31', 3, now(), now(), '{"done": 1, "notDone": 2, "pendingLines": 4}')`,
  );
  const res = await list(support, 'prevention-check-runs', { year: 2025 });
  expect(res.status).toBe(200);
  expect(res.body).toEqual([expect.objectContaining({ id: 2025, status: 'REPORTED', employers: 3, report: { done: 1, notDone: 2, pendingLines: 4 } })]);
  expect((await list(support, 'prevention-check-runs', { id: [2025] })).body).toHaveLength(1);
  expect((await list(martin, 'prevention-check-runs')).status).toBe(403);
});

it('support starts a year’s check now, as its Schedule would, once: the run is listed when answered, the employers’ checks follow; audited', async () => {
  const lastYear = YEAR - 1;
  const refusals: Array<[Agent, object, number, string]> = [
    [martin, { year: YEAR }, 403, 'AUTH.FORBIDDEN'],
    [support, { year: YEAR + 1 }, 400, 'PREVENTION.CHECK_YEAR_FUTURE'],
    [support, { year: lastYear }, 400, 'PREVENTION.DATE_PAST'],
    [support, { year: YEAR, due: `${lastYear}-12-31` }, 400, 'PREVENTION.DATE_PAST'],
    [support, { year: YEAR, colour: 'blue' }, 400, 'VALIDATION.UNKNOWN_FIELD'],
    [support, { year: YEAR, due: `${YEAR}-12-31\u0000` }, 400, 'VALIDATION.FAILED'],
  ];
  for (const [agent, body, status, code] of refusals) {
    const res = await agent.post('/api/prevention-check-runs').send(body);
    expect([JSON.stringify(body), res.status, res.body.code]).toEqual([JSON.stringify(body), status, code]);
  }
  expect((await list(support, 'prevention-check-runs', { year: YEAR })).body).toEqual([]);

  const started = await support.post('/api/prevention-check-runs').send({ year: YEAR });
  expect(started.status).toBe(202);
  expect(started.body).toEqual({ year: YEAR, workflowId: `prevention-check-${YEAR}`, due: `${YEAR}-12-31` });
  expect((await list(support, 'prevention-check-runs', { year: YEAR })).body).toEqual([expect.objectContaining({ id: YEAR, status: 'RUNNING', due: `${YEAR}-12-31` })]);
  const again = await support.post('/api/prevention-check-runs').send({ year: YEAR });
  expect([again.status, again.body.code]).toEqual([409, 'PREVENTION.CHECK_RUN_EXISTS']);
  const audit = await env.orm.em.fork().find(AuditEvent, { action: 'PREVENTION.CHECK_RUN_STARTED' });
  expect(audit.map((a) => [a.targetId, a.after])).toEqual([[String(YEAR), { workflowId: `prevention-check-${YEAR}`, due: `${YEAR}-12-31` }]]);
  // Martin's check was started before (as a child of this run would be): found started, never twice.
  await eventually(async () => ((await list(support, 'prevention-check-runs', { year: YEAR })).body[0]?.employers >= 1 ? true : undefined));
  expect((await list(martin, 'prevention-checks', { year: YEAR })).body).toHaveLength(1);
});
