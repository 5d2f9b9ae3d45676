import request from 'supertest';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { credentials, login, startIntegrationEnv, type IntegrationEnv } from '../helpers/integration';
import { ADMIN, DECLARANT, demoPortfolioId, latestLink, tokenOf } from '../helpers/rights.fixtures';

let env: IntegrationEnv;

beforeAll(async () => {
  env = await startIntegrationEnv();
});

afterAll(async () => {
  await env?.stop();
});

const confirm = (body: Record<string, unknown>) => request(env.app).post('/api/confirmations').send(body);
const describeLink = (token: string) => request(env.app).get(`/api/confirmations/${token}`);

describe('declarant life cycle', () => {
  it('created by an administrator → link mailed → chooses his password → logs in and sees only his own habilitations', async () => {
    const admin = await login(env.app, ADMIN);
    const identity = { siret: '84271640900011', lastName: 'Garnier', firstName: 'Théo' };
    const created = await admin.post('/api/declarants').send({ ...identity, email: 'theo.garnier@boulangerie-martin.example' });
    expect(created.status).toBe(201);
    const token = tokenOf(await latestLink(env.app, 'theo.garnier@boulangerie-martin.example'));

    expect((await describeLink(token)).body).toEqual({ purpose: 'EMAIL_CONFIRMATION', needsPassword: true, ...identity });
    const missing = await confirm({ token });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.password).toBeDefined();
    const weak = await confirm({ token, password: 'motdepasse' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors.password).toContain('12 caractères');

    const password = 'Fournil-du-Matin-69';
    const confirmed = await confirm({ token, password });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ status: 'CONFIRMED', purpose: 'EMAIL_CONFIRMATION', ...identity });
    const reused = await confirm({ token, password });
    expect(reused.status).toBe(410);
    expect(reused.body.code).toBe('REGISTRATION.TOKEN_USED');
    const audit = await env.orm.em.fork().find(AuditEvent, { targetId: created.body.id, action: 'ACCOUNT.EMAIL_CONFIRMED' });
    expect(audit[0].after).toMatchObject({ status: 'ACTIVE' });

    const portfolioId = await demoPortfolioId(env.app);
    expect((await admin.post(`/api/portfolios/${portfolioId}/services`).send({ serviceCode: 'PEPS' })).status).toBe(200);
    const bernardId = (await admin.get('/api/declarants').query({ filter: JSON.stringify({ q: 'BERNARD' }) })).body[0].id;
    const grant = (accountId: string) =>
      admin.put('/api/habilitations').send({ portfolioId, accountId, siret: identity.siret, serviceCode: 'PEPS', canDeclare: true, canPay: false, canConsult: true });
    expect((await grant(created.body.id)).status).toBe(200);
    expect((await grant(bernardId)).status).toBe(200);

    const theo = await login(env.app, { ...identity, password });
    const mine = await theo.get('/api/habilitations');
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual([expect.objectContaining({ accountId: created.body.id, siret: identity.siret, serviceCode: 'PEPS', canDeclare: true })]);
    expect((await theo.get(`/api/habilitations/${(await grant(bernardId)).body.id}`)).status).toBe(404);
  });

  it('a corrected address of an active declarant: still active, the new address pending until he follows the new link, no new password', async () => {
    const admin = await login(env.app, ADMIN);
    const bernard = (await admin.get('/api/declarants').query({ filter: JSON.stringify({ q: 'BERNARD' }) })).body[0];
    const changed = await admin.put(`/api/declarants/${bernard.id}`).send({ email: 'luc.bernard@nouvelle-adresse.example' });
    expect(changed.body).toMatchObject({ status: 'ACTIVE', email: bernard.email, emailConfirmedAt: bernard.emailConfirmedAt, pendingEmail: 'luc.bernard@nouvelle-adresse.example' });
    await login(env.app, DECLARANT);

    const token = tokenOf(await latestLink(env.app, 'luc.bernard@nouvelle-adresse.example'));
    expect((await describeLink(token)).body).toMatchObject({ purpose: 'EMAIL_CONFIRMATION', needsPassword: false });
    expect((await confirm({ token })).status).toBe(200);
    expect((await admin.get(`/api/declarants/${bernard.id}`)).body).toMatchObject({ email: 'luc.bernard@nouvelle-adresse.example', pendingEmail: null, emailConfirmedAt: expect.any(String) });
    expect((await request(env.app).post('/api/auth/login').send(credentials(DECLARANT))).status).toBe(200);
  });
  it('a corrected address after a finished confirmation starts a new one', async () => {
    const admin = await login(env.app, ADMIN);
    const theo = (await admin.get('/api/declarants').query({ filter: JSON.stringify({ q: 'Garnier' }) })).body[0];
    expect(theo.emailConfirmedAt).not.toBeNull();
    await admin.put(`/api/declarants/${theo.id}`).send({ email: 'theo@garnier.example' });
    const token = tokenOf(await latestLink(env.app, 'theo@garnier.example'));
    expect((await confirm({ token })).body).toMatchObject({ status: 'CONFIRMED', purpose: 'EMAIL_CONFIRMATION' });
  });
});

describe('confirmation links', () => {
  it('serve the registration too, with the same answers', async () => {
    const registration = {
      siren: '732829320',
      siret: '73282932000074',
      lastName: 'Durand',
      firstName: 'Élise',
      email: 'elise.durand@menuiserie.example',
      password: 'Copeaux-et-Sciure-44',
    };
    expect((await request(env.app).post('/api/registrations').send(registration)).status).toBe(202);
    const token = tokenOf(await latestLink(env.app, registration.email));
    const identity = { siret: registration.siret, lastName: 'Durand', firstName: 'Élise' };
    expect((await describeLink(token)).body).toEqual({ purpose: 'REGISTRATION', needsPassword: false, ...identity });
    expect((await confirm({ token })).body).toEqual({ status: 'CONFIRMED', purpose: 'REGISTRATION', ...identity });
    expect((await request(env.app).post('/api/auth/login').send(credentials(registration))).status).toBe(200);
  });

  it('answer 400 to an unknown token', async () => {
    const unknown = 'x'.repeat(43);
    for (const res of [await describeLink(unknown), await confirm({ token: unknown, password: 'Fournil-du-Matin-69' })]) {
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('REGISTRATION.TOKEN_INVALID');
    }
  });
});
