import type { MikroORM } from '@mikro-orm/postgresql';
import { Account } from '../../domain/account/account.entity';
import { ConfirmationToken } from '../../domain/confirmation/confirmation-token.entity';
import type { TokenPurpose } from '../../domain/confirmation/token-purpose';
import { newLinkToken } from '../../domain/confirmation/token';
import { OutboxMessage } from '../../domain/mail/outbox-message.entity';
import { currentWorkflowId, stepKey } from '../shared/step-key';
import { confirmationMail } from './confirmation.mails';

export interface ConfirmationDeps {
  orm: MikroORM;
  /** Absolute base URL of the console, for links in mails. */
  publicUrl: string;
}

export interface IssueConfirmationRequest {
  accountId: string;
  purpose: TokenPurpose;
  /** Workflow step name, unique within the run (e.g. "mail-1"). */
  step: string;
  ttlMs: number;
  reminder: boolean;
  /**
   * The link's id and expiry, chosen by the workflow, which records the link
   * as its current one before this step writes the mail (absent from steps
   * scheduled before 2026-12-03: the link is then made here, valid `ttlMs`).
   */
  tokenId?: string;
  expiresAt?: string;
}

export interface IssuedConfirmation {
  tokenId: string;
  expiresAt: string;
  outboxId: string;
}

/**
 * The address a link proves: an account's own confirmation proves the new
 * address waiting for it when there is one (a change of a confirmed
 * address), else the address on the account.
 */
const addressToProve = (account: Account, purpose: TokenPurpose): string =>
  (purpose === 'EMAIL_CONFIRMATION' && account.pendingEmail) || account.email;

/**
 * The e-mail confirmation mechanism shared by every process that must prove
 * an address: one single-use token per mail, a new one voids the previous.
 */
export function createConfirmationActivities({ orm, publicUrl }: ConfirmationDeps) {
  return {
    async issueConfirmationToken(req: IssueConfirmationRequest): Promise<IssuedConfirmation> {
      const key = stepKey(req.step);
      const workflowId = currentWorkflowId();
      return orm.em.fork().transactional(async (em) => {
        const existing = await em.findOne(ConfirmationToken, { dedupeKey: key });
        if (existing) {
          const outbox = await em.findOneOrFail(OutboxMessage, { dedupeKey: key });
          return { tokenId: existing.id, expiresAt: existing.expiresAt.toISOString(), outboxId: outbox.id };
        }
        const account = await em.findOneOrFail(Account, req.accountId, { populate: ['company'] });
        const now = new Date();
        await em.nativeUpdate(
          ConfirmationToken,
          { workflowId, usedAt: null, voidedAt: null },
          { voidedAt: now },
        );
        const { token, hash } = newLinkToken();
        const expiresAt = req.expiresAt ? new Date(req.expiresAt) : new Date(now.getTime() + req.ttlMs);
        const confirmation = em.create(ConfirmationToken, {
          ...(req.tokenId ? { id: req.tokenId } : {}),
          tokenHash: hash,
          purpose: req.purpose,
          account,
          workflowId,
          dedupeKey: key,
          expiresAt,
        });
        const mail = confirmationMail(req.purpose, {
          to: addressToProve(account, req.purpose),
          firstName: account.firstName,
          lastName: account.lastName,
          siret: account.siret,
          companyName: account.company.legalName,
          link: `${publicUrl.replace(/\/$/, '')}/#/confirm?token=${token}`,
          expiresAt,
          reminder: req.reminder,
        });
        const outbox = em.create(OutboxMessage, { ...mail, dedupeKey: key, companyId: account.company.id });
        return { tokenId: confirmation.id, expiresAt: expiresAt.toISOString(), outboxId: outbox.id };
      });
    },
  };
}
