import type { Account } from './account.entity';

/** Who acted, as the audit trail records it. */
export function auditActor(account: Pick<Account, 'id' | 'firstName' | 'lastName'>): { actorId: string; actorLabel: string } {
  return { actorId: account.id, actorLabel: `${account.firstName} ${account.lastName}` };
}
