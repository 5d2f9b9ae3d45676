import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A letter's PDF carries its activation key in clear: while it waits in the
 * print queue it is stored sealed with AES-256-GCM, bound to its letter (the
 * letter id is the additional data, so a sealed PDF moved to another row
 * does not open). Layout: version (1 byte) · IV (12) · tag (16) · ciphertext.
 */
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER = 1 + IV_BYTES + TAG_BYTES;

const boundTo = (letterId: string) => Buffer.from(`activation-letter:${letterId}`, 'utf8');

export function sealLetterPdf(key: Buffer, letterId: string, pdf: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(boundTo(letterId));
  const body = Buffer.concat([cipher.update(pdf), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
}

/** The PDF, or an error when the key, the letter or the bytes are not the ones it was sealed with. */
export function openLetterPdf(key: Buffer, letterId: string, sealed: Buffer): Buffer {
  if (sealed.length < HEADER || sealed[0] !== VERSION) throw new Error('not a sealed activation letter');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 1 + IV_BYTES)).setAAD(boundTo(letterId));
  decipher.setAuthTag(sealed.subarray(1 + IV_BYTES, HEADER));
  return Buffer.concat([decipher.update(sealed.subarray(HEADER)), decipher.final()]);
}
