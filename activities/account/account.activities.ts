import type { MikroORM } from '@mikro-orm/postgresql';
import { removeUnconfirmedAccount } from '../../domain/account/account-closure';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { appendAudit } from '../../domain/audit/audit-trail';
import { ConfirmationToken } from '../../domain/confirmation/confirmation-token.entity';
import { useLink } from '../confirmation/use-link';
import { once } from '../shared/once';
import { currentWorkflowId, stepKey } from '../shared/step-key';

export interface AccountDeps {
  orm: MikroORM;
}

const REMOVED = 'ACCOUNT.REMOVED_UNCONFIRMED';

export interface ActivateAccountRequest {
  accountId: string;
  tokenId: string;
}

/** The effects of an account's address confirmation: activation, or removal when never confirmed. */
export function createAccountActivities({ orm }: AccountDeps) {
  /** The process ends without a confirmation: its open links are voided; an account never confirmed goes (true when removed). */
  const endConfirmation = (accountId: string, outcome: 'EXPIRED' | 'CANCELLED') =>
    once(
      orm,
      outcome === 'EXPIRED' ? 'expire' : 'cancel',
      async (em, key) => {
        const account = await em.findOne(Account, accountId);
        // An account whose address was once confirmed is never removed: a change of it that lapses only drops the new address.
        const remove = account?.status === AccountStatus.PENDING && !account.emailConfirmedAt;
        const pendingEmail = account?.pendingEmail ?? null;
        await em.nativeUpdate(ConfirmationToken, { workflowId: currentWorkflowId(), usedAt: null, voidedAt: null }, { voidedAt: new Date() });
        if (account && pendingEmail) account.pendingEmail = null;
        appendAudit(em, {
          action: remove ? REMOVED : `ACCOUNT.EMAIL_CONFIRMATION_${outcome}`,
          targetType: 'Account',
          targetId: accountId,
          companyId: account?.company.id ?? null,
          before: account
            ? { siret: account.siret, lastName: account.lastName, firstName: account.firstName, status: account.status, ...(pendingEmail ? { pendingEmail } : {}) }
            : null,
          after: { outcome, ...(pendingEmail ? { pendingEmail: null } : {}) },
          dedupeKey: key,
        });
        return remove && (await removeUnconfirmedAccount(em, accountId));
      },
      async (_em, _key, done) => done.action === REMOVED,
    );

  return {
    /**
     * Uses the link (refused if it was voided meanwhile, e.g. by an address
     * change) and marks the address confirmed; a PENDING account becomes
     * ACTIVE. Its password was stored by the API just before. A new address
     * waiting for this link (it was mailed there) replaces the old one.
     */
    async activateAccount({ accountId, tokenId }: ActivateAccountRequest): Promise<string> {
      const key = stepKey('activate');
      return orm.em.fork().transactional(async (em) => {
        const done = await em.findOne(AuditEvent, { dedupeKey: key });
        if (done) return done.at.toISOString();
        const now = new Date();
        await useLink(em, tokenId, now);
        const account = await em.findOneOrFail(Account, accountId);
        const snapshot = () => ({
          status: account.status,
          email: account.email,
          pendingEmail: account.pendingEmail ?? null,
          emailConfirmedAt: account.emailConfirmedAt?.toISOString() ?? null,
        });
        const before = snapshot();
        if (account.status === AccountStatus.PENDING) account.status = AccountStatus.ACTIVE;
        if (account.pendingEmail) {
          account.email = account.pendingEmail;
          account.pendingEmail = null;
        }
        account.emailConfirmedAt = now;
        appendAudit(em, {
          action: 'ACCOUNT.EMAIL_CONFIRMED',
          targetType: 'Account',
          targetId: account.id,
          companyId: account.company.id,
          before,
          after: snapshot(),
          dedupeKey: key,
        });
        return now.toISOString();
      });
    },

    /** At the expiry: removes the account if it was never confirmed; true when removed. */
    async expireAccountConfirmation(accountId: string): Promise<boolean> {
      return endConfirmation(accountId, 'EXPIRED');
    },

    /**
     * Cancelled from supervision: the process's links still open are voided
     * and the account removed if it was never confirmed (an active account
     * keeps its address as it was confirmed); true when removed.
     */
    async cancelAccountConfirmation(accountId: string): Promise<boolean> {
      return endConfirmation(accountId, 'CANCELLED');
    },
  };
}
