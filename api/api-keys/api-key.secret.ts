import { randomBytes } from 'node:crypto';
import { hashToken } from '../../domain/confirmation/token';

/**
 * A new API key `bo_<8 hex>_<256-bit secret>`: the clear key is given once,
 * `prefix` (`bo_<8 hex>`) lets people recognise it, `hash` is what is stored.
 */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = `bo_${randomBytes(4).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashToken(key) };
}
