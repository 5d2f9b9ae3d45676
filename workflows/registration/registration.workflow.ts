import {
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
import type { createConfirmationActivities } from '../../activities/confirmation/confirmation.activities';
import type { createRegistrationActivities } from '../../activities/registration/registration.activities';
import {
  confirmRegistrationUpdate,
  RegistrationFailure,
  registrationStatusQuery,
  resendConfirmationUpdate,
  type RegistrationInput,
  type RegistrationPhase,
  type RegistrationResult,
} from './registration.messages';

const { issueConfirmationToken, activateRegistration, purgeRegistration } = proxyActivities<
  ReturnType<typeof createConfirmationActivities> & ReturnType<typeof createRegistrationActivities>
>(DATABASE_STEP);

/**
 * Company registration by its Primo AD: a confirmation mail, one reminder,
 * and a purge of everything if the address is never confirmed.
 */
export async function companyRegistrationWorkflow(input: RegistrationInput): Promise<RegistrationResult> {
  const { tokenTtlMs, reminderAfterMs, purgeAfterMs } = input.durations;
  const startedAt = workflowInfo().startTime.getTime();
  const purgeAt = startedAt + purgeAfterMs;
  let phase = 'AWAITING_CONFIRMATION' as RegistrationPhase;
  setPhase(phase);
  let token: CurrentLink | undefined;
  let mailsSent = 0;
  let steps = 0;
  let reminderSent = false;
  let confirmedAt: string | null = null;
  const mails = mailDeliveries();

  setHandler(registrationStatusQuery, () => ({
    phase,
    tokenExpiresAt: token ? new Date(token.expiresAt).toISOString() : null,
    purgeAt: new Date(purgeAt).toISOString(),
    mailsSent,
    reminderSent,
    confirmedAt,
    awaiting: phase === 'AWAITING_CONFIRMATION' ? 'PRIMO_AD' : null,
  }));

  setHandler(
    confirmRegistrationUpdate,
    async ({ tokenId }) => {
      setPhase('CONFIRMING');
      try {
        confirmedAt = await activateRegistration({ companyId: input.companyId, accountId: input.accountId, tokenId });
      } catch (err) {
        setPhase('AWAITING_CONFIRMATION');
        throw err;
      }
      setPhase('CONFIRMED');
      return { confirmedAt };
    },
    {
      validator: ({ tokenId }) => {
        if (phase !== 'AWAITING_CONFIRMATION') {
          throw ApplicationFailure.create({ type: RegistrationFailure.NOT_AWAITING, message: 'Inscription déjà confirmée.' });
        }
        assertCurrentLink(token, tokenId);
      },
    },
  );

  setHandler(
    resendConfirmationUpdate,
    async () => {
      await sendConfirmation(false);
      return { tokenExpiresAt: new Date(token!.expiresAt).toISOString() };
    },
    {
      validator: () => {
        if (phase !== 'AWAITING_CONFIRMATION') {
          throw ApplicationFailure.create({ type: RegistrationFailure.NOT_AWAITING, message: 'Inscription déjà confirmée.' });
        }
      },
    },
  );

  return closedOnCancellation(async () => {
    await sendConfirmation(false);
    const reminderAt = startedAt + reminderAfterMs;
    if (reminderAt < purgeAt && !(await confirmedBefore(reminderAt))) {
      await sendConfirmation(true);
      reminderSent = true;
    }
    if (phase !== 'CONFIRMED' && !(await confirmedBefore(purgeAt))) await purge();
    await mails.settled();
    await condition(allHandlersFinished);
    return { outcome: phase === 'CONFIRMED' ? 'CONFIRMED' : 'PURGED' };
  }, closeCancelled);

  /** Cancelled by support before confirmation (once one in flight is over): nothing of the registration stays behind. */
  async function closeCancelled(): Promise<void> {
    await condition(() => phase !== 'CONFIRMING');
    if (phase === 'AWAITING_CONFIRMATION') await purge();
    await mails.settled();
  }

  async function purge(): Promise<void> {
    setPhase('PURGED');
    await purgeRegistration(input.companyId);
  }

  /** Changes the phase and what supervision sees of it (search attributes). */
  function setPhase(next: RegistrationPhase): void {
    phase = next;
    const awaiting = next === 'AWAITING_CONFIRMATION';
    upsertSearchAttributes(
      businessStateAttributes({ phase: next, awaitedRole: awaiting ? 'PRIMO_AD' : null, dueDate: awaiting ? new Date(purgeAt) : null }),
    );
  }

  /** True once an activation succeeded; false when the deadline passes first. */
  async function confirmedBefore(deadline: number): Promise<boolean> {
    for (;;) {
      const moved = await condition(() => phase !== 'AWAITING_CONFIRMATION', Math.max(deadline - Date.now(), 1));
      if (!moved) return false;
      await condition(() => phase !== 'CONFIRMING');
      if (phase === 'CONFIRMED') return true;
    }
  }

  /** Issues a new single-use link (voiding the previous one) and queues its mail. */
  async function sendConfirmation(reminder: boolean): Promise<void> {
    const issued = await issueConfirmationToken({
      accountId: input.accountId,
      purpose: 'REGISTRATION',
      step: `mail-${++steps}`,
      ttlMs: tokenTtlMs,
      reminder,
    });
    token = { id: issued.tokenId, expiresAt: Date.parse(issued.expiresAt) };
    mailsSent++;
    mails.deliver([issued.outboxId]);
  }
}
