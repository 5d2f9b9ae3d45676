import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { declarationDeadline, quarterOf, verificationDeadline } from '../../domain/prevention/declaration-dates.rules';
import { preventionWindowId } from '../../workflows/prevention-window/prevention-window.messages';
import { allTextInDatabase } from '../helpers/database';
import { nirWithKey as nir, preventionParties } from '../helpers/prevention.fixtures';
import { eventually, login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';
import { ADMIN, createCompany, SUPPORT, type OtherCompany } from '../helpers/rights.fixtures';

/**
 * The prevention passport over HTTP, on PostgreSQL and the Temporal dev
 * server: a training body declares for learners of two employers, each
 * employer sees and verifies his own lines only, the NIR is in clear for
 * them and masked for support, a declaration is never edited but its lines
 * deleted, and each (employer SIREN, quarter) gets one verification window.
 */

let env: IntegrationEnv;
let of: Awaited<ReturnType<typeof createCompany>>;
let durand: OtherCompany;
let ofDeclarant: Agent;
let ofReader: Agent;
let martin: Agent;
let durandAdmin: Agent;
let support: Agent;

const MARTIN = '84271640900011';
const DAY_MS = 24 * 3600_000;
const daysAgo = (n: number) => parisToday(new Date(Date.now() - n * DAY_MS));

/** NIRs with their key (97 − n mod 97). */
const NIR_A = nir('1850578006084');
const NIR_B = nir('2920375120005');
const NIR_C = nir('1790869123456');

const learner = (n: string, employerSiret: string, birthName = 'DUPONT') => ({ nir: n, birthName, firstNames: 'Jean Marie', birthDate: '1985-05-12', employerSiret });

const declaration = (over: Record<string, unknown> = {}) => ({
  declarantSiret: of.sirets[0],
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
  learners: [learner(NIR_A, MARTIN, 'MARTIN'), learner(NIR_B, durand.siret, 'DURAND')],
  ...over,
});

beforeAll(async () => {
  env = await startIntegrationEnv();
  ({ durand, of } = await preventionParties(env.orm));
  [ofDeclarant, ofReader, martin, durandAdmin, support] = await Promise.all([of.people[0], of.people[1], ADMIN, durand.admin, SUPPORT].map((p) => login(env.app, p)));
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

const learners = async (agent: Agent, filter: object = {}) => (await agent.get('/api/prevention-learners').query({ filter: JSON.stringify(filter), range: '[0,99]' })).body;

describe('a training body declares', () => {
  let id: string;

  it('two learners of two employers: quarter and legal deadline computed, each line pending its employer’s verification, one window per (SIREN, quarter)', async () => {
    const res = await ofDeclarant.post('/api/prevention-declarations').send(declaration());
    expect(res.status).toBe(201);
    id = res.body.id;
    const quarter = quarterOf(daysAgo(10));
    expect(res.body).toMatchObject({ quarter, deadline: declarationDeadline(quarter, 'TRAINING_BODY'), late: false, daysLate: 0, learnerCount: 2, channel: 'FORM' });
    expect(res.body.statusCounts.PENDING_VERIFICATION).toBe(2);
    expect(res.body.learners.map((l: { nir: string; nirMasked: boolean }) => [l.nir, l.nirMasked]).sort()).toEqual([[NIR_A, false], [NIR_B, false]].sort());
    expect(res.body.learners[0].verificationDeadline).toBe(verificationDeadline(quarter));
    for (const siren of ['842716409', '732829320']) {
      const handle = env.temporal.client.workflow.getHandle(preventionWindowId(siren, quarter));
      expect((await handle.describe()).status.name).toBe('RUNNING');
    }
  });

  it('a second declaration of the same quarter joins the same windows (no new workflow per declaration)', async () => {
    const res = await ofDeclarant.post('/api/prevention-declarations').send(declaration({ learners: [learner(NIR_C, MARTIN, 'PETIT')] }));
    expect(res.status).toBe(201);
    const quarter = quarterOf(daysAgo(10));
    const windows = [];
    for await (const w of env.temporal.client.workflow.list({ query: `WorkflowId = '${preventionWindowId('842716409', quarter)}'` })) windows.push(w);
    expect(windows).toHaveLength(1);
  });

  it('each employer sees his own lines in clear, support all of them masked, the training body all in clear; nobody else anything', async () => {
    const martinLines = await learners(martin);
    expect(martinLines.map((l: { employerSiret: string }) => l.employerSiret)).toEqual([MARTIN, MARTIN]);
    expect(martinLines.every((l: { nirMasked: boolean }) => !l.nirMasked)).toBe(true);
    const detail = await martin.get(`/api/prevention-declarations/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.learners.map((l: { nir: string }) => l.nir)).toEqual([NIR_A]);
    expect(detail.body.learnerCount).toBe(1);

    expect((await learners(durandAdmin)).map((l: { nir: string }) => l.nir)).toEqual([NIR_B]);
    const supportLines = await learners(support, { declarationId: id });
    expect(supportLines).toHaveLength(2);
    expect(supportLines.every((l: { nirMasked: boolean; nir: string }) => l.nirMasked && /^[12] \d\d •• /.test(l.nir))).toBe(true);
    expect(JSON.stringify(supportLines)).not.toContain(NIR_A.slice(5));
    expect(await learners(ofReader, { declarationId: id })).toHaveLength(2);

    const stranger = await createCompany(env.orm, { sirenPrefix: '41234567', legalName: 'Autre OF', establishments: 1, service: 'PREVENTION_PASSPORT', people: [{ lastName: 'NOIR', firstName: 'Eva', admin: true }] });
    const other = await login(env.app, stranger.people[0]);
    expect(await learners(other)).toEqual([]);
    expect((await other.get(`/api/prevention-declarations/${id}`)).status).toBe(404);
  });

  it('the employer verifies his line once, inside the window; not another employer’s; a correction asks for a reason', async () => {
    const [mine] = await learners(martin, { declarationId: id });
    const [theirs] = await learners(durandAdmin);
    expect((await martin.post('/api/prevention-learners/verify').send({ ids: [theirs.id] })).status).toBe(404);
    const ok = await martin.post('/api/prevention-learners/verify').send({ ids: [mine.id] });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ changed: 1 });
    const again = await martin.post('/api/prevention-learners/verify').send({ ids: [mine.id] });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'PREVENTION.NOT_VERIFIABLE', lines: [{ id: mine.id, reason: 'VERIFIED' }] });
    expect((await durandAdmin.post('/api/prevention-learners/request-correction').send({ ids: [theirs.id], reason: '' })).status).toBe(400);
    const asked = await durandAdmin.post('/api/prevention-learners/request-correction').send({ ids: [theirs.id], reason: 'Le salarié n’a pas suivi le second jour' });
    expect(asked.body).toEqual({ changed: 1 });
    const [after] = await learners(ofDeclarant, { id: [theirs.id] });
    expect(after).toMatchObject({ status: 'CORRECTION_REQUESTED', correctionReason: 'Le salarié n’a pas suivi le second jour' });
    expect((await support.post('/api/prevention-learners/verify').send({ ids: [mine.id] })).status).toBe(403);
  });

  it('support lists the windows and moves a deadline with a reason (recorded who, from, to); an administrator sees his company’s only', async () => {
    const quarter = quarterOf(daysAgo(10));
    const windows = await eventually(async () => {
      const res = await support.get('/api/prevention-windows').query({ filter: JSON.stringify({ quarter }) });
      return res.body.length === 2 ? (res.body as { id: string; employerSiren: string; pending: number; deadline: string }[]) : undefined;
    });
    const martinWindow = windows.find((w) => w.employerSiren === '842716409')!;
    expect(martinWindow).toMatchObject({ status: 'OPEN', deadline: verificationDeadline(quarter), pending: 1 });
    expect((await martin.get('/api/prevention-windows')).body.map((w: { employerSiren: string }) => w.employerSiren)).toEqual(['842716409']);

    const later = `${Number(verificationDeadline(quarter).slice(0, 4)) + 1}-03-31`;
    expect((await martin.post(`/api/prevention-windows/${martinWindow.id}/deadline-moves`).send({ deadline: later, reason: 'Décret modificatif' })).status).toBe(403);
    const past = await support.post(`/api/prevention-windows/${martinWindow.id}/deadline-moves`).send({ deadline: daysAgo(1), reason: 'Décret modificatif' });
    expect(past.status).toBe(409);
    expect(past.body.code).toBe('PREVENTION.DATE_PAST');
    const unknown = await support.post(`/api/prevention-windows/${martinWindow.id}/deadline-moves`).send({ deadline: later, reason: 'ok ok', by: 'me' });
    expect(unknown.body.code).toBe('VALIDATION.UNKNOWN_FIELD');
    const moved = await support.post(`/api/prevention-windows/${martinWindow.id}/deadline-moves`).send({ deadline: later, reason: 'Décret modificatif' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ deadline: later, moves: [{ from: verificationDeadline(quarter), to: later, reason: 'Décret modificatif' }] });
    const [line] = await learners(martin, { status: 'PENDING_VERIFICATION' });
    expect(line.verificationDeadline).toBe(later);
  });

  it('a declaration is never edited: the training body deletes its lines, the declaration goes with the last; both audited, no NIR in the audit trail', async () => {
    const lines = await learners(ofDeclarant, { declarationId: id });
    expect((await martin.delete(`/api/prevention-learners/${lines[0].id}`)).status).toBe(404);
    expect((await ofReader.delete(`/api/prevention-learners/${lines[0].id}`)).status).toBe(404);
    const first = await ofDeclarant.delete(`/api/prevention-learners/${lines[0].id}`);
    expect(first.body).toEqual({ id: lines[0].id, declarationDeleted: false });
    const last = await ofDeclarant.delete(`/api/prevention-learners/${lines[1].id}`);
    expect(last.body).toEqual({ id: lines[1].id, declarationDeleted: true });
    expect((await ofDeclarant.get(`/api/prevention-declarations/${id}`)).status).toBe(404);
    const em = env.orm.em.fork();
    expect(await em.count(AuditEvent, { action: 'PREVENTION.LEARNER_DELETED' })).toBe(2);
    expect(await em.count(AuditEvent, { action: 'PREVENTION.DECLARATION_DELETED', targetId: id })).toBe(1);
    const audit = JSON.stringify(await em.find(AuditEvent, { action: { $like: 'PREVENTION.%' } }));
    for (const n of [NIR_A, NIR_B, NIR_C]) expect(audit).not.toContain(n);
  });
});

describe('a learner is declared once per training', () => {
  it('the same training twice is refused at the learner already declared, nothing stored; once his line is deleted, it is declared again', async () => {
    const once = declaration({ title: 'SST déclarée deux fois', trainingStart: daysAgo(22), trainingEnd: daysAgo(20), learners: [learner(NIR_C, durand.siret), learner(NIR_A, MARTIN)] });
    const first = await ofDeclarant.post('/api/prevention-declarations').send(once);
    expect(first.status).toBe(201);
    const before = await learners(support);
    const twice = await ofDeclarant.post('/api/prevention-declarations').send({ ...once, learners: [learner(NIR_B, durand.siret), learner(NIR_A, MARTIN)] });
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({ code: 'PREVENTION.ALREADY_DECLARED', errors: { 'learners.1.nir': expect.stringContaining('déjà déclaré') } });
    expect(JSON.stringify(twice.body)).not.toContain(NIR_A.slice(0, 13));
    expect(await learners(support)).toHaveLength(before.length);
    // Another training of the same learner is no duplicate.
    expect((await ofDeclarant.post('/api/prevention-declarations').send({ ...once, certificationCode: 'RS5538', learners: [learner(NIR_A, MARTIN)] })).status).toBe(201);

    const line = first.body.learners.find((l: { nir: string }) => l.nir === NIR_A);
    expect((await ofDeclarant.delete(`/api/prevention-learners/${line.id}`)).status).toBe(200);
    expect((await ofDeclarant.post('/api/prevention-declarations').send({ ...once, learners: [learner(NIR_A, MARTIN)] })).status).toBe(201);
  });

  it('the same declaration sent twice at once is stored once: the other is told the learner is already declared', async () => {
    const body = declaration({ title: 'SST envoyée deux fois en même temps', trainingStart: daysAgo(32), trainingEnd: daysAgo(30), learners: [learner(NIR_B, durand.siret)] });
    const answers = await Promise.all([1, 2, 3].map(() => ofDeclarant.post('/api/prevention-declarations').send(body)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 400, 400]);
    expect(answers.filter((a) => a.status === 400).map((a) => a.body.code)).toEqual(['PREVENTION.ALREADY_DECLARED', 'PREVENTION.ALREADY_DECLARED']);
  });
});

describe('what a declaration must be', () => {
  it('a late one is stored and marked late by its delay', async () => {
    const end = '2025-05-10';
    const res = await ofDeclarant.post('/api/prevention-declarations').send(declaration({ trainingStart: '2025-05-05', trainingEnd: end, learners: [learner(NIR_A, durand.siret)] }));
    expect(res.status).toBe(201);
    const deadline = declarationDeadline(quarterOf(end), 'TRAINING_BODY');
    expect(res.body).toMatchObject({ quarter: '2025-Q2', deadline: '2025-09-30', late: true });
    expect(res.body.daysLate).toBe(Math.round((Date.parse(parisToday(new Date())) - Date.parse(deadline)) / DAY_MS));
    // Its verification window (31 Dec 2025) is over: the line is deemed verified at once.
    expect(res.body.learners[0].status).toBe('DEEMED_VERIFIED');
  });

  it('an employer declares for his own employees: no verification, 6 months to declare', async () => {
    const res = await martin.post('/api/prevention-declarations').send(declaration({ declarantSiret: MARTIN, declarantKind: 'EMPLOYER', learners: [learner(NIR_C, '84271640900029')] }));
    expect(res.status).toBe(201);
    expect(res.body.learners[0].status).toBe('EMPLOYER_DECLARED');
    expect(res.body.deadline).toBe(declarationDeadline(res.body.quarter, 'EMPLOYER'));
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['a NIR with a wrong key', { learners: [learner(`${NIR_A.slice(0, 13)}00`, MARTIN)] }, 'VALIDATION.FAILED', 'learners.0.nir'],
    ['an unknown key', { colour: 'blue' }, 'VALIDATION.UNKNOWN_FIELD', 'colour'],
    ['a control character', { title: 'SST\u0000' }, 'VALIDATION.FAILED', 'title'],
    ['a training ending before it starts', { trainingStart: daysAgo(5), trainingEnd: daysAgo(10) }, 'PREVENTION.DATE_ORDER', 'trainingEnd'],
    ['a success proof without its date', { proofType: 'SUCCESS' }, 'PREVENTION.PROOF_DATE_REQUIRED', 'proofValidFrom'],
    ['an employer SIRET nobody knows', { learners: [learner(NIR_A, '55210055400013')] }, 'PREVENTION.EMPLOYER_NOT_ACTIVE', 'learners.0.employerSiret'],
    ['the training body’s own employee', { learners: [learner(NIR_A, '')] }, 'PREVENTION.OWN_EMPLOYEE', 'learners.0.employerSiret'],
    ['one learner twice', { learners: [learner(NIR_A, MARTIN), learner(NIR_A, MARTIN)] }, 'PREVENTION.LEARNER_TWICE', 'learners.1.nir'],
  ])('refuses %s, naming the field, and stores nothing', async (_, over, code, field) => {
    const body = declaration(over);
    if (JSON.stringify(over).includes('"employerSiret":""')) body.learners = [learner(NIR_A, of.sirets[0])];
    const before = await learners(support);
    const res = await ofDeclarant.post('/api/prevention-declarations').send(body);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(code);
    expect(Object.keys(res.body.errors ?? {})).toContain(field);
    expect(JSON.stringify(res.body)).not.toContain(NIR_A.slice(0, 13));
    expect(await learners(support)).toHaveLength(before.length);
  });

  it('who does not declare for the establishment gets a 404 saying nothing; support a 403', async () => {
    expect((await ofReader.post('/api/prevention-declarations').send(declaration())).body.code).toBe('PREVENTION.DECLARANT_NOT_FOUND');
    expect((await durandAdmin.post('/api/prevention-declarations').send(declaration())).status).toBe(404);
    expect((await support.post('/api/prevention-declarations').send(declaration())).status).toBe(403);
  });

  it('no NIR reaches the audit trail or the workflows’ inputs', async () => {
    const text = await allTextInDatabase(env.orm);
    expect(text).toContain(NIR_A);
    const audit = JSON.stringify(await env.orm.em.fork().find(AuditEvent, {}));
    expect(audit).not.toContain(NIR_A);
    for await (const w of env.temporal.client.workflow.list({ query: `WorkflowType = 'preventionVerificationWindowWorkflow'` })) {
      const history = JSON.stringify(await env.temporal.client.workflow.getHandle(w.workflowId).fetchHistory());
      for (const n of [NIR_A, NIR_B, NIR_C]) expect(history).not.toContain(n);
    }
  });
});
