import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LETTER_KEY_FILE, letterEncryptionKey } from '../../platform/letter-key';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bo-letter-key-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('letter encryption key', () => {
  it('takes LETTER_ENCRYPTION_KEY in base64 or hex, and writes no file', async () => {
    const key = randomBytes(32);
    expect(letterEncryptionKey({ LETTER_ENCRYPTION_KEY: key.toString('base64'), DATA_DIR: dir })).toEqual(key);
    expect(letterEncryptionKey({ LETTER_ENCRYPTION_KEY: key.toString('hex'), DATA_DIR: dir })).toEqual(key);
    await expect(stat(path.join(dir, LETTER_KEY_FILE))).rejects.toThrow();
  });

  it.each(['short', randomBytes(16).toString('base64'), randomBytes(33).toString('hex'), `${randomBytes(32).toString('base64')}!`])(
    'refuses %j',
    (value) => {
      expect(() => letterEncryptionKey({ LETTER_ENCRYPTION_KEY: value, DATA_DIR: dir })).toThrow(/LETTER_ENCRYPTION_KEY must hold a 32-byte key/);
    },
  );

  it('otherwise generates the installation key once under DATA_DIR, readable by its owner only, and keeps it', async () => {
    const first = letterEncryptionKey({ DATA_DIR: dir });
    expect(first).toHaveLength(32);
    expect(letterEncryptionKey({ DATA_DIR: dir })).toEqual(first);
    const file = path.join(dir, LETTER_KEY_FILE);
    expect(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64')).toEqual(first);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(letterEncryptionKey({ DATA_DIR: path.join(dir, 'other') })).not.toEqual(first);
  });
});
