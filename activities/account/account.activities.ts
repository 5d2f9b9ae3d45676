import type { MikroORM } from '@mikro-orm/postgresql';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { appendAudit } from '../../domain/audit/audit-trail';
import { useLink } from '../confirmation/use-link';
import { stepKey } from '../shared/step-key';

export interface AccountDeps {
  orm: MikroORM;
}

export interface ActivateAccountRequest {
  accountId: string;
  tokenId: string;
}

/** The effects of an account's address confirmation: activation, or removal when never confirmed. */
export function createAccountActivities({ orm }: AccountDeps) {
  return {
    /**
     * Uses the link (refused if it was voided meanwhile, e.g. by an address
     * change) and marks the address confirmed; a PENDING account becomes
     * ACTIVE. Its password was stored by the API just before.
     */
    async activateAccount({ accountId, tokenId }: ActivateAccountRequest): Promise<string> {
      const key = stepKey('activate');
      return orm.em.fork().transactional(async (em) => {
        const done = await em.findOne(AuditEvent, { dedupeKey: key });
        if (done) return done.at.toISOString();
        const now = new Date();
        await useLink(em, tokenId, now);
        const account = await em.findOneOrFail(Account, accountId);
        const before = { status: account.status, email: account.email, emailConfirmedAt: account.emailConfirmedAt?.toISOString() ?? null };
        if (account.status === AccountStatus.PENDING) account.status = AccountStatus.ACTIVE;
        account.emailConfirmedAt = now;
        appendAudit(em, {
          action: 'ACCOUNT.EMAIL_CONFIRMED',
          targetType: 'Account',
          targetId: account.id,
          companyId: account.company.id,
          before,
          after: { status: account.status, email: account.email, emailConfirmedAt: now.toISOString() },
          dedupeKey: key,
        });
        return now.toISOString();
      });
    },

    /** At the expiry: removes the account if it was never confirmed; true when removed. */
    async expireAccountConfirmation(accountId: string): Promise<boolean> {
      const key = stepKey('expire');
      return orm.em.fork().transactional(async (em) => {
        const done = await em.findOne(AuditEvent, { dedupeKey: key });
        if (done) return done.action === 'ACCOUNT.REMOVED_UNCONFIRMED';
        const account = await em.findOne(Account, accountId);
        const remove = account?.status === AccountStatus.PENDING;
        appendAudit(em, {
          action: remove ? 'ACCOUNT.REMOVED_UNCONFIRMED' : 'ACCOUNT.EMAIL_CONFIRMATION_EXPIRED',
          targetType: 'Account',
          targetId: accountId,
          companyId: account?.company.id ?? null,
          before: account ? { siret: account.siret, lastName: account.lastName, firstName: account.firstName, status: account.status } : null,
          dedupeKey: key,
        });
        if (remove) await em.nativeDelete(Account, { id: accountId, status: AccountStatus.PENDING });
        return remove;
      });
    },
  };
}
