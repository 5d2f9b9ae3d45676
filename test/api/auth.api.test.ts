import { Writable } from 'node:stream';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import request from 'supertest';
import { AccountRole } from '../../domain/account/account.entity';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { freePort } from '../helpers/free-port';
import { DEMO_PASSWORD, login, startIntegrationEnv, type IntegrationEnv } from '../helpers/integration';

let env: IntegrationEnv;

beforeAll(async () => {
  env = await startIntegrationEnv();
});

afterAll(async () => {
  await env?.stop();
});

const [support, admin, declarant] = [AccountRole.SUPPORT, AccountRole.ADMINISTRATOR, AccountRole.DECLARANT].map(
  (role) => DEMO_LOGINS.find((l) => l.role === role)!,
);
const credentials = (who: typeof support, password = DEMO_PASSWORD) => ({
  siret: who.siret,
  lastName: who.lastName,
  firstName: who.firstName,
  password,
});

describe('login', () => {
  it('answers 401 AUTH.INVALID_CREDENTIALS to a wrong password and to an unknown identity', async () => {
    for (const body of [credentials(support, 'Wrong-Password-2026'), { ...credentials(support), lastName: 'INCONNU' }]) {
      const res = await request(env.app).post('/api/auth/login').send(body);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ code: 'AUTH.INVALID_CREDENTIALS', message: expect.any(String) });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('sets an HttpOnly, SameSite session cookie and answers the identity', async () => {
    const res = await request(env.app).post('/api/auth/login').send(credentials(admin));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'ADMINISTRATOR', companySiren: '842716409', lastName: 'MARTIN' });
    expect(res.body.passwordHash).toBeUndefined();
    const cookie = res.headers['set-cookie'][0] as string;
    expect(cookie).toMatch(/^bo_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('keeps the session across API instances (restart or replica), and logout ends it everywhere', async () => {
    const res = await request(env.app).post('/api/auth/login').send(credentials(declarant));
    const cookie = (res.headers['set-cookie'][0] as string).split(';')[0];
    const replica = env.newApp();
    expect((await request(replica).get('/api/auth/me').set('Cookie', cookie)).body.lastName).toBe('BERNARD');
    expect((await request(env.app).post('/api/auth/logout').set('Cookie', cookie)).status).toBe(204);
    const after = await request(replica).get('/api/auth/me').set('Cookie', cookie);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it('locks the identity after 10 failures (423 AUTH.LOCKED, even with the right password)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await request(env.app).post('/api/auth/login').send(credentials(declarant, `Wrong-${i}-Password!`))).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 401, 423]);
    const locked = await request(env.app).post('/api/auth/login').send(credentials(declarant));
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe('AUTH.LOCKED');
    const account = await (await login(env.app, support)).get('/api/accounts').query({ filter: JSON.stringify({ q: 'BERNARD' }) });
    expect(account.body[0].lockedUntil).not.toBeNull();
  });
});

describe('API edge', () => {
  it('reports health of the database and Temporal', async () => {
    const res = await request(env.app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok', temporal: 'ok' });
  });

  it('answers 503 naming the part that is down', async () => {
    const deadTemporal = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}`, connectTimeout: 500 }) });
    const res = await request(env.newApp({ temporal: deadTemporal })).get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'degraded', database: 'ok', temporal: 'down' });
  });

  it('documents every route in the OpenAPI document', async () => {
    const doc = (await request(env.app).get('/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.0.3');
    for (const path of [
      '/api/auth/login',
      '/api/auth/me',
      '/api/auth/logout',
      '/api/health',
      '/api/registrations',
      '/api/registrations/confirm',
      '/api/registrations/{id}',
      '/api/registrations/{id}/resend',
      '/api/companies',
      '/api/companies/{id}',
      '/api/establishments/{id}',
      '/api/accounts/{id}',
      '/api/outbox',
      '/api/audit-events',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.components.schemas.RegistrationRequest.properties.siret).toBeDefined();
  });

  it('answers errors in one shape', async () => {
    const malformed = await request(env.app).post('/api/auth/login').set('Content-Type', 'application/json').send('{"siret":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('REQUEST.MALFORMED_JSON');
    const unknown = await request(env.app).get('/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('ROUTE.NOT_FOUND');
    const anonymous = await request(env.app).get('/api/companies');
    expect(anonymous.status).toBe(401);
    const badSort = await (await login(env.app, support)).get('/api/companies').query({ sort: JSON.stringify(['passwordHash', 'ASC']) });
    expect(badSort.status).toBe(400);
    expect(badSort.body.code).toBe('LIST.UNSORTABLE');
  });

  it('writes request logs without passwords, tokens or cookies', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = env.newApp({ logger: pino({ level: 'info' }, sink) });
    const res = await request(app).post('/api/auth/login').send(credentials(support));
    const token = (res.headers['set-cookie'][0] as string).split(';')[0].split('=')[1];
    await request(app).get('/api/auth/me').set('Cookie', `bo_session=${token}`);
    await request(app).post('/api/registrations/confirm').send({ token: 'secret-token-value-123' });
    const logs = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const secret of [DEMO_PASSWORD, token, 'secret-token-value-123']) expect(logs).not.toContain(secret);
  });
});
