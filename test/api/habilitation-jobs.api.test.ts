import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { Company, CompanyStatus } from '../../domain/company/company.entity';
import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import { Habilitation } from '../../domain/rights/habilitation.entity';
import { Portfolio, PortfolioKind } from '../../domain/rights/portfolio.entity';
import { PortfolioEstablishment } from '../../domain/rights/portfolio-establishment.entity';
import { PortfolioService } from '../../domain/rights/portfolio-service.entity';
import { createPerson, type RightsCompany } from '../helpers/collaborators.fixtures';
import { HABILITATION_PORTFOLIO_QUEUE_WORKFLOW_TYPE, portfolioQueueWorkflowId } from '../../workflows/bulk-habilitation-job/habilitation-portfolio-queue.messages';
import { TASK_QUEUE } from '../../workflows/task-queue';
import { DEMO_PASSWORD, eventually, login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';
import { createOtherCompany, siretsOf, SUPPORT } from '../helpers/rights.fixtures';

/**
 * Mass habilitation jobs over HTTP, on PostgreSQL and the Temporal dev
 * server with the real worker: a file's dry-run (nothing applied), its
 * confirmation running the job to its outcome in the matrix, a KO file
 * never confirmed, quarantine and its second confirmation, cancels, the
 * export read back unchanged, the limits and the strict query — and
 * another company's administrator sees nothing of it.
 */

let env: IntegrationEnv;
let admin: Agent;
let durand: Agent;
let support: Agent;
let portfolioId: string;
let headOffice: string;
let boss: { siret: string; lastName: string; firstName: string };
let sirets: string[];
const declarants: Record<string, string> = {};
const SIREN = '552100554';
const HEADER = 'SIRET;SIRET déclarant;Nom;Prénom;MCF;PEPS';

beforeAll(async () => {
  env = await startIntegrationEnv();
  const em = env.orm.em.fork();
  [headOffice, ...sirets] = siretsOf(SIREN, 6);
  const company = em.create(Company, { siren: SIREN, legalName: 'Cabinet Masse', headOfficeAddress: '1 rue du Fichier, Lille', status: CompanyStatus.ACTIVE });
  em.create(Establishment, { siret: headOffice, company, name: 'Siège', address: company.headOfficeAddress, status: EstablishmentStatus.ACTIVE, headOffice: true });
  const portfolio = em.create(Portfolio, { company, kind: PortfolioKind.CLIENTS, name: 'Clients Masse' });
  for (const siret of sirets) em.create(PortfolioEstablishment, { portfolio, siret });
  for (const service of ['MCF', 'PEPS']) em.create(PortfolioService, { portfolio, service });
  await em.flush();
  portfolioId = portfolio.id;
  const c = { companyId: company.id, siren: SIREN, headOffice, portfolioIds: [portfolio.id, portfolio.id], sirets } satisfies RightsCompany;
  boss = await createPerson(env.orm, c, 'ADMINISTRATOR', 'PATRON');
  for (const name of ['DUPONT', 'MARTIN']) declarants[name] = (await createPerson(env.orm, c, 'DECLARANT', name)).id;
  const em2 = env.orm.em.fork();
  for (const siret of sirets) em2.create(Habilitation, { account: declarants.DUPONT, siret, service: 'MCF', portfolio: portfolioId });
  em2.create(Habilitation, { account: declarants.MARTIN, siret: sirets[0], service: 'MCF', portfolio: portfolioId });
  await em2.flush();
  const other = await createOtherCompany(env.orm);
  [admin, durand, support] = await Promise.all([boss, other.admin, SUPPORT].map((p) => login(env.app, p)));
}, 120_000);

afterAll(async () => {
  await env?.stop();
});

const upload = (agent: Agent, body: string, kind = 'HABILITATIONS', extra: Record<string, string> = {}) =>
  agent.post(`/api/portfolios/${portfolioId}/habilitation-jobs`).query({ kind, fileName: 'Clients Masse.csv', ...extra }).set('Content-Type', 'text/csv').send(body);

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

type Cell = { accountId: string; siret: string; serviceCode: string; canDeclare: boolean; canPay: boolean; canConsult: boolean };

async function matrix(): Promise<string[]> {
  const res = await admin.get('/api/habilitations').query({ filter: JSON.stringify({ portfolioId }), range: '[0,199]' });
  expect(res.status).toBe(200);
  const name = Object.fromEntries(Object.entries(declarants).map(([k, v]) => [v, k]));
  return (res.body as Cell[])
    .map((h) => `${name[h.accountId]} ${sirets.indexOf(h.siret)} ${h.serviceCode} ${h.canDeclare ? 'D' : ''}${h.canPay ? 'P' : ''}${h.canConsult ? 'C' : ''}`)
    .sort();
}

const job = (agent: Agent, id: string) => agent.get(`/api/habilitation-jobs/${id}`);
const settled = (id: string, status = 'DONE') => eventually(async () => ((await job(admin, id)).body.status === status ? (await job(admin, id)).body : undefined));

it('a file with one bad line: its dry-run, nothing applied; confirmed, it runs to OK partiel and the matrix is as planned', async () => {
  const before = await matrix();
  const res = await upload(
    admin,
    csv(HEADER, `${sirets[0]};${headOffice};DUPONT;Test;1;1`, `${sirets[1]};${headOffice};Dupont;test;;DPC`, `${sirets[2]};${headOffice};INCONNU;Test;1;`, `${sirets[0]};${headOffice};MARTIN;Test;0;`),
  );
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({
    status: 'PLANNED',
    kind: 'HABILITATIONS',
    fileName: 'Clients Masse.csv',
    counts: { linesRead: 4, rejected: 1, added: 2, removed: 1, changed: 0, unchanged: 1 },
    outcome: 'PARTIAL',
    quarantined: false,
    changesTotal: 3,
  });
  expect(res.body.rejectedLines).toEqual([
    { line: 4, code: 'HABILITATION_FILE.DECLARANT_UNKNOWN', params: { siret: headOffice, lastName: 'INCONNU', firstName: 'Test' }, message: expect.stringContaining('INCONNU') },
  ]);
  expect(await matrix()).toEqual(before);
  const id = res.body.id as string;

  // Another company's administrator sees neither the job nor the portfolio; support reads but does not confirm.
  expect((await job(durand, id)).status).toBe(404);
  expect((await job(durand, id)).body.code).toBe('HABILITATION_JOB.NOT_FOUND');
  expect((await durand.post(`/api/habilitation-jobs/${id}/confirm`)).status).toBe(404);
  expect((await durand.post(`/api/habilitation-jobs/${id}/cancel`)).status).toBe(404);
  expect((await durand.get(`/api/habilitation-jobs/${id}/rejected-lines.csv`)).status).toBe(404);
  expect((await upload(durand, csv(HEADER))).status).toBe(404);
  expect((await durand.get(`/api/portfolios/${portfolioId}/habilitation-file`).query({ content: 'model' })).status).toBe(404);
  expect((await durand.get('/api/habilitation-jobs')).body).toEqual([]);
  expect((await job(support, id)).status).toBe(200);
  expect((await support.post(`/api/habilitation-jobs/${id}/confirm`)).body.code).toBe('HABILITATION_JOB.SUPPORT_READ_ONLY');
  expect((await upload(support, csv(HEADER))).body.code).toBe('HABILITATION_JOB.SUPPORT_READ_ONLY');

  const rejected = await admin.get(`/api/habilitation-jobs/${id}/rejected-lines.csv`).buffer(true);
  expect(rejected.status).toBe(200);
  expect(rejected.headers['content-type']).toContain('text/csv');
  const [head, line, end] = rejected.text.split('\r\n');
  expect(head).toBe(`\uFEFF${HEADER};Motif du rejet`);
  expect(line).toMatch(new RegExp(`^${sirets[2]};${headOffice};INCONNU;Test;1;;Aucun déclarant INCONNU`));
  expect(end).toBe('');
  // Sent again as it is (its reason column ignored), the file is read, not refused: the line is rejected again for itself.
  const resent = await upload(admin, rejected.text);
  expect(resent.status).toBe(201);
  expect(resent.body).toMatchObject({ counts: { linesRead: 1, rejected: 1 } });
  expect(resent.body.rejectedLines).toEqual([expect.objectContaining({ line: 2, code: expect.not.stringMatching(/HEADER/) })]);
  expect((await admin.post(`/api/habilitation-jobs/${resent.body.id}/cancel`)).status).toBe(200);

  const confirmed = await admin.post(`/api/habilitation-jobs/${id}/confirm`);
  expect(confirmed.status).toBe(202);
  const done = await settled(id);
  expect(done).toMatchObject({ outcome: 'PARTIAL', changesDone: 3, changesRejected: 0, workflowId: `habilitation-job-${id}`, live: null });
  expect((await admin.post(`/api/habilitation-jobs/${id}/confirm`)).body.code).toBe('HABILITATION_JOB.ALREADY_STARTED');
  expect((await admin.post(`/api/habilitation-jobs/${id}/cancel`)).body.code).toBe('HABILITATION_JOB.CLOSED');
  expect(await matrix()).toEqual(['DUPONT 0 MCF DC', 'DUPONT 0 PEPS DC', 'DUPONT 1 MCF DC', 'DUPONT 1 PEPS DPC', 'DUPONT 2 MCF DC', 'DUPONT 3 MCF DC', 'DUPONT 4 MCF DC']);

  const list = await admin.get('/api/habilitation-jobs').query({ filter: JSON.stringify({ portfolioId, status: 'DONE' }) });
  expect(list.headers['content-range']).toBe('habilitation-jobs 0-0/1');
  expect(list.body[0].id).toBe(id);
  expect((await support.get('/api/habilitation-jobs').query({ filter: JSON.stringify({ id: [id] }) })).body).toHaveLength(1);
  expect((await admin.get('/api/habilitation-jobs').query({ filter: JSON.stringify({ id: [] }) })).body).toEqual([]);
}, 60_000);

it('a KO file is never confirmed; a job never confirmed is cancelled at once', async () => {
  const res = await upload(admin, csv(`${HEADER};DNS`, `${sirets[0]};${headOffice};DUPONT;Test;1;1;1`));
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ outcome: 'KO', reason: { code: 'HABILITATION_FILE.HEADER_UNKNOWN_COLUMNS', params: { columns: 'DNS' } }, changesTotal: 0 });
  const confirm = await admin.post(`/api/habilitation-jobs/${res.body.id}/confirm`);
  expect(confirm.status).toBe(409);
  expect(confirm.body.code).toBe('HABILITATION_JOB.DRY_RUN_KO');
  const cancel = await admin.post(`/api/habilitation-jobs/${res.body.id}/cancel`);
  expect(cancel.status).toBe(200);
  expect(cancel.body).toMatchObject({ status: 'CANCELLED', workflowId: null });
  const planned = await upload(admin, csv(HEADER, `${sirets[2]};${headOffice};DUPONT;Test;;1`));
  expect((await support.post(`/api/habilitation-jobs/${planned.body.id}/cancel`)).body.status).toBe('CANCELLED');
  expect((await admin.post(`/api/habilitation-jobs/${planned.body.id}/confirm`)).body.code).toBe('HABILITATION_JOB.CLOSED');
  expect((await admin.post(`/api/habilitation-jobs/${planned.body.id}/cancel`)).body.code).toBe('HABILITATION_JOB.CLOSED');
});

it('removals above 20 % wait for their confirmation (confirm-removals), then apply; a quarantined job cancelled by support applies nothing', async () => {
  const removing = await upload(admin, csv('SIRET;ACTION', `${sirets[1]};0`, `${sirets[2]};0`), 'ESTABLISHMENTS');
  expect(removing.body).toMatchObject({ counts: { linesRead: 2, rejected: 0, removed: 3 }, outcome: 'OK', quarantined: true });
  const id = removing.body.id as string;
  expect((await admin.post(`/api/habilitation-jobs/${id}/confirm-removals`)).body.code).toBe('HABILITATION_JOB.NOT_STARTED');
  expect((await admin.post(`/api/habilitation-jobs/${id}/confirm`)).status).toBe(202);
  const awaiting = await settled(id, 'AWAITING_CONFIRMATION');
  expect(awaiting.live).toMatchObject({ phase: 'AWAITING_CONFIRMATION', expiresAt: expect.any(String) });
  expect((await support.post(`/api/habilitation-jobs/${id}/confirm-removals`)).body.code).toBe('HABILITATION_JOB.SUPPORT_READ_ONLY');
  expect((await durand.post(`/api/habilitation-jobs/${id}/confirm-removals`)).status).toBe(404);
  expect((await admin.post(`/api/habilitation-jobs/${id}/confirm-removals`)).status).toBe(200);
  expect(await settled(id)).toMatchObject({ outcome: 'OK', changesDone: 3 });
  expect(await matrix()).toEqual(['DUPONT 0 MCF DC', 'DUPONT 0 PEPS DC', 'DUPONT 3 MCF DC', 'DUPONT 4 MCF DC']);
  expect((await admin.post(`/api/habilitation-jobs/${id}/confirm-removals`)).body.code).toBe('HABILITATION_JOB.CLOSED');

  const other = await upload(admin, csv(`${sirets[3]};0`, `${sirets[4]};0`), 'ESTABLISHMENTS');
  expect(other.body).toMatchObject({ counts: { removed: 2 }, quarantined: true });
  await admin.post(`/api/habilitation-jobs/${other.body.id}/confirm`);
  await settled(other.body.id, 'AWAITING_CONFIRMATION');
  const cancelled = await support.post(`/api/habilitation-jobs/${other.body.id}/cancel`);
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.status).toBe('CANCELLED');
  expect(await matrix()).toEqual(['DUPONT 0 MCF DC', 'DUPONT 0 PEPS DC', 'DUPONT 3 MCF DC', 'DUPONT 4 MCF DC']);
}, 60_000);

it('a change refused when applied (its declarant radiated since the dry-run) makes the job KO, its line rebuilt in the rejected-lines file', async () => {
  const res = await upload(admin, csv(HEADER, `${sirets[3]};${headOffice};MARTIN;Test;;1`));
  expect(res.body).toMatchObject({ counts: { linesRead: 1, rejected: 0, added: 1 }, outcome: 'OK', changesTotal: 1 });
  await env.orm.em.fork().nativeUpdate(Account, { id: declarants.MARTIN }, { status: AccountStatus.RADIATED });
  expect((await admin.post(`/api/habilitation-jobs/${res.body.id}/confirm`)).status).toBe(202);
  const done = await settled(res.body.id);
  expect(done).toMatchObject({ outcome: 'KO', changesRejected: 1, reason: { code: 'HABILITATION_JOB.ALL_CHANGES_REJECTED', message: expect.stringContaining('rien n’a été appliqué') } });
  const rejected = await admin.get(`/api/habilitation-jobs/${res.body.id}/rejected-lines.csv`).buffer(true);
  expect(rejected.text.split('\r\n')).toEqual([
    `\uFEFF${HEADER};Motif du rejet`,
    `"=""${sirets[3]}""";"=""${headOffice}""";MARTIN;Test;;1;Depuis la simulation, ce déclarant a été radié ou a quitté l’entreprise : rien n’a été appliqué pour lui.`,
    '',
  ]);
  expect(await matrix()).toEqual(['DUPONT 0 MCF DC', 'DUPONT 0 PEPS DC', 'DUPONT 3 MCF DC', 'DUPONT 4 MCF DC']);
}, 60_000);

it('the model is the header alone; the export reads back as all unchanged', async () => {
  const model = await admin.get(`/api/portfolios/${portfolioId}/habilitation-file`).query({ content: 'model' }).buffer(true);
  expect(model.status).toBe(200);
  expect(model.headers['content-disposition']).toContain('Clients-Masse-modele.csv');
  expect(model.text).toBe(`\uFEFF${HEADER}\r\n`);
  const exported = await admin.get(`/api/portfolios/${portfolioId}/habilitation-file`).query({ content: 'export' }).buffer(true);
  expect(exported.status).toBe(200);
  const lines = exported.text.split('\r\n');
  expect(lines).toHaveLength(1 + 3 + 1);
  const again = await upload(admin, exported.text);
  expect(again.body).toMatchObject({ counts: { linesRead: 3, rejected: 0, added: 0, removed: 0, changed: 0, unchanged: 4 }, outcome: 'OK', quarantined: false, changesTotal: 0 });
});

it('the query is strict; a file over the line limit is refused at once, the limit named', async () => {
  const unknown = await upload(admin, csv(HEADER), 'HABILITATIONS', { colour: 'red' });
  expect(unknown.status).toBe(400);
  expect(unknown.body.code).toBe('VALIDATION.UNKNOWN_FIELD');
  expect(JSON.stringify(unknown.body)).toContain('colour');
  expect((await upload(admin, csv(HEADER), 'SERVICE')).status).toBe(400);
  expect((await admin.get(`/api/portfolios/${portfolioId}/habilitation-file`).query({ content: 'all' })).status).toBe(400);
  expect((await admin.get('/api/habilitation-jobs').query({ filter: JSON.stringify({ colour: 'red' }) })).body.code).toBe('VALIDATION.UNKNOWN_FIELD');
  const jobs = (await admin.get('/api/habilitation-jobs').query({ range: '[0,99]' })).body.length;
  const tooLong = await upload(admin, `${HEADER}\n${'\n'.repeat(1_000_001)}`);
  expect(tooLong.status).toBe(413);
  expect(tooLong.body).toMatchObject({ code: 'HABILITATION_JOB.FILE_TOO_LARGE', maxLines: 1_000_000, message: expect.stringContaining('1 000 000') });
  expect((await admin.get('/api/habilitation-jobs').query({ range: '[0,99]' })).body).toHaveLength(jobs);
  expect((await admin.post(`/api/portfolios/${portfolioId}/habilitation-jobs`).query({ kind: 'HABILITATIONS' }).send({})).body.code).toBe('HABILITATION_JOB.NOT_CSV');
});

it('a body announced over 100 MB is refused before it is read', async () => {
  const server = env.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const signedIn = await request(env.app).post('/api/auth/login').send({ siret: boss.siret, lastName: boss.lastName, firstName: boss.firstName, password: DEMO_PASSWORD });
    const cookie = (signedIn.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const { port } = server.address() as AddressInfo;
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/portfolios/${portfolioId}/habilitation-jobs?kind=ESTABLISHMENTS`,
      headers: { cookie, 'content-type': 'text/csv', 'content-length': String(200 * 1024 * 1024) },
    });
    req.on('error', () => undefined);
    req.write('SIRET;ACTION\r\n');
    const [res] = (await once(req, 'response')) as [http.IncomingMessage];
    let text = '';
    for await (const chunk of res) text += String(chunk);
    req.destroy();
    expect(res.statusCode).toBe(413);
    expect(JSON.parse(text)).toMatchObject({ code: 'HABILITATION_JOB.FILE_TOO_LARGE', maxBytes: 100 * 1024 * 1024, message: expect.stringContaining('100 Mo') });
  } finally {
    server.close();
  }
});

it('a job queued behind another is cancelled from the queue, nothing applied', async () => {
  const holder = await upload(admin, csv(`${sirets[3]};0`, `${sirets[4]};0`), 'ESTABLISHMENTS');
  expect(holder.body.quarantined).toBe(true);
  await admin.post(`/api/habilitation-jobs/${holder.body.id}/confirm`);
  await settled(holder.body.id, 'AWAITING_CONFIRMATION');
  // The portfolio's queue, its turn held by a job that stays running (awaiting its removals' confirmation).
  const queue = await env.temporal.client.workflow.start(HABILITATION_PORTFOLIO_QUEUE_WORKFLOW_TYPE, {
    taskQueue: TASK_QUEUE,
    workflowId: portfolioQueueWorkflowId(portfolioId),
    args: [{ portfolioId, holder: holder.body.id, waiting: [] }],
  });
  try {
    const queued = await upload(admin, csv(HEADER, `${sirets[2]};${headOffice};DUPONT;Test;;1`));
    expect((await admin.post(`/api/habilitation-jobs/${queued.body.id}/confirm`)).body.status).toBe('QUEUED');
    const live = await eventually(async () => {
      const state = (await job(admin, queued.body.id)).body.live;
      return state?.jobsAhead != null ? state : undefined;
    });
    expect(live).toMatchObject({ phase: 'QUEUED', total: 1, done: 0 });
    expect(live.jobsAhead).toBeGreaterThan(0);
    const cancelled = await admin.post(`/api/habilitation-jobs/${queued.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', changesDone: 0 });
    expect((await support.post(`/api/habilitation-jobs/${holder.body.id}/cancel`)).body.status).toBe('CANCELLED');
    expect(await matrix()).toEqual(['DUPONT 0 MCF DC', 'DUPONT 0 PEPS DC', 'DUPONT 3 MCF DC', 'DUPONT 4 MCF DC']);
  } finally {
    await queue.terminate().catch(() => undefined);
  }
}, 60_000);

it('a service across the portfolio: every SIRET for each of its declarants, only the cells missing; dry-run then confirmed; a service not in the portfolio is KO', async () => {
  const service = (agent: Agent, body: object, id = portfolioId) => agent.post(`/api/portfolios/${id}/habilitation-service-jobs`).send(body);
  const before = await matrix();
  const holders = [...new Set(before.map((cell) => cell.split(' ')[0]))].sort();
  const expected = holders.flatMap((name) => sirets.map((_, i) => `${name} ${i} PEPS`));
  const missing = expected.filter((cell) => !before.some((b) => b.startsWith(`${cell} `)));
  expect([holders.length > 0, missing.length > 0]).toEqual([true, true]);

  const dryRun = await service(admin, { serviceCode: 'PEPS', action: 'GRANT' });
  expect(dryRun.status).toBe(201);
  expect(dryRun.body).toMatchObject({ kind: 'SERVICE', status: 'PLANNED', outcome: 'OK', quarantined: false, counts: { added: missing.length, removed: 0 }, changesTotal: missing.length });
  expect(await matrix()).toEqual(before);
  expect((await admin.post(`/api/habilitation-jobs/${dryRun.body.id}/confirm`)).status).toBe(202);
  expect(await settled(dryRun.body.id)).toMatchObject({ outcome: 'OK', changesDone: missing.length });
  const after = await matrix();
  for (const cell of expected) expect(after.some((a) => a.startsWith(`${cell} `))).toBe(true);
  expect(after.filter((a) => !a.includes(' PEPS '))).toEqual(before.filter((b) => !b.includes(' PEPS ')));

  const unknown = await service(admin, { serviceCode: 'DSN', action: 'GRANT' });
  expect(unknown.body).toMatchObject({ outcome: 'KO', reason: { code: 'HABILITATION_FILE.SERVICE_NOT_IN_PORTFOLIO', params: { serviceCode: 'DSN' } }, changesTotal: 0 });
  expect((await admin.post(`/api/habilitation-jobs/${unknown.body.id}/confirm`)).body.code).toBe('HABILITATION_JOB.DRY_RUN_KO');
  expect((await service(admin, { serviceCode: 'PEPS', action: 'GRANT', colour: 'blue' })).body.code).toBe('VALIDATION.UNKNOWN_FIELD');
  expect((await service(admin, { serviceCode: 'PEPS', action: 'ADD' })).status).toBe(400);
  expect((await service(admin, { serviceCode: 'PEPS\u0000', action: 'GRANT' })).body.code).toBe('VALIDATION.FAILED');
  expect((await service(support, { serviceCode: 'PEPS', action: 'GRANT' })).body.code).toBe('HABILITATION_JOB.SUPPORT_READ_ONLY');
  expect((await service(durand, { serviceCode: 'PEPS', action: 'GRANT' })).status).toBe(404);
});
