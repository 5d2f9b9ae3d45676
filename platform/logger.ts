import pino from 'pino';

/** Fields that must never reach a log line (passwords, tokens, keys, NIR). */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'passwordHash',
  '*.passwordHash',
  'secretAnswer',
  '*.secretAnswer',
  'secretAnswerHash',
  '*.secretAnswerHash',
  'nir',
  '*.nir',
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
];

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info') {
  return pino({ name, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}

export type Logger = ReturnType<typeof createLogger>;
