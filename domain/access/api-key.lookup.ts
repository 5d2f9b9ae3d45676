import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKey } from '../auth/api-key.entity';
import { hashToken } from '../confirmation/token';
import type { ApiKeyEntry, DecisionCache } from './decision-cache';
import { preparedQuery } from './prepared-query';

/** lastUsedAt is written at most this often per key, not on every call. */
const API_KEY_TOUCH_EVERY_MS = 60_000;

const KEY_SQL = `select id, company_id, coalesce(extract(epoch from last_used_at) * 1000, 0)::float8 as last_used_ms
  from api_key where key_hash = $1 and revoked_at is null`;

/** A key that answered: its company, and its id when its last use should be recorded (at most once a minute). */
export interface KeyCaller {
  companyId: string;
  staleKeyId: string | null;
}

/**
 * The company of a non-revoked API key (found by its SHA-256), or null.
 * Known keys come from the cache when one is given (a revocation drops them
 * from it).
 */
export async function callerOfApiKey(em: EntityManager, clearKey: string, now = new Date(), cache?: DecisionCache): Promise<KeyCaller | null> {
  const hash = hashToken(clearKey);
  const key = cache?.lookupKey(hash) ?? (await loadKey(em, hash, cache));
  if (!key) return null;
  const stale = key.lastUsedAt < now.getTime() - API_KEY_TOUCH_EVERY_MS;
  if (stale) key.lastUsedAt = now.getTime();
  return { companyId: key.companyId, staleKeyId: stale ? key.id : null };
}

/** Records the use of these keys now (never moving a later use back). */
export async function recordKeyUse(em: EntityManager, keyIds: string[], now = new Date()): Promise<void> {
  await em.nativeUpdate(ApiKey, { id: { $in: keyIds }, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: now } }] }, { lastUsedAt: now });
}

async function loadKey(em: EntityManager, hash: string, cache?: DecisionCache): Promise<ApiKeyEntry | undefined> {
  const stamp = cache?.stamp() ?? null;
  const [row] = await preparedQuery<{ id: string; company_id: string; last_used_ms: number }>(em, 'api_key_by_hash', KEY_SQL, [hash]);
  if (!row) return undefined;
  const entry = { id: row.id, companyId: row.company_id, lastUsedAt: row.last_used_ms };
  cache?.storeKey(stamp, hash, entry);
  return entry;
}
