import request from 'supertest';
import { startSmtpCatcher, type SmtpCatcher } from '../../activities/mail/smtp-catcher';
import { OutboxMessage, OutboxStatus } from '../../domain/mail/outbox-message.entity';
import { eventually, startIntegrationEnv, type IntegrationEnv } from '../helpers/integration';
import { freePort } from '../helpers/free-port';

let env: IntegrationEnv;
let smtpPort: number;
let catcher: SmtpCatcher | undefined;

beforeAll(async () => {
  smtpPort = await freePort();
  env = await startIntegrationEnv({ smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
});

afterAll(async () => {
  await env?.stop();
  await catcher?.close();
});

it('keeps the mail in the outbox while SMTP is down and sends it once SMTP is back', async () => {
  const res = await request(env.app).post('/api/registrations').send({
    siren: '532109873',
    siret: '53210987300010',
    lastName: 'Petit',
    firstName: 'Jeanne',
    email: 'jeanne.petit@example.test',
    password: 'Serveur-Mail-En-Panne-1',
  });
  expect(res.status).toBe(202);

  const failing = await eventually(async () => {
    const message = await env.orm.em.fork().findOne(OutboxMessage, { to: 'jeanne.petit@example.test' });
    return message && message.attempts >= 1 && message.lastError ? message : undefined;
  });
  expect(failing.status).toBe(OutboxStatus.PENDING);
  expect(failing.lastError).toMatch(/ECONNREFUSED|connect/i);
  expect(failing.links[0]).toContain('token=');

  catcher = await startSmtpCatcher(smtpPort);
  const sent = await eventually(async () => {
    const message = await env.orm.em.fork().findOneOrFail(OutboxMessage, failing.id);
    return message.status === OutboxStatus.SENT ? message : undefined;
  }, 40_000);
  expect(sent.attempts).toBeGreaterThanOrEqual(2);
  expect(sent.sentAt).toBeInstanceOf(Date);
  expect(catcher.received()).toBe(1);
});
