import pino from 'pino';
import request from 'supertest';
import { Account, AccountRole, AccountStatus, AdminStatus } from '../../domain/account/account.entity';
import { verifyPassword } from '../../domain/account/password.hasher';
import { normaliseSecretAnswer } from '../../domain/account/secret-question.rules';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { Candidacy } from '../../domain/candidacy/candidacy.entity';
import { Company, CompanyStatus } from '../../domain/company/company.entity';
import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import { consoleIdentity } from '../../api/workflows/acting-client';
import { REDACTED_PATHS } from '../../platform/logger';
import { allTextInDatabase } from '../helpers/database';
import { eventually, login, mailsTo, PUBLIC_URL, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';
import { pdfText } from '../helpers/pdf-text';
import { ADMIN, createOtherCompany, latestLink, SUPPORT, tokenOf, type OtherCompany } from '../helpers/rights.fixtures';

let env: IntegrationEnv;
let other: OtherCompany;

beforeAll(async () => {
  env = await startIntegrationEnv();
  other = await createOtherCompany(env.orm);
});

afterAll(async () => {
  await env?.stop();
});

const PASSWORD = 'Candidat-Administrateur-2026';
const SECRET = { secretQuestion: 'Nom du premier bateau de mon grand-père ?', secretAnswer: 'Kerzhinou an Aod' };

/** Applies, confirms the e-mail through the mailed link, and logs the candidate in. */
async function applyAndConfirm(identity: { siret: string; lastName: string; firstName: string }, email: string) {
  const applied = await request(env.app).post('/api/candidacies').send({ ...identity, email, password: PASSWORD, ...SECRET });
  expect(applied.status).toBe(202);
  const token = tokenOf(await latestLink(env.app, email));
  const confirmed = await request(env.app).post('/api/confirmations').send({ token });
  expect(confirmed.body).toMatchObject({ status: 'CONFIRMED', purpose: 'CANDIDACY' });
  const candidate = await login(env.app, { ...identity, password: PASSWORD });
  return { id: applied.body.id as string, workflowId: applied.body.workflowId as string, candidate };
}

const mine = (agent: Agent) => agent.get('/api/candidacies/mine');

/** A binary answer (a PDF), its body as a Buffer. */
async function download(agent: Agent, path: string): Promise<{ headers: Record<string, string>; body: Buffer }> {
  const res = await agent.get(path).buffer(true).parse((stream, done) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => done(null, Buffer.concat(chunks)));
  });
  expect(res.status).toBe(200);
  return { headers: res.headers as Record<string, string>, body: res.body as Buffer };
}
/** Who Temporal recorded as sending each accepted update of that name (the person, through the console's client). */
async function updateSenders(workflowId: string, name: string): Promise<string[]> {
  const history = await env.temporal.client.workflow.getHandle(workflowId).fetchHistory();
  return history.events!.flatMap((e) => {
    const accepted = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
    return accepted?.input?.name === name ? [accepted.meta!.identity!] : [];
  });
}

/** The audit trail of a target as support reads it: action and who acted, oldest first. */
async function auditOf(targetId: string): Promise<Array<[string, string]>> {
  const support = await login(env.app, SUPPORT);
  const res = await support.get('/api/audit-events').query({ filter: JSON.stringify({ targetId }), sort: JSON.stringify(['at', 'ASC']), range: '[0,99]' });
  expect(res.status).toBe(200);
  return (res.body as Array<{ action: string; actorLabel: string }>).map((e) => [e.action, e.actorLabel]);
}

const me = async (agent: Agent) => (await agent.get('/api/auth/me')).body as { id: string; firstName: string; lastName: string };

const statusOf = (agent: Agent, status: string) => eventually(async () => ((await mine(agent)).body.status === status ? true : undefined));

describe('POST /api/candidacies', () => {
  it('answers an unknown establishment and a taken identity as it answers a new candidate, and tells each the truth by mail', async () => {
    const apply = (body: object) => request(env.app).post('/api/candidacies').send({ password: PASSWORD, ...SECRET, ...body });
    /** What a visitor learns from an answer: its status, headers' names, content type and body, the generated id masked. */
    const seen = (res: request.Response) => ({
      status: res.status,
      headers: Object.keys(res.headers).sort(),
      type: res.headers['content-type'],
      body: { ...res.body, id: '<id>', workflowId: String(res.body.workflowId).replace(res.body.id, '<id>') },
    });
    const notice = (subject: string, link: string) =>
      expect.objectContaining({ subject: expect.stringContaining(subject), links: [`${PUBLIC_URL}${link}`], status: 'SENT' });
    const person = { lastName: 'Lemoine', firstName: 'Inès' };

    expect((await apply({ ...person, siret: '12345678901234', email: 'ines@example.test' })).body.code).toBe('VALIDATION.FAILED');
    const genuine = await apply({ ...person, siret: ADMIN.siret, email: 'ines.lemoine@example.test' });
    const unknown = await apply({ ...person, siret: '53210987300010', email: 'ines.inconnue@example.test' });
    const taken = await apply({ siret: ADMIN.siret, lastName: ADMIN.lastName, firstName: ADMIN.firstName, email: 'usurpateur@example.test' });
    const takenTwice = await apply({ siret: ADMIN.siret, lastName: ADMIN.lastName, firstName: ADMIN.firstName, email: 'usurpateur@example.test' });
    expect(seen(genuine)).toMatchObject({ status: 202, type: 'application/json; charset=utf-8', body: { id: '<id>', workflowId: 'candidacy-<id>' } });
    expect(genuine.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect([unknown, taken, takenTwice].map(seen)).toEqual([seen(genuine), seen(genuine), seen(genuine)]);
    expect(new Set([genuine, unknown, taken, takenTwice].map((r) => r.body.id)).size).toBe(4);

    expect(await mailsTo(env.app, 'ines.lemoine@example.test')).toEqual([
      expect.objectContaining({ subject: expect.stringContaining('Confirmez votre candidature'), links: [expect.stringContaining(`${PUBLIC_URL}/#/confirm?token=`)] }),
    ]);
    expect(await mailsTo(env.app, 'ines.inconnue@example.test')).toEqual([notice('aucune entreprise inscrite', '/#/register')]);
    const [takenMail, ...more] = await mailsTo(env.app, 'usurpateur@example.test');
    expect([takenMail, ...more]).toEqual([notice('vous avez déjà un accès', '/#/login')]);
    expect(takenMail.text).toContain(`Un accès au portail existe déjà avec cette identité (SIRET ${ADMIN.siret}, nom ${ADMIN.lastName}, prénom ${ADMIN.firstName})`);

    const em = env.orm.em.fork();
    const emails = ['ines.lemoine@example.test', 'ines.inconnue@example.test', 'usurpateur@example.test'];
    expect((await em.find(Candidacy, { email: { $in: emails } })).map((c) => c.id)).toEqual([genuine.body.id]);
    expect((await em.find(Account, { email: { $in: emails } })).map((a) => a.email)).toEqual(['ines.lemoine@example.test']);
    const support = await login(env.app, SUPPORT);
    expect((await support.get(`/api/candidacies/${unknown.body.id}`)).status).toBe(404);
    expect((await support.post(`/api/candidacies/${genuine.body.id}/cancel`).send({})).body.status).toBe('CANCELLED');
  });

  it('requires a secret question and an answer the question does not give away, with field errors, and writes nothing', async () => {
    const body = { siret: ADMIN.siret, lastName: 'Blanc', firstName: 'Léa', email: 'lea@example.test', password: PASSWORD };
    const cases: Array<[Record<string, string>, Record<string, string>]> = [
      [{}, { secretQuestion: 'Question secrète obligatoire', secretAnswer: 'Réponse secrète obligatoire' }],
      [{ secretQuestion: 'Chien ?', secretAnswer: 'Médor' }, { secretQuestion: expect.stringContaining('de 10 à 200 caractères') }],
      [{ secretQuestion: 'Ville de naissance de ma grand-mère ?', secretAnswer: ' x ' }, { secretAnswer: expect.stringContaining('de 3 à 100 caractères') }],
      [{ secretQuestion: 'Prénom de ma grand-mère, Yvonne ?', secretAnswer: 'YVONNE' }, { secretAnswer: 'La réponse ne doit pas figurer dans la question.' }],
    ];
    for (const [secret, errors] of cases) {
      const res = await request(env.app).post('/api/candidacies').send({ ...body, ...secret });
      expect([res.status, res.body.code, res.body.errors]).toEqual([400, 'VALIDATION.FAILED', errors]);
    }
    expect(await env.orm.em.fork().count(Candidacy, { lastName: 'Blanc' })).toBe(0);
  });

  it('keeps the question in clear and only a hash of the answer: never answered, logged nor stored in clear', async () => {
    const lines: string[] = [];
    const app = env.newApp({ logger: pino({ level: 'trace', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, { write: (line: string) => void lines.push(line) }) });
    const who = { siret: ADMIN.siret, lastName: 'Guivarch', firstName: 'Anne', email: 'anne.guivarch@example.test', password: PASSWORD };
    const refused = await request(app).post('/api/candidacies').send({ ...who, ...SECRET, password: 'faible' });
    expect(refused.status).toBe(400);
    const applied = await request(app).post('/api/candidacies').send({ ...who, ...SECRET });
    expect(applied.status).toBe(202);

    const account = await env.orm.em.fork().findOneOrFail(Account, { lastName: 'Guivarch' }, { populate: ['secretAnswerHash'] });
    expect(account.secretQuestion).toBe(SECRET.secretQuestion);
    expect(await verifyPassword(account.secretAnswerHash!, normaliseSecretAnswer('  kerzhinou AN aod '))).toBe(true);
    expect(await verifyPassword(account.secretAnswerHash!, normaliseSecretAnswer('Kerzhinou'))).toBe(false);
    const secret = /kerzhinou/i;
    for (const text of [JSON.stringify(refused.body), JSON.stringify(applied.body), lines.join('\n'), await allTextInDatabase(env.orm)]) expect(text).not.toMatch(secret);
    expect(lines.length).toBeGreaterThan(0);

    const support = await login(env.app, SUPPORT);
    expect((await support.post(`/api/candidacies/${applied.body.id}/cancel`).send({})).body.status).toBe('CANCELLED');
  });
});

describe('approval route', () => {
  it('apply → confirm mail → an administrator of the company accepts → the candidate logs in with administrator rights', async () => {
    const identity = { siret: ADMIN.siret, lastName: 'Morel', firstName: 'Hugo' };
    const { id, candidate } = await applyAndConfirm(identity, 'hugo.morel@example.test');

    expect((await candidate.get('/api/auth/me')).body).toMatchObject({ role: 'ADMINISTRATOR', adminStatus: 'CANDIDATE_AD' });
    for (const path of ['/api/candidacies', `/api/candidacies/${id}`, '/api/declarants', '/api/companies', '/api/portfolios', '/api/audit-events', '/api/workflows', '/api/letters']) {
      const res = await candidate.get(path);
      expect([path, res.status, res.body.code]).toEqual([path, 403, 'AUTH.FORBIDDEN']);
    }
    expect((await candidate.post('/api/declarants').send({ siret: ADMIN.siret, lastName: 'X', firstName: 'Y', email: 'x@y.test' })).status).toBe(403);
    expect((await candidate.post(`/api/candidacies/${id}/decision`).send({ decision: 'ACCEPT' })).status).toBe(403);

    await statusOf(candidate, 'AWAITING_APPROVAL');
    const inboxMail = await latestLink(env.app, 'claire.martin@boulangerie-martin.example');
    expect(inboxMail).toContain('/#/candidacies');

    const outsider = await login(env.app, other.admin);
    const foreign = await outsider.post(`/api/candidacies/${id}/decision`).send({ decision: 'ACCEPT' });
    expect([404, 403]).toContain(foreign.status);
    expect((await outsider.get(`/api/candidacies/${id}`)).status).toBe(404);
    expect((await outsider.get('/api/candidacies')).body).toEqual([]);

    const admin = await login(env.app, ADMIN);
    const inbox = await admin.get('/api/candidacies').query({ filter: JSON.stringify({ pending: true }) });
    expect(inbox.body).toEqual([expect.objectContaining({ id, status: 'AWAITING_APPROVAL', lastName: 'Morel', route: 'APPROVAL' })]);
    expect((await admin.get('/api/candidacies').query({ filter: JSON.stringify({ pending: true, companySiren: '842 716 409' }) })).body).toEqual(inbox.body);
    const detail = await admin.get(`/api/candidacies/${id}`);
    expect(detail.body.workflow).toMatchObject({ status: 'AWAITING_APPROVAL', awaiting: 'ADMINISTRATOR', administratorsAsked: [expect.objectContaining({ lastName: 'MARTIN' })] });

    const refuseWithoutReason = await admin.post(`/api/candidacies/${id}/decision`).send({ decision: 'REFUSE' });
    expect(refuseWithoutReason.body.errors.reason).toBeDefined();
    const accepted = await admin.post(`/api/candidacies/${id}/decision`).send({ decision: 'ACCEPT' });
    expect(accepted.status).toBe(200);
    const decider = { id: (await admin.get('/api/auth/me')).body.id, lastName: ADMIN.lastName, firstName: ADMIN.firstName };
    expect(accepted.body).toMatchObject({ status: 'APPROVED', decidedBy: decider });
    expect((await admin.get(`/api/candidacies/${id}`)).body.decidedBy).toEqual(decider);
    const listed = await admin.get('/api/candidacies').query({ filter: JSON.stringify({ id: [id] }) });
    expect(listed.body).toEqual([expect.objectContaining({ id, decidedBy: decider })]);
    const twice = await admin.post(`/api/candidacies/${id}/decision`).send({ decision: 'REFUSE', reason: 'trop tard' });
    expect([twice.status, twice.body.code]).toEqual([409, 'CANDIDACY.ALREADY_DECIDED']);

    expect((await candidate.get('/api/auth/me')).body).toMatchObject({ role: 'ADMINISTRATOR', adminStatus: 'ACTIVE' });
    expect((await candidate.get('/api/declarants')).status).toBe(200);
    const relogged = await login(env.app, { ...identity, password: PASSWORD });
    expect((await relogged.get('/api/candidacies')).status).toBe(200);
    const audit = await env.orm.em.fork().find(AuditEvent, { targetId: id }, { orderBy: { at: 'ASC' } });
    expect(audit.map((e) => e.action).sort()).toEqual(['CANDIDACY.APPLIED', 'CANDIDACY.APPROVAL_MAILED', 'CANDIDACY.APPROVAL_REQUESTED', 'CANDIDACY.APPROVED']);
    expect(await auditOf(id)).toContainEqual(['CANDIDACY.APPROVED', 'Claire MARTIN']);
    expect(await auditOf((await me(candidate)).id)).toContainEqual(['ACCOUNT.ADMINISTRATOR_ACTIVATED', 'Claire MARTIN']);
    expect(await updateSenders(`candidacy-${id}`, 'decide')).toEqual([consoleIdentity(await me(admin))]);
  });

  it('bulk decisions: each id on its own; an unknown id and another company’s candidacy are reported as not found and left alone', async () => {
    const first = await applyAndConfirm({ siret: ADMIN.siret, lastName: 'Faure', firstName: 'Inès' }, 'ines.faure@example.test');
    const foreign = await applyAndConfirm({ siret: other.siret, lastName: 'Perrin', firstName: 'Jules' }, 'jules.perrin@example.test');
    await statusOf(first.candidate, 'AWAITING_APPROVAL');
    await statusOf(foreign.candidate, 'AWAITING_APPROVAL');
    const admin = await login(env.app, ADMIN);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await admin.post('/api/candidacies/decisions').send({ ids: [foreign.id, first.id, unknown], decision: 'REFUSE', reason: 'Inconnue' });
    expect(res.body.results).toEqual([
      { id: foreign.id, ok: false, code: 'CANDIDACY.NOT_FOUND', message: expect.any(String) },
      { id: first.id, ok: true },
      { id: unknown, ok: false, code: 'CANDIDACY.NOT_FOUND', message: expect.any(String) },
    ]);
    expect((await mine(foreign.candidate)).body).toMatchObject({ status: 'AWAITING_APPROVAL', decidedBy: null, refusalReason: null });
    const support = await login(env.app, SUPPORT);
    expect((await support.get(`/api/candidacies/${first.id}`)).body).toMatchObject({ status: 'REFUSED', refusalReason: 'Inconnue' });
  });

  it('a refused candidate’s account closes (his session ends, he cannot log in) and his identity may apply again', async () => {
    const identity = { siret: ADMIN.siret, lastName: 'Barbier', firstName: 'Lucie' };
    const first = await applyAndConfirm(identity, 'lucie.barbier@example.test');
    await statusOf(first.candidate, 'AWAITING_APPROVAL');
    const accountId = (await me(first.candidate)).id;
    const admin = await login(env.app, ADMIN);
    expect((await admin.post(`/api/candidacies/${first.id}/decision`).send({ decision: 'REFUSE', reason: 'Personne inconnue du cabinet' })).body.status).toBe('REFUSED');
    expect((await first.candidate.get('/api/auth/me')).status).toBe(401);
    const relogin = await request(env.app).post('/api/auth/login').send({ ...identity, password: PASSWORD });
    expect(relogin.status).not.toBe(200);
    expect(await auditOf(accountId)).toContainEqual(['ACCOUNT.RADIATED', 'Claire MARTIN']);

    const again = await applyAndConfirm(identity, 'l.barbier@example.test');
    expect(again.id).not.toBe(first.id);
    await statusOf(again.candidate, 'AWAITING_APPROVAL');
    expect((await admin.post(`/api/candidacies/${again.id}/decision`).send({ decision: 'ACCEPT' })).body.status).toBe('APPROVED');
    expect((await again.candidate.get('/api/auth/me')).body).toMatchObject({ adminStatus: 'ACTIVE', lastName: 'Barbier' });
  });
});

describe('letter route', () => {
  let companyId: string;
  const siret = '53210987300010';

  beforeAll(async () => {
    const em = env.orm.em.fork();
    const company = em.create(Company, { siren: '532109873', legalName: 'Atelier Sans Administrateur', headOfficeAddress: '9 quai des Lettres, 33000 Bordeaux', status: CompanyStatus.ACTIVE });
    em.create(Establishment, { siret, company, name: 'Siège', address: company.headOfficeAddress, status: EstablishmentStatus.ACTIVE, headOffice: true });
    await em.flush();
    companyId = company.id;
  });

  it('forced without an active administrator: print queue (list, PDF, merged PDF, posted), then 20 wrong keys lock after the 5th and change nothing else', async () => {
    const { id, workflowId, candidate } = await applyAndConfirm({ siret, lastName: 'Roux', firstName: 'Nina' }, 'nina.roux@example.test');
    await statusOf(candidate, 'AWAITING_LETTER');
    const support = await login(env.app, SUPPORT);
    const queue = await support.get('/api/letters').query({ filter: JSON.stringify({ status: 'PENDING' }) });
    const letter = queue.body.find((l: { candidacyId: string }) => l.candidacyId === id);
    expect(letter).toMatchObject({ sequence: 1, companyName: 'Atelier Sans Administrateur', address: '9 quai des Lettres, 33000 Bordeaux', overdue: false, postedAt: null });

    const pdf = await download(support, `/api/letters/${letter.id}/pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(await pdfText(pdf.body)).toContain('9 quai des Lettres');
    const merged = await download(support, `/api/letters/pdf?ids=${letter.id}`);
    expect(merged.body.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await candidate.post(`/api/candidacies/${id}/activation-key`).send({ key: 'AAAA-BBBB-CCCC-DDDD' })).body.code).toBe('CANDIDACY.NOT_AWAITING_KEY');

    const posted = await support.post(`/api/letters/${letter.id}/posted`);
    expect(posted.body).toMatchObject({ status: 'POSTED', postedAt: expect.any(String), keyExpiresAt: expect.any(String) });
    expect((await support.get(`/api/letters/${letter.id}/pdf`)).status).toBe(410);
    expect((await support.post('/api/letters/posted').send({ ids: [letter.id] })).body.results[0]).toMatchObject({ ok: false, code: 'CANDIDACY.NOT_AWAITING_LETTER' });
    expect((await mine(candidate)).body).toMatchObject({ status: 'AWAITING_KEY', attemptsLeft: 5 });

    const answers = [];
    let lockedSnapshot: unknown;
    for (let i = 0; i < 20; i++) {
      const res = await candidate.post(`/api/candidacies/${id}/activation-key`).send({ key: `ABCD-EFGH-JKMN-PQ${'RSTUVWXYZ23456789'[i % 17]}${'23456789'[i % 8]}` });
      answers.push([res.status, res.body.code, res.body.attemptsLeft]);
      if (i === 4) lockedSnapshot = await snapshot(id);
    }
    expect(answers.slice(0, 5)).toEqual([4, 3, 2, 1, 0].map((left) => [422, 'CANDIDACY.WRONG_KEY', left]));
    expect(answers.slice(5)).toEqual(Array.from({ length: 15 }, () => [409, 'CANDIDACY.LOCKED', undefined]));
    expect(await snapshot(id)).toEqual(lockedSnapshot);
    expect(lockedSnapshot).toMatchObject({ candidacy: { status: 'LOCKED', attemptsLeft: 0 }, account: { adminStatus: AdminStatus.CANDIDATE_AD } });

    const nina = await me(candidate);
    const sophie = await me(support);
    const keyAudit = (await auditOf(id)).filter(([action]) => action === 'CANDIDACY.WRONG_KEY' || action === 'CANDIDACY.LOCKED');
    expect(keyAudit).toEqual([...Array.from({ length: 4 }, () => ['CANDIDACY.WRONG_KEY', 'Nina Roux']), ['CANDIDACY.LOCKED', 'Nina Roux']]);
    expect(await updateSenders(workflowId, 'submitKey')).toEqual(Array.from({ length: 5 }, () => consoleIdentity(nina)));
    expect(await updateSenders(workflowId, 'letterPosted')).toEqual([consoleIdentity(sophie)]);
    expect((await mine(candidate)).body.workflow).toMatchObject({ status: 'LOCKED', awaiting: 'SUPPORT' });

    expect((await candidate.post(`/api/candidacies/${id}/unlock`).send({ reason: 'moi' })).status).toBe(403);
    expect((await support.post(`/api/candidacies/${id}/unlock`).send({})).body.errors).toHaveProperty('reason');
    const unlocked = await support.post(`/api/candidacies/${id}/unlock`).send({ reason: 'Identité vérifiée au téléphone' });
    expect([unlocked.status, unlocked.body]).toEqual([200, expect.objectContaining({ status: 'AWAITING_KEY', attemptsLeft: 5 })]);
    expect((await support.post(`/api/candidacies/${id}/unlock`).send({ reason: 'encore' })).body.code).toBe('CANDIDACY.NOT_LOCKED');
    expect((await auditOf(id)).at(-1)).toEqual(['CANDIDACY.UNLOCKED', 'Sophie SUPPORT']);
    expect(await updateSenders(workflowId, 'unlock')).toEqual([consoleIdentity(sophie)]);
    const retry = await candidate.post(`/api/candidacies/${id}/activation-key`).send({ key: 'ABCD-EFGH-JKMN-PQRS' });
    expect([retry.status, retry.body.code, retry.body.attemptsLeft]).toEqual([422, 'CANDIDACY.WRONG_KEY', 4]);
    expect((await support.post(`/api/candidacies/${id}/cancel`).send({ reason: 'fin du test' })).body.status).toBe('CANCELLED');
  });

  it('locked by wrong keys, cancelled through its own route by the candidate: CANCELLED, his account radiated, his cookie and login refused', async () => {
    const identity = { siret, lastName: 'Perrot', firstName: 'Jade' };
    const { id, candidate } = await applyAndConfirm(identity, 'jade.perrot@example.test');
    await statusOf(candidate, 'AWAITING_LETTER');
    const support = await login(env.app, SUPPORT);
    const letterId = (await mine(candidate)).body.workflow.letter.id as string;
    expect((await support.post(`/api/letters/${letterId}/posted`)).status).toBe(200);
    for (let i = 0; i < 5; i++) await candidate.post(`/api/candidacies/${id}/activation-key`).send({ key: `ABCD-EFGH-JKMN-PQR${'23456'[i]}` });
    expect((await mine(candidate)).body).toMatchObject({ status: 'LOCKED', workflow: { status: 'LOCKED', awaiting: 'SUPPORT' } });
    const accountId = (await me(candidate)).id;

    const cancelled = await candidate.post(`/api/candidacies/${id}/cancel`).send({ reason: 'Je renonce' });
    expect([cancelled.status, cancelled.body]).toEqual([200, expect.objectContaining({ id, status: 'CANCELLED', workflow: null })]);
    expect((await env.orm.em.fork().findOneOrFail(Account, accountId)).status).toBe(AccountStatus.RADIATED);
    expect((await candidate.get('/api/auth/me')).status).toBe(401);
    expect((await request(env.app).post('/api/auth/login').send({ ...identity, password: PASSWORD })).status).toBe(403);
    expect((await auditOf(id)).at(-1)).toEqual(['CANDIDACY.CANCELLED', 'Jade Perrot']);
    const again = await support.post(`/api/candidacies/${id}/cancel`).send({});
    expect([again.status, again.body.code]).toEqual([409, 'CANDIDACY.CLOSED']);
  });

  it('the candidate types the key printed on the posted letter (any case, spaces): APPROVED, and he acts as an administrator', async () => {
    const identity = { siret, lastName: 'Lemoine', firstName: 'Théo' };
    const { id, candidate } = await applyAndConfirm(identity, 'theo.lemoine@example.test');
    await statusOf(candidate, 'AWAITING_LETTER');
    const support = await login(env.app, SUPPORT);
    const letterId = (await mine(candidate)).body.workflow.letter.id as string;
    const printed = /\b[A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}\b/.exec(await pdfText((await download(support, `/api/letters/${letterId}/pdf`)).body))?.[0];
    expect(printed).toBeDefined();
    expect((await support.post(`/api/letters/${letterId}/posted`)).status).toBe(200);

    const typed = printed!.toLowerCase().replace(/-/g, ' ');
    const approved = await candidate.post(`/api/candidacies/${id}/activation-key`).send({ key: typed });
    expect([approved.status, approved.body]).toEqual([200, expect.objectContaining({ id, status: 'APPROVED', route: 'LETTER', decidedBy: null })]);
    expect(await auditOf(id)).toContainEqual(['CANDIDACY.APPROVED', 'Théo Lemoine']);
    expect(await auditOf((await me(candidate)).id)).toContainEqual(['ACCOUNT.ADMINISTRATOR_ACTIVATED', 'Théo Lemoine']);
    expect((await candidate.get('/api/auth/me')).body).toMatchObject({ role: 'ADMINISTRATOR', adminStatus: 'ACTIVE' });
    const relogged = await login(env.app, { ...identity, password: PASSWORD });
    expect((await relogged.get('/api/declarants')).status).toBe(200);
    expect((await relogged.get('/api/candidacies')).body).toEqual(expect.arrayContaining([expect.objectContaining({ id, status: 'APPROVED' })]));
  });

  it('a company without a head-office address: the letter is held back (no PDF, not postable) until one issued after the company corrected its address, which it carries', async () => {
    const em = env.orm.em.fork();
    const company = em.create(Company, { siren: '732829338', legalName: 'Atelier Sans Adresse', headOfficeAddress: 'Adresse à compléter', status: CompanyStatus.ACTIVE });
    em.create(Establishment, { siret: '73282933800019', company, name: 'Siège', address: company.headOfficeAddress, status: EstablishmentStatus.ACTIVE, headOffice: true });
    await em.flush();
    const { id, candidate } = await applyAndConfirm({ siret: '73282933800019', lastName: 'Garnier', firstName: 'Paul' }, 'paul.garnier@example.test');
    await statusOf(candidate, 'AWAITING_LETTER');
    const support = await login(env.app, SUPPORT);
    const lettersOf = async () => (await support.get('/api/letters').query({ filter: JSON.stringify({ status: 'PENDING' }) })).body.filter((l: { candidacyId: string }) => l.candidacyId === id);
    const [held] = await lettersOf();
    expect(held).toMatchObject({ sequence: 1, address: null, held: true, status: 'PENDING' });
    for (const res of [await support.get(`/api/letters/${held.id}/pdf`), await support.get(`/api/letters/pdf?ids=${held.id}`), await support.post(`/api/letters/${held.id}/posted`)]) {
      expect([res.status, res.body.code]).toEqual([409, 'CANDIDACY.LETTER_NO_ADDRESS']);
    }
    expect((await support.post('/api/letters/posted').send({ ids: [held.id] })).body.results[0]).toMatchObject({ ok: false, code: 'CANDIDACY.LETTER_NO_ADDRESS' });

    const corrected = await support.put(`/api/companies/${company.id}`).send({ legalName: 'Atelier Sans Adresse', headOfficeAddress: '3 rue Neuve\n69002 Lyon' });
    expect(corrected.status).toBe(200);
    expect((await support.post(`/api/candidacies/${id}/letters`)).body).toMatchObject({ status: 'AWAITING_LETTER', lettersSent: 2 });
    const [letter] = await lettersOf();
    expect(letter).toMatchObject({ sequence: 2, address: '3 rue Neuve\n69002 Lyon', held: false });
    const text = await pdfText((await download(support, `/api/letters/${letter.id}/pdf`)).body);
    expect(text).toContain('3 rue Neuve');
    expect(text).not.toContain('Adresse à compléter');
    expect((await support.post(`/api/letters/${letter.id}/posted`)).body.status).toBe('POSTED');
    expect((await support.post(`/api/candidacies/${id}/cancel`).send({ reason: 'fin du test' })).body.status).toBe('CANCELLED');
  });

  /** What a guess could change: the candidacy, the candidate's account, the company's audit trail. */
  async function snapshot(candidacyId: string) {
    const em = env.orm.em.fork();
    const candidacy = await em.findOneOrFail(Candidacy, candidacyId);
    const account = await em.findOneOrFail(Account, candidacy.account!.id);
    const audit = await em.count(AuditEvent, { companyId });
    const admins = await em.count(Account, { company: companyId, role: AccountRole.ADMINISTRATOR, adminStatus: AdminStatus.ACTIVE });
    return {
      candidacy: { status: candidacy.status, attemptsLeft: candidacy.attemptsLeft, lettersSent: candidacy.lettersSent, updatedAt: candidacy.updatedAt.toISOString() },
      account: { status: account.status, adminStatus: account.adminStatus },
      audit,
      admins,
    };
  }
});
