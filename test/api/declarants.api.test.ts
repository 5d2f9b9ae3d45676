import request from 'supertest';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { accountConfirmationWorkflowId } from '../../workflows/account-confirmation/account-confirmation.messages';
import { eventually, login, mailsTo, PUBLIC_URL, startIntegrationEnv, type IntegrationEnv } from '../helpers/integration';
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
    expect(res.body).toMatchObject({ email: 'jules.petit@boulangerie-martin.example', pendingEmail: null, status: 'PENDING', emailConfirmedAt: null });
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

describe('a change of a confirmed address', () => {
  const linkStatus = async (link: string) => (await request(env.app).get(`/api/confirmations/${tokenOf(link)}`)).status;
  const confirmLink = (link: string) => request(env.app).post('/api/confirmations').send({ token: tokenOf(link) });

  it('an administrator who changes his own address stays an approver: a candidacy started meanwhile awaits his approval; the new address replaces the old once confirmed', async () => {
    const admin = await login(env.app, ADMIN);
    const { id } = (await admin.get('/api/auth/me')).body as { id: string };
    const before = (await admin.get(`/api/declarants/${id}`)).body as { emailConfirmedAt: string };
    const newAddress = 'claire.m@boulangerie-martin.example';

    const changed = await admin.put(`/api/declarants/${id}`).send({ email: newAddress });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ email: ADMIN.email, pendingEmail: newAddress, status: 'ACTIVE', emailConfirmedAt: before.emailConfirmedAt });
    const link = await latestLink(env.app, newAddress);
    expect(await linkStatus(link)).toBe(200);

    // A candidacy started now still needs an administrator's approval, asked at the address in use.
    const candidate = { siret: ADMIN.siret, lastName: 'Garnier', firstName: 'Paul', email: 'paul.garnier@example.test' };
    const applied = await request(env.app)
      .post('/api/candidacies')
      .send({ ...candidate, password: 'Candidat-Administrateur-2026', secretQuestion: 'Nom de mon premier chat ?', secretAnswer: 'Moustache de Velours' });
    expect(applied.status).toBe(202);
    expect((await confirmLink(await latestLink(env.app, candidate.email))).body).toMatchObject({ status: 'CONFIRMED', purpose: 'CANDIDACY' });
    const support = await login(env.app, SUPPORT);
    const candidacyStatus = await eventually(async () => {
      const { status } = (await support.get(`/api/candidacies/${applied.body.id}`)).body as { status: string };
      return status === 'AWAITING_EMAIL' ? undefined : status;
    });
    expect(candidacyStatus).toBe('AWAITING_APPROVAL');
    const asked = (await mailsTo(env.app, ADMIN.email)).filter((m) => m.subject.includes('candidature d’administrateur attend votre réponse'));
    expect(asked).toHaveLength(1);
    expect((await mailsTo(env.app, newAddress)).map((m) => m.subject)).toEqual([expect.stringContaining('Confirmez votre adresse e-mail')]);

    // The link, mailed to the new address, makes it the address in use.
    expect((await confirmLink(link)).body).toMatchObject({ status: 'CONFIRMED', purpose: 'EMAIL_CONFIRMATION' });
    const after = (await admin.get(`/api/declarants/${id}`)).body as { email: string; pendingEmail: string | null; emailConfirmedAt: string };
    expect(after).toMatchObject({ email: newAddress, pendingEmail: null, status: 'ACTIVE' });
    expect(Date.parse(after.emailConfirmedAt)).toBeGreaterThan(Date.parse(before.emailConfirmedAt));

    // Still an approver once confirmed: her decision is accepted (a refusal, so the company keeps its administrators).
    const refused = await admin.post(`/api/candidacies/${applied.body.id}/decision`).send({ decision: 'REFUSE', reason: 'Test du changement d’adresse' });
    expect([refused.status, refused.body.status]).toEqual([200, 'REFUSED']);

    const trail = await auditOf(id);
    const updated = trail.find((e) => e.action === 'DECLARANT.UPDATED')!;
    expect(updated).toMatchObject({ actorLabel: 'Claire MARTIN' });
    expect(updated.before).toMatchObject({ email: ADMIN.email, pendingEmail: null, emailConfirmedAt: before.emailConfirmedAt });
    expect(updated.after).toMatchObject({ email: ADMIN.email, pendingEmail: newAddress, emailConfirmedAt: before.emailConfirmedAt });
    const confirmed = trail.find((e) => e.action === 'ACCOUNT.EMAIL_CONFIRMED')!;
    expect(confirmed.before).toMatchObject({ email: ADMIN.email, pendingEmail: newAddress, emailConfirmedAt: before.emailConfirmedAt });
    expect(confirmed.after).toMatchObject({ email: newAddress, pendingEmail: null, emailConfirmedAt: after.emailConfirmedAt });
  });

  it('a second change replaces the pending address (its link supersedes), the same one again changes nothing, resend goes to it, and the confirmed address typed again withdraws the change', async () => {
    const admin = await login(env.app, ADMIN);
    const [luc] = (await admin.get('/api/declarants').query({ filter: JSON.stringify({ q: 'BERNARD' }) })).body as Array<{ id: string; email: string }>;
    const put = (email: string) => admin.put(`/api/declarants/${luc.id}`).send({ email });

    expect((await put('luc.typo@boulangerie-martin.example')).body).toMatchObject({ email: DECLARANT.email, pendingEmail: 'luc.typo@boulangerie-martin.example' });
    const first = await latestLink(env.app, 'luc.typo@boulangerie-martin.example');
    expect((await put('luc.b@boulangerie-martin.example')).body).toMatchObject({ email: DECLARANT.email, pendingEmail: 'luc.b@boulangerie-martin.example' });
    const second = await latestLink(env.app, 'luc.b@boulangerie-martin.example');
    expect(await linkStatus(first)).toBe(410);
    expect(await linkStatus(second)).toBe(200);

    const listed = (await admin.get('/api/declarants').query({ filter: JSON.stringify({ q: 'luc.b@' }) })).body as Array<{ id: string }>;
    expect(listed.map((d) => d.id)).toEqual([luc.id]);
    const audited = (await auditOf(luc.id)).length;
    expect((await put('luc.b@boulangerie-martin.example')).status).toBe(200);
    expect(await auditOf(luc.id)).toHaveLength(audited);

    expect((await admin.post(`/api/declarants/${luc.id}/resend`)).status).toBe(200);
    const third = await latestLink(env.app, 'luc.b@boulangerie-martin.example', second);
    expect(await linkStatus(second)).toBe(410);

    const withdrawn = await put(DECLARANT.email);
    expect(withdrawn.body).toMatchObject({ email: DECLARANT.email, pendingEmail: null });
    expect(withdrawn.body.emailConfirmedAt).not.toBeNull();
    expect(await linkStatus(third)).toBe(410);
    expect(await env.temporal.client.workflow.getHandle(accountConfirmationWorkflowId(luc.id)).result()).toEqual({ outcome: 'WITHDRAWN' });
    const last = (await auditOf(luc.id)).filter((e) => e.action === 'DECLARANT.UPDATED').at(-1)!;
    expect(last.before).toMatchObject({ email: DECLARANT.email, pendingEmail: 'luc.b@boulangerie-martin.example' });
    expect(last.after).toMatchObject({ email: DECLARANT.email, pendingEmail: null });
    expect((await admin.post(`/api/declarants/${luc.id}/resend`)).body.code).toBe('DECLARANT.ALREADY_CONFIRMED');
  });
});
