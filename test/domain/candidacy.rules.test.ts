import {
  formatActivationKey,
  generateActivationKey,
  hashActivationKey,
  KEY_ALPHABET,
  KEY_LENGTH,
  keyEntropyBits,
  normaliseActivationKey,
} from '../../domain/candidacy/activation-key.rules';
import { attemptsLeft, locksCandidacy } from '../../domain/candidacy/key-attempts.rules';

describe('activation key', () => {
  it('is drawn from an unambiguous alphabet with at least 60 bits', () => {
    expect(keyEntropyBits()).toBeGreaterThanOrEqual(60);
    for (const ambiguous of ['0', 'O', '1', 'I', 'L']) expect(KEY_ALPHABET).not.toContain(ambiguous);
    const keys = Array.from({ length: 200 }, generateActivationKey);
    for (const key of keys) expect(key).toMatch(new RegExp(`^[${KEY_ALPHABET}]{${KEY_LENGTH}}$`));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    ['ABCDEFGHJKMNPQRS', 'ABCD-EFGH-JKMN-PQRS'],
    ['23456789ABCDEFGH', '2345-6789-ABCD-EFGH'],
  ])('prints %s as %s', (key, printed) => {
    expect(formatActivationKey(key)).toBe(printed);
  });

  it.each<[string, string | null]>([
    ['ABCD-EFGH-JKMN-PQRS', 'ABCDEFGHJKMNPQRS'],
    ['abcd efgh jkmn pqrs', 'ABCDEFGHJKMNPQRS'],
    [' AbCd-EfGh JkMn-PqRs ', 'ABCDEFGHJKMNPQRS'],
    ['ABCD-EFGH-JKMN-PQR', null],
    ['ABCD-EFGH-JKMN-PQRST', null],
    ['ABCD-EFGH-JKMN-PQR0', null],
    ['ABCD-EFGH-JKMN-PQRI', null],
    ['', null],
  ])('normalises %j to %j', (typed, expected) => {
    expect(normaliseActivationKey(typed)).toBe(expected);
  });

  it('hashes the normalised key, never keeping it', () => {
    const hash = hashActivationKey('ABCDEFGHJKMNPQRS');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('ABCD');
    expect(hashActivationKey(normaliseActivationKey('abcd-efgh-jkmn-pqrs')!)).toBe(hash);
  });
});

describe('attempts left', () => {
  it.each([
    [5, 0, 5, false],
    [5, 1, 4, false],
    [5, 4, 1, false],
    [5, 5, 0, true],
    [5, 9, 0, true],
    [3, 2, 1, false],
  ])('max %i, %i wrong → %i left, locked %s', (max, wrong, left, locked) => {
    expect(attemptsLeft(max, wrong)).toBe(left);
    expect(locksCandidacy(max, wrong)).toBe(locked);
  });
});
