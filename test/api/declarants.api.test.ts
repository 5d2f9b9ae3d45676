import request from 'supertest';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { login, PUBLIC_URL, startIntegrationEnv, type IntegrationEnv } from '../helpers/integration';
import { ADMIN, createOtherCompany, DECLARANT, latestLink, SUPPORT, tokenOf, type OtherCompany } from '../helpers/rights.fixtures';

let env: IntegrationEnv;
let other: OtherCompany;

beforeAll(async () => {
  env = await startIntegrationEnv();
  other = await createOtherCompany(env.orm);
});

afterAll(async () => {
  await env?.stop();
});

const newcomer = { siret: '84271640900029', lastName: 'Petit', firstName: 'Nina', email: 'nina.petit@boulangerie-martin.example' };

async function create(body: Record<string, unknown>) {
  return (await login(env.app, ADMIN)).post('/api/declarants').send(body);
}

const auditOf = (targetId: string) => env.orm.em.fork().find(AuditEvent, { targetId }, { orderBy: { at: 'ASC' } });

describe('declarants', () => {
  it('an administrator creates a declarant: PENDING, audited, and a confirmation link mailed to him', async () => {
    const res = await create(newcomer);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ...newcomer, role: 'DECLARANT', status: 'PENDING', emailConfirmedAt: null });
    const link = await latestLink(env.app, newcomer.email);
    expect(link.startsWith(`${PUBLIC_URL}/#/confirm?token=`)).toBe(true);
    const check = await request(env.app).get(`/api/confirmations/${tokenOf(link)}`);
    expect(check.body).toEqual({ purpose: 'EMAIL_CONFIRMATION', needsPassword: true, siret: newcomer.siret, lastName: 'Petit', firstName: 'Nina' });

    const [created] = await auditOf(res.body.id);
    expect(created).toMatchObject({ action: 'DECLARANT.CREATED', actorLabel: 'Claire MARTIN', before: null });
    expect(created.after).toMatchObject({ email: newcomer.email, status: 'PENDING' });

    const admin = await login(env.app, ADMIN);
    expect((await admin.get(`/api/declarants/${res.body.id}`)).body.email).toBe(newcomer.email);
    const list = await admin.get('/api/declarants').query({ filter: JSON.stringify({ status: 'PENDING' }) });
    expect((list.body as Array<{ id: string }>).map((d) => d.id)).toEqual([res.body.id]);
  });

  it('refuses a taken identity with 409', async () => {
    const res = await create({ ...newcomer, lastName: 'BERNARD', firstName: 'luc', siret: DECLARANT.siret });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DECLARANT.IDENTITY_TAKEN');
  });

  it.each([
    ['another company’s establishment', { siret: '73282932000074' }, 'siret', 'établissement de l’entreprise'],
    ['a wrong SIRET checksum', { siret: '84271640900012' }, 'siret', 'clé de contrôle'],
    ['a lost leading zero', { siret: '8427164090001' }, 'siret', 'zéro initial'],
    ['a missing last name', { lastName: ' ' }, 'lastName', 'obligatoire'],
    ['a bad address', { email: 'nina@' }, 'email', 'invalide'],
  ])('answers 400 naming the field for %s', async (_case, patch, field, fragment) => {
    const res = await create({ ...newcomer, firstName: 'Autre', ...patch });
    expect(res.status).toBe(400);
    expect(res.body.errors[field]).toContain(fragment);
  });

  it('an address correction voids the old link and mails a new one to the new address', async () => {
    const body = { ...newcomer, firstName: 'Jules', email: 'jules@typo.example' };
    const { id } = (await create(body)).body;
    const first = await latestLink(env.app, body.email);
    const admin = await login(env.app, ADMIN);
    const res = await admin.put(`/api/declarants/${id}`).send({ email: 'jules.petit@boulangerie-martin.example' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ email: 'jules.petit@boulangerie-martin.example', status: 'PENDING', emailConfirmedAt: null });
    const stale = await request(env.app).get(`/api/confirmations/${tokenOf(first)}`);
    expect(stale.status).toBe(410);
    expect(stale.body.code).toBe('REGISTRATION.TOKEN_SUPERSEDED');
    const second = await latestLink(env.app, 'jules.petit@boulangerie-martin.example');
    expect((await request(env.app).get(`/api/confirmations/${tokenOf(second)}`)).status).toBe(200);

    const updated = (await auditOf(id)).find((e) => e.action === 'DECLARANT.UPDATED')!;
    expect(updated.before).toMatchObject({ email: 'jules@typo.example' });
    expect(updated.after).toMatchObject({ email: 'jules.petit@boulangerie-martin.example' });
  });

  it('renames a declarant and refuses a name that takes another identity', async () => {
    const { id } = (await create({ ...newcomer, firstName: 'Léa' })).body;
    const admin = await login(env.app, ADMIN);
    expect((await admin.put(`/api/declarants/${id}`).send({ lastName: 'Petit-Roux' })).body.lastName).toBe('Petit-Roux');
    const clash = await admin.put(`/api/declarants/${id}`).send({ lastName: 'Petit', firstName: 'Nina' });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe('DECLARANT.IDENTITY_TAKEN');
  });

  it('resend mails a new link and voids the previous one; a confirmed address has nothing to resend', async () => {
    const body = { ...newcomer, firstName: 'Hugo', email: 'hugo@boulangerie-martin.example' };
    const { id } = (await create(body)).body;
    const first = await latestLink(env.app, body.email);
    const admin = await login(env.app, ADMIN);
    expect((await admin.post(`/api/declarants/${id}/resend`)).status).toBe(200);
    const second = await latestLink(env.app, body.email, first);
    expect((await request(env.app).get(`/api/confirmations/${tokenOf(first)}`)).status).toBe(410);
    expect((await request(env.app).get(`/api/confirmations/${tokenOf(second)}`)).status).toBe(200);

    const bernard = (await admin.get('/api/declarants').query({ filter: JSON.stringify({ q: 'BERNARD' }) })).body[0];
    const confirmed = await admin.post(`/api/declarants/${bernard.id}/resend`);
    expect(confirmed.status).toBe(409);
    expect(confirmed.body.code).toBe('DECLARANT.ALREADY_CONFIRMED');
  });
});

describe('declarants scope', () => {
  it('an administrator sees his company’s declarants and administrators only; support sees all', async () => {
    const mine = await (await login(env.app, ADMIN)).get('/api/declarants').query({ range: '[0,99]' });
    expect(mine.status).toBe(200);
    const rows = mine.body as Array<{ companyId: string; role: string; lastName: string }>;
    expect(new Set(rows.map((r) => r.companyId)).size).toBe(1);
    expect(rows.map((r) => r.lastName)).toEqual(expect.arrayContaining(['MARTIN', 'BERNARD']));
    const all = await (await login(env.app, SUPPORT)).get('/api/declarants').query({ filter: JSON.stringify({ companyId: other.companyId }) });
    expect((all.body as Array<{ lastName: string }>).map((r) => r.lastName).sort()).toEqual(['DURAND', 'LEROY']);
  });

  it('an administrator gets 404 with another company’s declarant', async () => {
    const admin = await login(env.app, ADMIN);
    expect((await admin.get(`/api/declarants/${other.declarantId}`)).status).toBe(404);
    expect((await admin.put(`/api/declarants/${other.declarantId}`).send({ email: 'stolen@example.test' })).status).toBe(404);
    expect((await admin.post(`/api/declarants/${other.declarantId}/resend`)).status).toBe(404);
    const onOtherSiret = await admin.post('/api/declarants').send({ ...newcomer, siret: other.siret, firstName: 'Intrus' });
    expect(onOtherSiret.status).toBe(400);
  });

  it('a declarant gets 403 on every declarant route', async () => {
    const declarant = await login(env.app, DECLARANT);
    const someone = other.declarantId;
    const answers = await Promise.all([
      declarant.get('/api/declarants'),
      declarant.get(`/api/declarants/${someone}`),
      declarant.post('/api/declarants').send(newcomer),
      declarant.put(`/api/declarants/${someone}`).send({ lastName: 'X' }),
      declarant.post(`/api/declarants/${someone}/resend`),
    ]);
    expect(answers.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
  });

  it('leaves a pending registration’s address to the registration process', async () => {
    const registration = { siren: '532109873', siret: '53210987300010', lastName: 'Roux', firstName: 'Ana', email: 'ana@roux.example', password: 'Copeaux-et-Sciure-44' };
    expect((await request(env.app).post('/api/registrations').send(registration)).status).toBe(202);
    await latestLink(env.app, registration.email);
    const support = await login(env.app, SUPPORT);
    const [primo] = (await support.get('/api/declarants').query({ filter: JSON.stringify({ q: 'ana@roux' }) })).body as Array<{ id: string }>;
    const res = await support.put(`/api/declarants/${primo.id}`).send({ email: 'other@roux.example' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('DECLARANT.REGISTRATION_PENDING');
  });
});
