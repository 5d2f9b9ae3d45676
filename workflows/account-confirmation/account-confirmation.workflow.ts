import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { DATABASE_STEP } from '../confirmation/activity-options';
import { businessStateAttributes } from '../search-attributes';
import { confirmationLinks } from '../shared/confirmation-link';
import { mailDeliveries } from '../shared/mail-deliveries';
import { closedOnCancellation } from '../shared/on-cancellation';
import type { createAccountActivities } from '../../activities/account/account.activities';
import {
  AccountConfirmationFailure,
  accountConfirmationStatusQuery,
  changeEmailUpdate,
  confirmAccountUpdate,
  resendAccountConfirmationUpdate,
  withdrawEmailChangeUpdate,
  type AccountConfirmationInput,
  type AccountConfirmationPhase,
  type AccountConfirmationResult,
} from './account-confirmation.messages';

const { activateAccount, expireAccountConfirmation, cancelAccountConfirmation } = proxyActivities<ReturnType<typeof createAccountActivities>>(DATABASE_STEP);

type Outcome = AccountConfirmationResult['outcome'];

/**
 * Confirmation of an account's e-mail address — a declarant created by an
 * administrator, or an address an administrator corrected (a new address
 * replacing a confirmed one waits on the account until confirmed, the links
 * going to it) — with the registration's link mechanism: one link at a time,
 * one reminder, and after the expiry — or a cancellation from supervision —
 * a never-confirmed account is removed. A change of a confirmed address may
 * be withdrawn, which ends the wait.
 */
export async function accountConfirmationWorkflow(input: AccountConfirmationInput): Promise<AccountConfirmationResult> {
  const { tokenTtlMs, reminderAfterMs, expireAfterMs } = input.durations;
  let phase = 'AWAITING_CONFIRMATION' as AccountConfirmationPhase;
  let addressChanges = 0;
  let confirmedAt: string | null = null;
  let withdrawn = false;
  const mails = mailDeliveries();
  const links = confirmationLinks({ accountId: input.accountId, purpose: 'EMAIL_CONFIRMATION', tokenTtlMs, reminderAfterMs, expireAfterMs }, mails);
  // The wait counts from the start, or from the last address change.
  links.begin(workflowInfo().startTime.getTime());
  publishState();

  setHandler(accountConfirmationStatusQuery, () => {
    const link = links.current();
    return {
      phase,
      tokenExpiresAt: link ? iso(link.expiresAt) : null,
      expiresAt: iso(links.expiresAt()!),
      mailsSent: links.issued(),
      reminderSent: links.reminderSent(),
      addressChanges,
      confirmedAt,
      awaiting: phase === 'AWAITING_CONFIRMATION' ? 'ACCOUNT_HOLDER' : null,
    };
  });

  setHandler(
    confirmAccountUpdate,
    async ({ tokenId }) => {
      setPhase('CONFIRMING');
      try {
        confirmedAt = await activateAccount({ accountId: input.accountId, tokenId });
      } catch (err) {
        setPhase('AWAITING_CONFIRMATION');
        throw err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : err;
      }
      setPhase('CONFIRMED');
      return { confirmedAt };
    },
    {
      validator: ({ tokenId }) => {
        refuseUnlessAwaiting();
        links.assertCurrent(tokenId);
      },
    },
  );

  setHandler(
    resendAccountConfirmationUpdate,
    async () => {
      await untilNotConfirming();
      return { tokenExpiresAt: await links.issue(false) };
    },
    { validator: refuseWhenOver },
  );

  setHandler(
    changeEmailUpdate,
    async () => {
      await untilNotConfirming();
      links.begin();
      publishState();
      addressChanges++;
      return { tokenExpiresAt: await links.issue(false) };
    },
    { validator: refuseWhenOver },
  );

  // Not behind patched(): registering a handler writes no command, so every recorded history replays
  // the same; and no run started before it is sent this update — those await an address never
  // confirmed, which a change replaces outright; only a pending change of a confirmed one is withdrawn.
  setHandler(
    withdrawEmailChangeUpdate,
    async () => {
      await untilNotConfirming();
      withdrawn = true;
      setPhase('CANCELLED');
    },
    { validator: refuseWhenOver },
  );

  return closedOnCancellation(async () => {
    await links.issue(false);
    const outcome = await confirmedOrExpired();
    await mails.settled();
    await condition(allHandlersFinished);
    return { outcome };
  }, closeCancelled);

  /** Cancelled from supervision: once a confirmation in flight is over, an address still awaited is no longer (its links voided, a never-confirmed account removed). */
  async function closeCancelled(): Promise<void> {
    await condition(() => phase !== 'CONFIRMING');
    if (phase === 'AWAITING_CONFIRMATION') {
      setPhase('CANCELLED');
      await cancelAccountConfirmation(input.accountId);
    }
    await mails.settled();
  }

  /** Changes the phase and what supervision sees of it. */
  function setPhase(next: AccountConfirmationPhase): void {
    phase = next;
    publishState();
  }

  /** Search attributes: phase, who is awaited, when the wait expires. */
  function publishState(): void {
    const awaiting = phase === 'AWAITING_CONFIRMATION';
    upsertSearchAttributes(
      businessStateAttributes({ phase, awaitedRole: awaiting ? 'ACCOUNT_HOLDER' : null, dueDate: awaiting ? new Date(links.expiresAt()!) : null }),
    );
  }

  /** Reminds once, restarts on an address change, and gives up at the expiry. */
  async function confirmedOrExpired(): Promise<Outcome> {
    const end = await links.untilOverOrExpired({ awaiting: () => phase === 'AWAITING_CONFIRMATION', settled: () => phase !== 'CONFIRMING' });
    if (end === 'OVER') return withdrawn ? 'WITHDRAWN' : 'CONFIRMED';
    setPhase('EXPIRED');
    return (await expireAccountConfirmation(input.accountId)) ? 'REMOVED' : 'EXPIRED';
  }

  /** A confirmation in flight may fail (its link was voided): wait for its outcome. */
  async function untilNotConfirming(): Promise<void> {
    await condition(() => phase !== 'CONFIRMING');
    refuseUnlessAwaiting();
  }

  function refuseWhenOver(): void {
    if (phase === 'EXPIRED') {
      throw ApplicationFailure.create({ type: AccountConfirmationFailure.EXPIRED, message: 'La confirmation de cette adresse a expiré.' });
    }
    if (phase === 'CANCELLED') {
      throw ApplicationFailure.create({ type: AccountConfirmationFailure.CANCELLED, message: 'La confirmation de cette adresse a été annulée.' });
    }
    if (phase === 'CONFIRMED') {
      throw ApplicationFailure.create({ type: AccountConfirmationFailure.ALREADY_CONFIRMED, message: 'Adresse e-mail déjà confirmée.' });
    }
  }

  function refuseUnlessAwaiting(): void {
    refuseWhenOver();
    if (phase === 'CONFIRMING') {
      throw ApplicationFailure.create({ type: AccountConfirmationFailure.ALREADY_CONFIRMED, message: 'Confirmation déjà en cours.' });
    }
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
