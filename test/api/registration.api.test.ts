import request from 'supertest';
import { ConfirmationToken } from '../../domain/confirmation/confirmation-token.entity';
import { Account, AccountRole } from '../../domain/account/account.entity';
import { Company, CompanyStatus } from '../../domain/company/company.entity';
import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { registrationStatusQuery } from '../../workflows/registration/registration.messages';
import { AwaitedRole, BusinessPhase, CompanySiren, DueDate, SubjectAccount } from '../../workflows/search-attributes';
import { credentials, eventually, login, mailsTo, PUBLIC_URL, startIntegrationEnv, type IntegrationEnv } from '../helpers/integration';
import { latestLink, siretsOf, tokenOf } from '../helpers/rights.fixtures';

let env: IntegrationEnv;

beforeAll(async () => {
  env = await startIntegrationEnv();
});

afterAll(async () => {
  await env?.stop();
});

const support = DEMO_LOGINS.find((l) => l.role === AccountRole.SUPPORT)!;
const demoAdmin = DEMO_LOGINS.find((l) => l.role === AccountRole.ADMINISTRATOR)!;

const registration = {
  siren: '732829320',
  siret: '73282932000074',
  legalName: 'Menuiserie Durand',
  headOfficeAddress: '4 rue des Artisans, 44000 Nantes',
  lastName: 'Durand',
  firstName: 'Élise',
  email: 'elise.durand@menuiserie.example',
  password: 'Copeaux-et-Sciure-44',
};

const register = (body: object) => request(env.app).post('/api/registrations').send(body);

/** What a visitor learns from an answer: its status, its headers' names, its content type and body. */
const seen = (res: request.Response) => ({
  status: res.status,
  headers: Object.keys(res.headers).sort(),
  type: res.headers['content-type'],
  body: res.body,
});

/** The answer to every registration of `siren` the form lets through, started or not. */
const accepted = (siren: string) => ({
  status: 202,
  headers: expect.any(Array),
  type: 'application/json; charset=utf-8',
  body: { id: `registration-${siren}`, workflowId: `registration-${siren}` },
});

/** A notice: why the registration did not start, with the one link it gives. */
const notice = (subject: string, link: string) =>
  expect.objectContaining({ subject: expect.stringContaining(subject), links: [`${PUBLIC_URL}${link}`], status: 'SENT' });

describe('company registration over HTTP', () => {
  it('register → mail in the outbox → confirm → the Primo AD logs in', async () => {
    const started = await register(registration);
    expect(seen(started)).toEqual(accepted('732829320'));

    const mails = await mailsTo(env.app, registration.email);
    expect(mails).toEqual([
      expect.objectContaining({ subject: "Confirmez l'inscription de l'entreprise Menuiserie Durand", links: [expect.stringContaining(`${PUBLIC_URL}/#/confirm?token=`)] }),
    ]);
    const token = tokenOf(mails[0].links[0]);

    const refused = await request(env.app).post('/api/auth/login').send(credentials(registration));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('AUTH.ACCOUNT_INACTIVE');

    const confirmed = await request(env.app).post('/api/registrations/confirm').send({ token });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ status: 'CONFIRMED', siret: registration.siret, lastName: 'Durand', firstName: 'Élise' });

    const primo = request.agent(env.app);
    const loggedIn = await primo.post('/api/auth/login').send({
      siret: registration.siret,
      lastName: 'DURAND',
      firstName: 'elise',
      password: registration.password,
    });
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.headers['set-cookie'][0]).toMatch(/HttpOnly/);
    const me = await primo.get('/api/auth/me');
    expect(me.body).toMatchObject({ role: 'ADMINISTRATOR', adminStatus: 'ACTIVE', companySiren: '732829320' });

    const company = await env.orm.em.fork().findOneOrFail(Company, { siren: '732829320' });
    expect(company.status).toBe(CompanyStatus.ACTIVE);
    const audit = await (await login(env.app, support)).get('/api/audit-events').query({ filter: JSON.stringify({ companyId: company.id }) });
    expect((audit.body as Array<{ action: string }>).map((e) => e.action).sort()).toEqual(['ACCOUNT.ACTIVATED', 'REGISTRATION.CONFIRMED']);

    const reused = await request(env.app).post('/api/registrations/confirm').send({ token });
    expect(reused.status).toBe(410);
    expect(reused.body.code).toBe('REGISTRATION.TOKEN_USED');

    const detail = await (await login(env.app, support)).get('/api/registrations/registration-732829320');
    expect(detail.body).toMatchObject({ workflowStatus: 'COMPLETED', phase: 'CONFIRMED', mailsSent: 1, siren: '732829320' });
  });

  it('keeps only the hash of the confirmation token', async () => {
    const link = await latestLink(env.app, registration.email);
    const token = new URL(link.replace('/#/', '/')).searchParams.get('token')!;
    const rows = await env.orm.em.fork().find(ConfirmationToken, {});
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.tokenHash !== token && r.tokenHash.length === 64)).toBe(true);
  });

  it.each([
    ['a wrong checksum', { siret: '73282932000075' }, 'siret', 'clé de contrôle'],
    ['a SIRET outside the SIREN', { siret: '73282932000074' }, 'siret', 'n’appartient pas'],
    ['a lost leading zero', { siret: '7328293200007' }, 'siret', 'zéro initial'],
    ['scientific notation', { siren: '7.32829E+8' }, 'siren', 'notation scientifique'],
    ['a weak password', { password: 'motdepasse' }, 'password', '12 caractères'],
  ])('answers 400 naming the field for %s', async (_case, patch, field, fragment) => {
    const res = await request(env.app).post('/api/registrations').send({ ...registration, siren: '842716409', siret: '84271640900011', ...patch });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION.FAILED');
    expect(res.body.errors[field]).toContain(fragment);
  });

  it('answers 400 to an unknown token and 410 to a replaced one', async () => {
    const unknown = await request(env.app).post('/api/registrations/confirm').send({ token: 'x'.repeat(43) });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('REGISTRATION.TOKEN_INVALID');

    const body = { ...registration, siren: '100000009', siret: '10000000900017', email: 'resend@example.test' };
    expect((await request(env.app).post('/api/registrations').send(body)).status).toBe(202);
    const first = await latestLink(env.app, 'resend@example.test');
    const resend = await (await login(env.app, support)).post('/api/registrations/registration-100000009/resend');
    expect(resend.status).toBe(200);
    const second = await latestLink(env.app, 'resend@example.test', first);
    const stale = await request(env.app).post('/api/registrations/confirm').send({ token: tokenOf(first) });
    expect(stale.status).toBe(410);
    expect(stale.body.code).toBe('REGISTRATION.TOKEN_SUPERSEDED');
    expect((await request(env.app).post('/api/registrations/confirm').send({ token: tokenOf(second) })).status).toBe(200);
  });
});

describe('the public form tells nobody what the portal holds', () => {
  it('a registration while one runs for the SIREN: the same answer as the first, the truth by mail to each address, nothing changed', async () => {
    const body = { ...registration, siren: '532109873', siret: '53210987300010', email: 'first@example.test' };
    const first = await register(body);
    const second = await register({ ...body, lastName: 'Autre', firstName: 'Personne', email: 'second@example.test' });
    expect(seen(first)).toEqual(accepted('532109873'));
    expect(seen(second)).toEqual(seen(first));

    expect(await mailsTo(env.app, 'first@example.test')).toEqual([
      expect.objectContaining({ subject: "Confirmez l'inscription de l'entreprise Menuiserie Durand", links: [expect.stringContaining('/#/confirm?token=')] }),
    ]);
    expect(await mailsTo(env.app, 'second@example.test')).toEqual([notice('une inscription est déjà en cours', '/#/login')]);
    const em = env.orm.em.fork();
    expect((await em.find(Company, { siren: '532109873' })).map((c) => c.status)).toEqual([CompanyStatus.PENDING]);
    expect((await em.find(Account, { siret: '53210987300010' })).map((a) => a.email)).toEqual(['first@example.test']);
  });

  it('a company already registered, the form posted twice: the answer its SIREN always gets, one mail saying so, nothing written', async () => {
    const body = { ...registration, email: 'exists@example.test' };
    const answers = [await register(body), await register(body)];
    expect(answers.map(seen)).toEqual([accepted('732829320'), seen(answers[0])]);

    const [mail, ...others] = await mailsTo(env.app, 'exists@example.test');
    expect([mail, ...others]).toEqual([notice('entreprise déjà inscrite', '/#/candidacy/apply')]);
    expect(mail.text).toContain('Bonjour Élise Durand,');
    expect(mail.text).toContain("demandez à l'un de ses administrateurs de vous créer un accès");
    expect(await env.orm.em.fork().count(Account, { email: 'exists@example.test' })).toBe(0);
  });

  it('a head office that belongs to another company: the same answer, one mail saying so, nothing written', async () => {
    const siren = '552100554';
    const [siret] = siretsOf(siren, 1);
    const em = env.orm.em.fork();
    const holder = await em.findOneOrFail(Company, { siren: '732829320' });
    em.create(Establishment, { siret, company: holder, name: 'Dépôt', address: holder.headOfficeAddress, status: EstablishmentStatus.ACTIVE, headOffice: false });
    await em.flush();

    expect(seen(await register({ ...registration, siren, siret, email: 'taken@example.test' }))).toEqual(accepted(siren));
    expect(await mailsTo(env.app, 'taken@example.test')).toEqual([notice('établissement déjà inscrit', '/#/candidacy/apply')]);
    expect(await em.fork().count(Company, { siren })).toBe(0);
  });
});

describe('search attributes for supervision', () => {
  it('tags each registration with its company, subject, phase, awaited role and due date, and keeps them current', async () => {
    const attributes = async (id: string) => (await env.temporal.client.workflow.getHandle(id).describe()).typedSearchAttributes;
    const waiting = await attributes('registration-532109873');
    const { purgeAt } = await env.temporal.client.workflow.getHandle('registration-532109873').query(registrationStatusQuery);
    expect(waiting.get(CompanySiren)).toBe('532109873');
    expect(waiting.get(SubjectAccount)).toMatch(/^[0-9a-f-]{36}$/);
    expect(waiting.get(BusinessPhase)).toBe('AWAITING_CONFIRMATION');
    expect(waiting.get(AwaitedRole)).toBe('PRIMO_AD');
    expect(waiting.get(DueDate)?.toISOString()).toBe(purgeAt);

    const confirmed = await attributes('registration-100000009');
    expect(confirmed.get(BusinessPhase)).toBe('CONFIRMED');
    expect(confirmed.get(AwaitedRole)).toBeUndefined();
    expect(confirmed.get(DueDate)).toBeUndefined();

    const listed = await eventually(async () => {
      const found: string[] = [];
      for await (const w of env.temporal.client.workflow.list({ query: "AwaitedRole = 'PRIMO_AD'" })) found.push(w.workflowId);
      return found.length ? found : undefined;
    });
    expect(listed).toEqual(['registration-532109873']);
  });
});

describe('registrations list (Temporal visibility)', () => {
  it('filters by workflow status and pages with Content-Range', async () => {
    const agent = await login(env.app, support);
    const running = await eventually(async () => {
      const res = await agent.get('/api/registrations').query({ filter: JSON.stringify({ workflowStatus: 'RUNNING' }) });
      const ids = (res.body as Array<{ id: string }>).map((r) => r.id);
      return ids.includes('registration-532109873') ? res : undefined;
    });
    const records = running.body as Array<{ id: string; workflowStatus: string; phase: string }>;
    expect(records.every((r) => r.workflowStatus === 'RUNNING')).toBe(true);
    expect(records.map((r) => r.id)).not.toContain('registration-732829320');
    expect(records.find((r) => r.id === 'registration-532109873')!.phase).toBe('AWAITING_CONFIRMATION');

    const completed = await agent.get('/api/registrations').query({ filter: JSON.stringify({ workflowStatus: 'COMPLETED' }), range: '[0,0]' });
    expect(completed.body).toHaveLength(1);
    expect(completed.headers['content-range']).toMatch(/^registrations 0-0\/\d+$/);
    expect((await (await login(env.app, demoAdmin)).get('/api/registrations')).status).toBe(403);
  });
});

describe('company scope', () => {
  it('an administrator of company A gets 404 on company B’s company, establishment and account', async () => {
    const other = await env.orm.em.fork().findOneOrFail(Company, { siren: '732829320' });
    const admin = await login(env.app, demoAdmin);
    const [establishments, accounts] = await Promise.all([
      (await login(env.app, support)).get('/api/establishments').query({ filter: JSON.stringify({ companyId: other.id }) }),
      (await login(env.app, support)).get('/api/accounts').query({ filter: JSON.stringify({ companyId: other.id }) }),
    ]);
    const establishmentId = establishments.body[0].id as string;
    const accountId = accounts.body[0].id as string;

    expect((await admin.get(`/api/companies/${other.id}`)).status).toBe(404);
    expect((await admin.get(`/api/establishments/${establishmentId}`)).status).toBe(404);
    expect((await admin.get(`/api/accounts/${accountId}`)).status).toBe(404);
    expect((await admin.put(`/api/companies/${other.id}`).send({ legalName: 'Pris', headOfficeAddress: '1 rue du Vol' })).status).toBe(404);

    const ownList = await admin.get('/api/establishments');
    expect(ownList.status).toBe(200);
    expect(ownList.headers['content-range']).toMatch(/^establishments 0-\d+\/2$/);
    expect((ownList.body as Array<{ siret: string }>).every((e) => e.siret.startsWith('842716409'))).toBe(true);
    expect((await admin.get('/api/outbox')).status).toBe(403);
  });

  it('a declarant sees only himself', async () => {
    const declarant = await login(env.app, DEMO_LOGINS.find((l) => l.role === AccountRole.DECLARANT)!);
    const accounts = await declarant.get('/api/accounts');
    expect(accounts.body).toHaveLength(1);
    expect(accounts.body[0].lastName).toBe('BERNARD');
    expect((await declarant.get('/api/companies')).status).toBe(403);
  });
});
