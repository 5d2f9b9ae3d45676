import { createHash } from 'node:crypto';
import request from 'supertest';
import { AccountRole } from '../../domain/account/account.entity';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { ApiKey } from '../../domain/auth/api-key.entity';
import { Company, CompanyStatus } from '../../domain/company/company.entity';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { eventually, waitFor } from '../helpers/eventually';
import { login, startIntegrationEnv, type Agent, type IntegrationEnv } from '../helpers/integration';

let env: IntegrationEnv;
let adminA: Agent;
let supportAgent: Agent;
let companyA: string;
let companyB: string;

const [support, admin, declarant] = [AccountRole.SUPPORT, AccountRole.ADMINISTRATOR, AccountRole.DECLARANT].map(
  (role) => DEMO_LOGINS.find((l) => l.role === role)!,
);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const decide = (key: string) =>
  request(env.app)
    .post('/api/access/decisions')
    .set('Authorization', `Bearer ${key}`)
    .send({ accountId: '00000000-0000-4000-8000-000000000000', siret: '84271640900011', service: 'PEPS' });

beforeAll(async () => {
  env = await startIntegrationEnv();
  adminA = await login(env.app, admin);
  supportAgent = await login(env.app, support);
  companyA = (await adminA.get('/api/auth/me')).body.companyId;
  const em = env.orm.em.fork();
  const b = em.create(Company, { siren: '532109873', legalName: 'Société B', headOfficeAddress: '2 rue B, Lille', status: CompanyStatus.ACTIVE });
  await em.flush();
  companyB = b.id;
});

afterAll(async () => {
  await env?.stop();
});

describe('API keys', () => {
  it('creates a key: the clear key is shown once, only its SHA-256 is stored, the prefix identifies it, audited', async () => {
    const res = await adminA.post('/api/api-keys').send({ name: 'Logiciel de paie' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      companyId: companyA,
      name: 'Logiciel de paie',
      prefix: expect.stringMatching(/^bo_[0-9a-f]{8}$/),
      createdAt: expect.any(String),
      revokedAt: null,
      lastUsedAt: null,
      key: expect.any(String),
    });
    const { key, prefix, id } = res.body;
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    expect(key.length).toBeGreaterThan(50);

    const stored = await env.orm.em.fork().findOneOrFail(ApiKey, id);
    expect(stored.keyHash).toBe(sha256(key));
    const row = await env.orm.em.getConnection().execute('select * from api_key where id = ?', [id]);
    expect(JSON.stringify(row)).not.toContain(key.split('_').slice(2).join('_'));

    const one = await adminA.get(`/api/api-keys/${id}`);
    expect(one.status).toBe(200);
    expect(one.body.key).toBeUndefined();
    expect(one.body.prefix).toBe(prefix);
    const list = await adminA.get('/api/api-keys');
    expect(list.headers['content-range']).toMatch(/^api-keys 0-\d+\/\d+$/);
    expect(list.body.find((k: { id: string }) => k.id === id)).toEqual(one.body);

    const audit = await env.orm.em.fork().find(AuditEvent, { targetId: id });
    expect(audit.map((a) => a.action)).toEqual(['API_KEY.CREATED']);
    expect(audit[0]).toMatchObject({ companyId: companyA, after: { name: 'Logiciel de paie', prefix } });
    expect(JSON.stringify(audit)).not.toContain(key);
  });

  it('revokes a key: 204, audited, the key no longer opens the decision API; revoking again is a no-op', async () => {
    const { key, id } = (await adminA.post('/api/api-keys').send({ name: 'À révoquer' }).expect(201)).body;
    expect((await decide(key)).status).toBe(200);
    expect((await adminA.delete(`/api/api-keys/${id}`)).status).toBe(204);
    expect((await adminA.get(`/api/api-keys/${id}`)).body.revokedAt).not.toBeNull();
    expect((await decide(key)).status).toBe(401);
    expect((await adminA.delete(`/api/api-keys/${id}`)).status).toBe(204);
    const audit = await env.orm.em.fork().find(AuditEvent, { targetId: id }, { orderBy: { at: 'ASC' } });
    expect(audit.map((a) => a.action)).toEqual(['API_KEY.CREATED', 'API_KEY.REVOKED']);
  });

  it('records lastUsedAt on use, at most once a minute', async () => {
    const { key, id } = (await adminA.post('/api/api-keys').send({ name: 'Suivie' }).expect(201)).body;
    const lastUsedAt = async (): Promise<string | null> => (await adminA.get(`/api/api-keys/${id}`)).body.lastUsedAt;
    await decide(key).expect(200);
    // Recorded off the answer's path: it lands just after.
    const first = await eventually(async () => (await lastUsedAt()) ?? undefined);
    await decide(key).expect(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(await lastUsedAt()).toBe(first);

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await env.orm.em.fork().nativeUpdate(ApiKey, { id }, { lastUsedAt: twoMinutesAgo });
    env.accessCache.cache.reset(); // a process that has not seen the key for two minutes
    await decide(key).expect(200);
    await waitFor(async () => new Date((await lastUsedAt())!).getTime() > twoMinutesAgo.getTime() + 60_000);
  });

  it('support lists every company’s keys and creates one for a named company (companyId required)', async () => {
    const missing = await supportAgent.post('/api/api-keys').send({ name: 'Sans entreprise' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toHaveProperty('companyId');
    const forB = await supportAgent.post('/api/api-keys').send({ name: 'Paie B', companyId: companyB });
    expect(forB.status).toBe(201);
    expect(forB.body.companyId).toBe(companyB);
    const unknown = await supportAgent.post('/api/api-keys').send({ name: 'X', companyId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);

    const all = await supportAgent.get('/api/api-keys').query({ range: '[0,999]' });
    expect(new Set(all.body.map((k: { companyId: string }) => k.companyId))).toEqual(new Set([companyA, companyB]));
    const onlyB = await supportAgent.get('/api/api-keys').query({ filter: JSON.stringify({ companyId: companyB }) });
    expect(onlyB.body.map((k: { id: string }) => k.id)).toEqual([forB.body.id]);
  });

  it('an administrator of company A neither sees nor revokes company B’s keys (404), nor creates one for B', async () => {
    const bKey = (await supportAgent.post('/api/api-keys').send({ name: 'Clé de B', companyId: companyB }).expect(201)).body;
    const list = await adminA.get('/api/api-keys').query({ range: '[0,999]' });
    expect(list.body.every((k: { companyId: string }) => k.companyId === companyA)).toBe(true);
    const filtered = await adminA.get('/api/api-keys').query({ filter: JSON.stringify({ companyId: companyB }) });
    expect(filtered.body).toEqual([]);
    expect((await adminA.get(`/api/api-keys/${bKey.id}`)).status).toBe(404);
    const revoke = await adminA.delete(`/api/api-keys/${bKey.id}`);
    expect(revoke.status).toBe(404);
    expect(revoke.body.code).toBe('RESOURCE.NOT_FOUND');
    expect((await decide(bKey.key)).status).toBe(200);
    expect((await adminA.post('/api/api-keys').send({ name: 'Pour B', companyId: companyB })).status).toBe(404);
  });

  it('refuses declarants (403) and anonymous callers (401)', async () => {
    const declarantSession = await login(env.app, declarant);
    const { id } = (await adminA.post('/api/api-keys').send({ name: 'Intouchable' }).expect(201)).body;
    expect((await declarantSession.get('/api/api-keys')).status).toBe(403);
    expect((await declarantSession.get(`/api/api-keys/${id}`)).status).toBe(403);
    expect((await declarantSession.post('/api/api-keys').send({ name: 'Moi' })).status).toBe(403);
    expect((await declarantSession.delete(`/api/api-keys/${id}`)).status).toBe(403);
    expect((await request(env.app).get('/api/api-keys')).status).toBe(401);
    expect((await request(env.app).post('/api/api-keys').send({ name: 'Anonyme' })).status).toBe(401);
  });
});
