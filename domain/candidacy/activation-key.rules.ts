import { createHash, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: nothing a reader of a printed letter can confuse. */
export const KEY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const KEY_LENGTH = 16;
const GROUP = 4;

/** Entropy of a key drawn uniformly from the alphabet. */
export const keyEntropyBits = (length = KEY_LENGTH, alphabet = KEY_ALPHABET) => length * Math.log2(alphabet.length);

/** A new activation key (≈79 bits), uniform over the alphabet, in its normalised form. */
export function generateActivationKey(): string {
  let key = '';
  for (let i = 0; i < KEY_LENGTH; i++) key += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return key;
}

/** As printed on the letter: groups of four, e.g. `ABCD-EFGH-JKMN-PQRS`. */
export function formatActivationKey(key: string): string {
  return key.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

/**
 * The key as typed (any case, spaces or dashes anywhere) in its normalised
 * form, or null when it cannot be a key (wrong length or character).
 */
export function normaliseActivationKey(typed: string): string | null {
  const key = typed.toUpperCase().replace(/[\s-]/g, '');
  if (key.length !== KEY_LENGTH) return null;
  return [...key].every((c) => KEY_ALPHABET.includes(c)) ? key : null;
}

/** What is stored and compared: the SHA-256 of the normalised key (the key itself never is). */
export function hashActivationKey(normalisedKey: string): string {
  return createHash('sha256').update(`activation-key:${normalisedKey}`, 'utf8').digest('hex');
}
