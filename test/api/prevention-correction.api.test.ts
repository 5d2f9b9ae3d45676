import { ServiceError, WorkflowFailedError, type Client } from '@temporalio/client';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { endOfParisDay, quarterOf, verificationDeadline } from '../../domain/prevention/declaration-dates.rules';
import { dsnFilingImporter } from '../../domain/dsn/dsn-filing.importer';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { PreventionCorrectionRequest, PreventionLearner } from '../../domain/prevention/prevention.entities';
import { seedDemoRights } from '../../domain/seed/demo-rights';
import { correctionStatusQuery, PREVENTION_CORRECTION_WORKFLOW_TYPE, preventionCorrectionId } from '../../workflows/prevention-correction/prevention-correction.messages';
import { BusinessPhase } from '../../workflows/search-attributes';
import { nirWithKey } from '../helpers/prevention.fixtures';
import { eventually, login, mailsTo, PUBLIC_URL, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';
import { ADMIN, createCompany, SUPPORT } from '../helpers/rights.fixtures';
import { unreachableTemporal } from '../helpers/unreachable-temporal';

/**
 * An employer's correction request over HTTP, on PostgreSQL and the real
 * worker: one request naming lines of two training bodies gives each of
 * them a task in its administrators' « Mes tâches » (opening its
 * declarations) and a mail — to the declarant who declared, or, when he may
 * no longer declare for the SIRET, to the administrators — without a NIR,
 * a name or the reason; the training body deleting the lines closes its
 * task, and a deletion once the task is closed is no error. The tasks are
 * started before the request commits: Temporal unreachable refuses it
 * whole, and a task started before the refusal ends ABANDONED.
 */

let env: IntegrationEnv;
let ofA: Awaited<ReturnType<typeof createCompany>>;
let ofB: Awaited<ReturnType<typeof createCompany>>;
let declarantA: Agent;
let adminA: Agent;
let declarantB: Agent;
let adminB: Agent;
let martin: Agent;

const MARTIN = '84271640900011';
const DAY_MS = 24 * 3600_000;
const daysAgo = (n: number) => parisToday(new Date(Date.now() - n * DAY_MS));
const NIR_A = nirWithKey('1850578006084');
const NIR_B = nirWithKey('2920375120005');
const REASON = 'Le salarié DUPONT n’a pas suivi le second jour';

const learner = (nir: string, birthName: string) => ({ nir, birthName, firstNames: 'Jean Marie', birthDate: '1985-05-12', employerSiret: MARTIN });

const declaration = (declarantSiret: string, learners: ReturnType<typeof learner>[]) => ({
  declarantSiret,
  declarantKind: 'TRAINING_BODY',
  proofType: 'ATTENDANCE',
  title: 'Sauveteur secouriste du travail',
  trainingStart: daysAgo(12),
  trainingEnd: daysAgo(10),
  modality: 'IN_PERSON',
  romeSkills: ['K2110'],
  trainerQualification: 'Formateur SST certifié INRS',
  certificationKind: 'RS',
  certificationCode: 'RS5537',
  learners,
});

interface Task {
  id: string;
  type: string;
  phase: string;
  page: string;
  companySiren: string;
  dueDate: string;
}

const correctionTasks = async (agent: Agent): Promise<Task[]> =>
  ((await agent.get('/api/tasks').query({ range: '[0,99]' })).body as Task[]).filter((t) => t.type === PREVENTION_CORRECTION_WORKFLOW_TYPE);

beforeAll(async () => {
  env = await startIntegrationEnv();
  const trainingBody = (sirenPrefix: string, legalName: string, declarant: string, admin: string) =>
    createCompany(env.orm, {
      sirenPrefix,
      legalName,
      establishments: 1,
      service: 'PREVENTION_PASSPORT',
      people: [
        { lastName: declarant, firstName: 'Lucie', rights: 'declare' },
        { lastName: admin, firstName: 'Claire', admin: true },
      ],
    });
  ofA = await trainingBody('38012986', 'Organisme Prévention Formation', 'BERNARD', 'ROUX');
  ofB = await trainingBody('41234567', 'Sécurité Formation Ouest', 'PETIT', 'BLANC');
  await seedDemoRights(env.orm.em.fork());
  // The passport is PAYROLL_LINKED: each training body acts for the SIRET whose DSN it filed lately.
  const month = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
  await dsnFilingImporter.write(
    env.orm.em.fork(),
    [ofA.sirets[0], ofB.sirets[0]].map((siret) => ({ declaringSiret: siret, declaredSiret: siret, period: month, filedAt: new Date().toISOString(), declaringAccountId: null })),
  );
  [declarantA, adminA, declarantB, adminB, martin] = await Promise.all([ofA.people[0], ofA.people[1], ofB.people[0], ofB.people[1], ADMIN].map((p) => login(env.app, p)));
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

const emailOf = (of: typeof ofA, i: number) => `${of.people[i].firstName.toLowerCase()}.${of.people[i].lastName.toLowerCase()}@${of.siren}.example`;

describe('an employer asks two training bodies for a correction in one request', () => {
  let linesA: string[];
  let lineB: string;
  let taskA: Task;
  let taskB: Task;

  beforeAll(async () => {
    const a = await declarantA.post('/api/prevention-declarations').send(declaration(ofA.sirets[0], [learner(NIR_A, 'DUPONT'), learner(NIR_B, 'MOREAU')]));
    const b = await declarantB.post('/api/prevention-declarations').send(declaration(ofB.sirets[0], [learner(NIR_A, 'DUPONT')]));
    expect([a.status, b.status]).toEqual([201, 201]);
    linesA = a.body.learners.map((l: { id: string }) => l.id);
    lineB = b.body.learners[0].id;
    // Training body B's declarant may no longer declare for its SIRET: B's mail goes to its administrators.
    await env.orm.em.fork().execute(`update habilitation set can_declare = false where siret = ? and service_code = 'PREVENTION_PASSPORT'`, [ofB.sirets[0]]);
  });

  it('each training body’s administrators see one task, due at the end of the lines’ verification window, opening its declarations; nobody else sees it', async () => {
    const asked = await martin.post('/api/prevention-learners/request-correction').send({ ids: [...linesA, lineB], reason: REASON });
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual({ changed: 3 });

    const due = endOfParisDay(verificationDeadline(quarterOf(daysAgo(10))));
    [taskA] = await eventually(async () => ((await correctionTasks(adminA)).length ? correctionTasks(adminA) : undefined));
    expect(await correctionTasks(adminA)).toHaveLength(1);
    expect(taskA).toMatchObject({ phase: 'CORRECTION_TO_DO', page: '/prevention-declarations', companySiren: ofA.siren, dueDate: due });
    expect(taskA.id).toMatch(new RegExp(`^prevention-correction-[0-9a-f-]{36}-${ofA.sirets[0]}$`));
    [taskB] = await eventually(async () => ((await correctionTasks(adminB)).length ? correctionTasks(adminB) : undefined));
    expect(taskB).toMatchObject({ phase: 'CORRECTION_TO_DO', page: '/prevention-declarations', companySiren: ofB.siren, dueDate: due });
    expect(taskB.id.slice(0, -15)).toBe(taskA.id.slice(0, -15));
    expect(await correctionTasks(martin)).toEqual([]);
    expect(await env.temporal.client.workflow.getHandle(taskA.id).query(correctionStatusQuery)).toMatchObject({ phase: 'CORRECTION_TO_DO', counts: { asked: 2, corrected: 0 } });
  });

  it('the declarant who declared is mailed once, B’s administrator in his stead; no NIR, name or reason in the mails, a link to the declarations', async () => {
    const [mailA] = await mailsTo(env.app, emailOf(ofA, 0));
    expect(await mailsTo(env.app, emailOf(ofA, 0))).toHaveLength(1);
    expect(mailA).toMatchObject({ status: 'SENT', subject: expect.stringContaining('2 lignes'), links: [`${PUBLIC_URL}/#/prevention-declarations`] });
    expect(mailA.text).toContain(ofA.sirets[0]);
    expect(mailA.text).toContain('842716409');
    const [mailB] = await mailsTo(env.app, emailOf(ofB, 1));
    expect(mailB.subject).toContain('une ligne');
    const outbox = await login(env.app, SUPPORT);
    expect((await outbox.get('/api/outbox').query({ filter: JSON.stringify({ q: emailOf(ofB, 0) }) })).body).toEqual([]);
    for (const mail of [mailA, mailB]) {
      for (const secret of [NIR_A, NIR_A.slice(0, 13), NIR_B.slice(0, 13), 'DUPONT', 'MOREAU', REASON]) expect(JSON.stringify(mail)).not.toContain(secret);
    }
  });

  it('training body A deleting its lines closes its task (CORRECTED); B’s stays open', async () => {
    expect((await declarantA.delete(`/api/prevention-learners/${linesA[0]}`)).status).toBe(200);
    const handle = env.temporal.client.workflow.getHandle(taskA.id);
    await eventually(async () => ((await handle.query(correctionStatusQuery)).counts.corrected === 1 ? true : undefined));
    expect(await correctionTasks(adminA)).toHaveLength(1);
    expect((await declarantA.delete(`/api/prevention-learners/${linesA[1]}`)).status).toBe(200);
    expect(await handle.result()).toEqual({ phase: 'CORRECTED', counts: { asked: 2, corrected: 2 } });
    await eventually(async () => ((await correctionTasks(adminA)).length ? undefined : true));
    expect((await correctionTasks(adminB)).map((t) => t.id)).toEqual([taskB.id]);
  });

  it('a line deleted once its task is closed is deleted all the same', async () => {
    const handle = env.temporal.client.workflow.getHandle(taskB.id);
    await handle.cancel();
    expect(await handle.result().catch((err: unknown) => err)).toBeInstanceOf(WorkflowFailedError);
    const deleted = await adminB.delete(`/api/prevention-learners/${lineB}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: lineB, declarationDeleted: true });
  });

  it('no NIR, name or reason in the correction tasks’ histories', async () => {
    for (const id of [taskA.id, taskB.id]) {
      // Payloads are bytes: read them as the text they encode.
      const history = JSON.stringify(await env.temporal.client.workflow.getHandle(id).fetchHistory(), (_, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : v));
      expect(history).toContain(id.slice(22, 58));
      for (const secret of [NIR_A, NIR_B, 'DUPONT', 'MOREAU', 'Jean Marie', REASON]) expect(history).not.toContain(secret);
    }
  });
});

describe('a correction request while Temporal fails: refused whole, nothing changed', () => {
  /** Two fresh lines, one per training body (B's by its administrator: its declarant no longer declares), under a training of their own. */
  async function twoLines(title: string): Promise<string[]> {
    const a = await declarantA.post('/api/prevention-declarations').send({ ...declaration(ofA.sirets[0], [learner(NIR_A, 'DUPONT')]), title });
    const b = await adminB.post('/api/prevention-declarations').send({ ...declaration(ofB.sirets[0], [learner(NIR_B, 'MOREAU')]), title });
    expect([a.status, b.status]).toEqual([201, 201]);
    return [a.body.learners[0].id, b.body.learners[0].id];
  }

  async function nothingChanged(ids: string[]): Promise<void> {
    const lines = await martin.get('/api/prevention-learners').query({ filter: JSON.stringify({ id: ids }) });
    expect(lines.body.map((l: { status: string }) => l.status)).toEqual(['PENDING_VERIFICATION', 'PENDING_VERIFICATION']);
    const em = env.orm.em.fork();
    expect(await em.count(AuditEvent, { action: 'PREVENTION.CORRECTION_REQUESTED', targetId: { $in: ids } })).toBe(0);
  }

  it('Temporal unreachable: 503 TEMPORAL.UNAVAILABLE, the lines still to verify, no request recorded; asked again once it is back, the request is made and its tasks mail', async () => {
    const ids = await twoLines('Gestes et postures');
    const requests = await env.orm.em.fork().count(PreventionCorrectionRequest);
    const down = await login(env.newApp({ temporal: await unreachableTemporal() }), ADMIN);
    const refused = await down.post('/api/prevention-learners/request-correction').send({ ids, reason: REASON });
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({ code: 'TEMPORAL.UNAVAILABLE', message: expect.any(String) });
    await nothingChanged(ids);
    expect(await env.orm.em.fork().count(PreventionCorrectionRequest)).toBe(requests);

    const asked = await martin.post('/api/prevention-learners/request-correction').send({ ids, reason: REASON });
    expect(asked.status).toBe(200);
    expect(asked.body).toEqual({ changed: 2 });
    expect(await env.orm.em.fork().count(PreventionCorrectionRequest)).toBe(requests + 1);
    const { correctionRequestId } = await env.orm.em.fork().findOneOrFail(PreventionLearner, ids[0]);
    for (const siret of [ofA.sirets[0], ofB.sirets[0]]) {
      const handle = env.temporal.client.workflow.getHandle(preventionCorrectionId(correctionRequestId!, siret));
      await eventually(async () => ((await handle.query(correctionStatusQuery)).mails === 1 ? true : undefined));
    }
  });

  it('Temporal failing for the second training body: refused whole, and the first one’s task, started already, ends ABANDONED without a mail', async () => {
    const ids = await twoLines('Travail en hauteur');
    const real = env.temporal.client;
    const started: string[] = [];
    const failingSecond = new Proxy(real.workflow, {
      get(target, prop) {
        if (prop !== 'start') return Reflect.get(target, prop, target);
        return async (...args: Parameters<Client['workflow']['start']>) => {
          if (started.length === 1) throw new ServiceError('Failed to start Workflow');
          started.push(args[1].workflowId);
          return target.start(...args);
        };
      },
    });
    const temporal = new Proxy(real, { get: (target, prop) => (prop === 'workflow' ? failingSecond : Reflect.get(target, prop, target)) });
    const support = await login(env.app, SUPPORT);
    const outboxOf = async (of: typeof ofA) =>
      ((await support.get('/api/outbox').query({ filter: JSON.stringify({ q: of.siren }), range: '[0,99]' })).body as unknown[]).length;
    const mailsBefore = [await outboxOf(ofA), await outboxOf(ofB)];

    const flaky = await login(env.newApp({ temporal }), ADMIN);
    const refused = await flaky.post('/api/prevention-learners/request-correction').send({ ids, reason: REASON });
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('TEMPORAL.UNAVAILABLE');
    await nothingChanged(ids);

    expect(started).toHaveLength(1);
    const handle = real.workflow.getHandle(started[0]);
    expect(await handle.result()).toEqual({ phase: 'ABANDONED', counts: { asked: 1, corrected: 0 } });
    expect((await handle.describe()).typedSearchAttributes.get(BusinessPhase)).toBe('ABANDONED');
    expect([...(await correctionTasks(adminA)), ...(await correctionTasks(adminB))].map((t) => t.id)).not.toContain(started[0]);
    expect([await outboxOf(ofA), await outboxOf(ofB)]).toEqual(mailsBefore);
  });
});
