import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { dataDir } from './data-dir';

export const LETTER_KEY_FILE = 'letter-encryption.key';
const KEY_BYTES = 32;

/**
 * The AES-256 key that seals the activation letters waiting in the print
 * queue: LETTER_ENCRYPTION_KEY (32 bytes, base64 or hex) when set, else the
 * installation's own key in `<DATA_DIR>/letter-encryption.key`, generated at
 * the first start. The worker (which seals) and the API (which opens) must
 * share it: set the variable when they do not share DATA_DIR.
 */
export function letterEncryptionKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.LETTER_ENCRYPTION_KEY) return parseLetterKey(env.LETTER_ENCRYPTION_KEY, 'LETTER_ENCRYPTION_KEY');
  const file = path.join(dataDir(env), LETTER_KEY_FILE);
  return parseLetterKey(readOrCreate(file), file);
}

function parseLetterKey(text: string, origin: string): Buffer {
  const value = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== KEY_BYTES || (value.length !== 64 && key.toString('base64') !== value)) {
    throw new Error(`${origin} must hold a 32-byte key, in base64 or hex (openssl rand -base64 32)`);
  }
  return key;
}

/** Reads the key file, or writes a new key there; two processes starting together end up with the same key. */
function readOrCreate(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(draft);
  }
  return readFileSync(file, 'utf8');
}
