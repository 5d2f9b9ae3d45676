import { DEFAULT_VERIFICATION_MONTHS } from '../domain/prevention/declaration-dates.rules';
import { letterEncryptionKey } from './letter-key';

/** Settings of the API and worker processes, read from the environment once. */
export interface RuntimeConfig {
  databaseUrl: string;
  temporalAddress: string;
  temporalNamespace: string;
  /** Unset → the worker runs an embedded SMTP catcher. */
  smtpUrl?: string;
  mailFrom: string;
  /** Absolute URL of the console, used in mail links. */
  publicUrl: string;
  temporalUiUrl: string;
  host: string;
  port: number;
  logLevel: string;
  /** Session cookies flagged Secure (set when served over HTTPS). */
  secureCookies: boolean;
  sessionTtlMs: number;
  /** Requests per minute and client address on the public and login routes. */
  publicRateLimit: number;
  /** AES-256 key sealing the activation letters in the print queue (platform/letter-key.ts). */
  letterKey: Buffer;
  /** Day (MM-DD, Paris) the yearly SOLTéA Schedule starts the next year's campaign (`SOLTEA_SCHEDULE_DAY`, default 11-01). */
  solteaScheduleDay?: string;
  /** Day (MM-DD, Paris) the yearly prevention-check Schedule starts that year's check (`PREVENTION_CHECK_DAY`, default 12-01). */
  preventionCheckDay?: string;
  /** Months after a quarter's end the employer verifies a training body's declarations (`PREVENTION_VERIFICATION_MONTHS`, default 6; a later text speaks of 9). */
  preventionVerificationMonths: number;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/backoffice';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const host = env.HOST ?? '127.0.0.1';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a TCP port, got "${env.PORT}"`);
  const publicUrl = env.PUBLIC_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  return {
    databaseUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Net-entreprises back-office <no-reply@backoffice.localhost>',
    publicUrl,
    temporalUiUrl: env.TEMPORAL_UI_URL ?? 'http://127.0.0.1:8233',
    host,
    port,
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: publicUrl.startsWith('https:'),
    sessionTtlMs: Number(env.SESSION_TTL_HOURS ?? 12) * 3600_000,
    publicRateLimit: Number(env.PUBLIC_RATE_LIMIT ?? 30),
    letterKey: letterEncryptionKey(env),
    solteaScheduleDay: env.SOLTEA_SCHEDULE_DAY || undefined,
    preventionCheckDay: env.PREVENTION_CHECK_DAY || undefined,
    preventionVerificationMonths: months(env.PREVENTION_VERIFICATION_MONTHS, DEFAULT_VERIFICATION_MONTHS, 'PREVENTION_VERIFICATION_MONTHS'),
  };
}

function months(text: string | undefined, fallback: number, name: string): number {
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 24) throw new Error(`${name} must be a whole number of months (1–24), got "${text}"`);
  return value;
}
