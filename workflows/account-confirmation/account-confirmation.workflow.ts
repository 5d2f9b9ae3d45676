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
import { assertCurrentLink, type CurrentLink } from '../confirmation/current-link';
import { mailDeliveries } from '../shared/mail-deliveries';
import { closedOnCancellation } from '../shared/on-cancellation';
import type { createAccountActivities } from '../../activities/account/account.activities';
import type { createConfirmationActivities } from '../../activities/confirmation/confirmation.activities';
import {
  AccountConfirmationFailure,
  accountConfirmationStatusQuery,
  changeEmailUpdate,
  confirmAccountUpdate,
  resendAccountConfirmationUpdate,
  type AccountConfirmationInput,
  type AccountConfirmationPhase,
  type AccountConfirmationResult,
} from './account-confirmation.messages';

const { issueConfirmationToken, activateAccount, expireAccountConfirmation, cancelAccountConfirmation } = proxyActivities<
  ReturnType<typeof createConfirmationActivities> & ReturnType<typeof createAccountActivities>
>(DATABASE_STEP);

type Outcome = AccountConfirmationResult['outcome'];

/**
 * Confirmation of an account's e-mail address — a declarant created by an
 * administrator, or an address an administrator corrected — with the
 * registration's link mechanism: one link at a time, one reminder, and after
 * the expiry — or a cancellation from supervision — a never-confirmed
 * account is removed.
 */
export async function accountConfirmationWorkflow(input: AccountConfirmationInput): Promise<AccountConfirmationResult> {
  const { tokenTtlMs, reminderAfterMs, expireAfterMs } = input.durations;
  let phase = 'AWAITING_CONFIRMATION' as AccountConfirmationPhase;
  /** When the address to confirm was set: the start, or the last change. */
  let since = workflowInfo().startTime.getTime();
  let token: CurrentLink | undefined;
  let mailsSent = 0;
  let reminderSent = false;
  let addressChanges = 0;
  let confirmedAt: string | null = null;
  const mails = mailDeliveries();
  publishState();

  setHandler(accountConfirmationStatusQuery, () => ({
    phase,
    tokenExpiresAt: token ? iso(token.expiresAt) : null,
    expiresAt: iso(since + expireAfterMs),
    mailsSent,
    reminderSent,
    addressChanges,
    confirmedAt,
    awaiting: phase === 'AWAITING_CONFIRMATION' ? 'ACCOUNT_HOLDER' : null,
  }));

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
        assertCurrentLink(token, tokenId);
      },
    },
  );

  setHandler(
    resendAccountConfirmationUpdate,
    async () => {
      await untilNotConfirming();
      return { tokenExpiresAt: await sendConfirmation(false) };
    },
    { validator: refuseWhenOver },
  );

  setHandler(
    changeEmailUpdate,
    async () => {
      await untilNotConfirming();
      token = undefined;
      since = Date.now();
      publishState();
      reminderSent = false;
      addressChanges++;
      return { tokenExpiresAt: await sendConfirmation(false) };
    },
    { validator: refuseWhenOver },
  );

  return closedOnCancellation(async () => {
    await sendConfirmation(false);
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
      businessStateAttributes({ phase, awaitedRole: awaiting ? 'ACCOUNT_HOLDER' : null, dueDate: awaiting ? new Date(since + expireAfterMs) : null }),
    );
  }

  /** Reminds once, restarts on an address change, and gives up at the expiry. */
  async function confirmedOrExpired(): Promise<Outcome> {
    for (;;) {
      const remind = !reminderSent && reminderAfterMs < expireAfterMs;
      const event = await nextEvent(since + (remind ? reminderAfterMs : expireAfterMs));
      if (event === 'CONFIRMED') return 'CONFIRMED';
      if (event === 'ADDRESS_CHANGED') continue;
      if (remind) {
        reminderSent = true;
        await sendConfirmation(true);
        continue;
      }
      setPhase('EXPIRED');
      return (await expireAccountConfirmation(input.accountId)) ? 'REMOVED' : 'EXPIRED';
    }
  }

  /** What ends the wait for `deadline`: a confirmation, an address change, or the deadline itself. */
  async function nextEvent(deadline: number): Promise<'CONFIRMED' | 'ADDRESS_CHANGED' | 'DUE'> {
    const changes = addressChanges;
    for (;;) {
      const moved = await condition(
        () => phase !== 'AWAITING_CONFIRMATION' || addressChanges !== changes,
        Math.max(deadline - Date.now(), 1),
      );
      if (!moved) return 'DUE';
      if (addressChanges !== changes) return 'ADDRESS_CHANGED';
      await condition(() => phase !== 'CONFIRMING');
      if (phase === 'CONFIRMED') return 'CONFIRMED';
    }
  }

  /** Issues a new single-use link (voiding the previous one), queues its mail, returns its expiry. */
  async function sendConfirmation(reminder: boolean): Promise<string> {
    const mail = ++mailsSent;
    const issued = await issueConfirmationToken({
      accountId: input.accountId,
      purpose: 'EMAIL_CONFIRMATION',
      step: `mail-${mail}`,
      ttlMs: tokenTtlMs,
      reminder,
    });
    if (mail === mailsSent) token = { id: issued.tokenId, expiresAt: Date.parse(issued.expiresAt) };
    mails.deliver([issued.outboxId]);
    return issued.expiresAt;
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
