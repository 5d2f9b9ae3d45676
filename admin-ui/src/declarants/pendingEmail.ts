import type { Declarant } from '../types';

/**
 * An account or declarant as the API answers it, with the address change
 * waiting for confirmation: `email` stays the address in use (mails,
 * approvals) until `pendingEmail` is confirmed by the link mailed to it.
 */
export type AddressRecord = Declarant & {
  pendingEmail?: string | null;
  adminStatus?: 'PRIMO_AD' | 'CANDIDATE_AD' | 'ACTIVE' | null;
};

/** What saving an address typed in does, as the API decides it (api/declarants/declarants.service.ts). */
export type AddressChange =
  /** The address was never confirmed: it is replaced at once, and a link goes to the new one. */
  | { kind: 'replace'; email: string }
  /** A confirmed address stays in use until the new one is confirmed; `replacing` is the pending one it supersedes. */
  | { kind: 'pending'; email: string; current: string; replacing: string | null }
  /** The confirmed address typed again: the pending change is withdrawn. */
  | { kind: 'withdraw'; current: string; pending: string };

/** The change an address typed in makes to the account, or null when it changes nothing. */
export function addressChange(record: AddressRecord | undefined, typed: string | undefined): AddressChange | null {
  const email = typed?.trim().toLowerCase();
  if (!record || !email) return null;
  const pending = record.pendingEmail ?? null;
  if (email === (pending ?? record.email)) return null;
  if (!record.emailConfirmedAt) return { kind: 'replace', email };
  if (email === record.email) return pending ? { kind: 'withdraw', current: record.email, pending } : null;
  return { kind: 'pending', email, current: record.email, replacing: pending };
}
