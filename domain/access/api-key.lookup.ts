import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKey } from '../auth/api-key.entity';
import { hashToken } from '../confirmation/token';
import { preparedQuery } from './prepared-query';

/** lastUsedAt is written at most this often per key, not on every call. */
const API_KEY_TOUCH_EVERY_MS = 60_000;

const KEY_SQL = `select id, company_id, last_used_at is null or last_used_at < $2 as stale
  from api_key where key_hash = $1 and revoked_at is null`;

/** The company of a non-revoked API key (found by its SHA-256), or null; records the use at most once a minute. */
export async function companyOfApiKey(em: EntityManager, clearKey: string, now = new Date()): Promise<string | null> {
  const staleBefore = new Date(now.getTime() - API_KEY_TOUCH_EVERY_MS);
  const [key] = await preparedQuery<{ id: string; company_id: string; stale: boolean }>(em, 'api_key_by_hash', KEY_SQL, [
    hashToken(clearKey),
    staleBefore,
  ]);
  if (!key) return null;
  if (key.stale) {
    await em.nativeUpdate(ApiKey, { id: key.id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: staleBefore } }] }, { lastUsedAt: now });
  }
  return key.company_id;
}
