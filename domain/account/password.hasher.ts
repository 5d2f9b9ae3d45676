import { hash, verify } from '@node-rs/argon2';
import { normaliseSecretAnswer } from './secret-question.rules';

/** argon2id (the library's default algorithm) with its default memory and time cost. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the identity is unknown, so timing tells nothing. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy-password-never-matches');
  return decoy;
}

/** The stored form of a secret answer: its normalised form, hashed like a password (verify the same way). */
export function hashSecretAnswer(answer: string): Promise<string> {
  return hashPassword(normaliseSecretAnswer(answer));
}
