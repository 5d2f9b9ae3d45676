import rateLimit from 'express-rate-limit';
import type { RuntimeConfig } from '../../platform/config';

/** Per-address limit for public and login routes (each replica counts its own). */
export function publicRateLimiter(config: RuntimeConfig) {
  return rateLimit({
    windowMs: 60_000,
    limit: config.publicRateLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    message: { code: 'REQUEST.RATE_LIMITED', message: 'Trop de requêtes : réessayez dans une minute.' },
  });
}
