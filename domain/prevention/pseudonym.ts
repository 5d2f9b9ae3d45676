import { createHmac, hkdfSync } from 'node:crypto';

/**
 * The pseudonymous employee id of a NIR: an HMAC-SHA256 under a key of the
 * installation (derived from its own secret key, never the NIR's hash
 * alone: the NIR space is small enough to be enumerated). The employment
 * relations carry the same pseudonym (DSN, `employeeId`), so a learner is
 * matched with his employer's employees without his NIR leaving the
 * learner's row.
 */
export const pseudonymKey = (installationKey: Buffer): Buffer => Buffer.from(hkdfSync('sha256', installationKey, Buffer.alloc(0), 'employee-pseudonym', 32));

export const employeePseudonym = (key: Buffer, nir: string): string => createHmac('sha256', key).update(nir).digest('hex');
