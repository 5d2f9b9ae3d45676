import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createMailer, type Mailer } from '../../activities/mail/mailer';
import { startAccessCache, type AccessCache } from '../../api/access/access-cache';
import { createApp } from '../../api/app';
import type { ApiDeps } from '../../api/context';
import { AccountRole } from '../../domain/account/account.entity';
import { DEMO_LOGINS, seedDemoData } from '../../domain/seed/demo-data';
import { loadConfig } from '../../platform/config';
import type { Orm } from '../../platform/orm';
import type { RegistrationDurations } from '../../workflows/registration/registration.messages';
import { createWorker } from '../../worker/worker';
import { createTestDatabase } from './database';
import { eventually } from './eventually';
export { eventually };
import { createDevServerEnv, workflowBundle } from './time-skipping';

export const DEMO_PASSWORD = 'Demo-Portail-2026!';
export const PUBLIC_URL = 'http://console.test';

export interface IntegrationEnv {
  orm: Orm;
  temporal: TestWorkflowEnvironment;
  mailer: Mailer;
  /** The API's access decision cache (shared by every app built here). */
  accessCache: AccessCache;
  /** Builds another API instance on the same database and Temporal (a replica, or a restart). */
  newApp(overrides?: Partial<ApiDeps>): Express;
  app: Express;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL database and a real Temporal dev server for one test
 * file, the worker running the real activities, and the API app.
 */
export async function startIntegrationEnv(
  options: { registrationDurations?: RegistrationDurations; smtpUrl?: string } = {},
): Promise<IntegrationEnv> {
  const database = await createTestDatabase();
  const temporal = await createDevServerEnv();
  const mailer = await createMailer({ smtpUrl: options.smtpUrl, from: 'test@backoffice.test' });
  await seedDemoData(database.orm.em.fork(), DEMO_PASSWORD);
  const config = loadConfig({ PUBLIC_URL, DATABASE_URL: database.url, PUBLIC_RATE_LIMIT: '1000', LETTER_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
  const worker = await createWorker({
    connection: temporal.nativeConnection,
    namespace: 'default',
    deps: { orm: database.orm, mailer, publicUrl: PUBLIC_URL, letterKey: config.letterKey },
    workflowBundle: workflowBundle(),
  });
  const running = worker.run();
  const logger = pino({ level: 'silent' });
  const accessCache = await startAccessCache({ databaseUrl: database.url, orm: database.orm, logger });
  const deps: ApiDeps = {
    orm: database.orm,
    temporal: temporal.client,
    config,
    logger,
    registrationDurations: options.registrationDurations,
    accessCache,
  };
  const newApp = (overrides: Partial<ApiDeps> = {}) => createApp({ ...deps, ...overrides });
  return {
    orm: database.orm,
    temporal,
    mailer,
    accessCache,
    newApp,
    app: newApp(),
    async stop() {
      worker.shutdown();
      await running;
      await temporal.teardown();
      await accessCache.close();
      await mailer.close();
      await database.drop();
    },
  };
}

export type Agent = ReturnType<typeof request.agent>;

interface Person {
  siret: string;
  lastName: string;
  firstName: string;
  password?: string;
}

/** The login body of a person: his triplet and password, none of the other fields the object given may carry. */
export const credentials = ({ siret, lastName, firstName, password = DEMO_PASSWORD }: Person) => ({ siret, lastName, firstName, password });

export async function login(app: Express, person: Person): Promise<Agent> {
  const agent = request.agent(app);
  const res = await agent.post('/api/auth/login').send(credentials(person));
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return agent;
}

/** A mail as the outbox lists it. */
export interface OutboxItem {
  to: string;
  subject: string;
  text: string;
  links: string[];
  status: string;
}

/** Every mail to `to` in the outbox (read as support), once one of them has been sent; newest first. */
export async function mailsTo(app: Express, to: string): Promise<OutboxItem[]> {
  const support = await login(app, DEMO_LOGINS.find((l) => l.role === AccountRole.SUPPORT)!);
  return eventually(async () => {
    const res = await support.get('/api/outbox').query({ filter: JSON.stringify({ q: to }) });
    const mails = (res.body as OutboxItem[]).filter((m) => m.to === to);
    return mails.some((m) => m.status === 'SENT') ? mails : undefined;
  });
}
