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
import { confirmationLinks } from '../shared/confirmation-link';
import { mailDeliveries } from '../shared/mail-deliveries';
import { closedOnCancellation } from '../shared/on-cancellation';
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

const { activateRegistration, purgeRegistration } = proxyActivities<ReturnType<typeof createRegistrationActivities>>(DATABASE_STEP);

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
  let confirmedAt: string | null = null;
  const mails = mailDeliveries();
  const links = confirmationLinks(
    { accountId: input.accountId, purpose: 'REGISTRATION', tokenTtlMs, reminderAfterMs, expireAfterMs: purgeAfterMs },
    mails,
  );
  links.begin(startedAt);

  setHandler(registrationStatusQuery, () => {
    const link = links.current();
    return {
      phase,
      tokenExpiresAt: link ? new Date(link.expiresAt).toISOString() : null,
      purgeAt: new Date(purgeAt).toISOString(),
      mailsSent: links.issued(),
      reminderSent: links.reminderSent(),
      confirmedAt,
      awaiting: phase === 'AWAITING_CONFIRMATION' ? 'PRIMO_AD' : null,
    };
  });

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
        links.assertCurrent(tokenId);
      },
    },
  );

  setHandler(
    resendConfirmationUpdate,
    async () => ({ tokenExpiresAt: await links.issue(false) }),
    {
      validator: () => {
        if (phase !== 'AWAITING_CONFIRMATION') {
          throw ApplicationFailure.create({ type: RegistrationFailure.NOT_AWAITING, message: 'Inscription déjà confirmée.' });
        }
      },
    },
  );

  return closedOnCancellation(async () => {
    await links.issue(false);
    const end = await links.untilOverOrExpired({
      awaiting: () => phase === 'AWAITING_CONFIRMATION',
      settled: () => phase !== 'CONFIRMING',
    });
    if (end === 'EXPIRED') await purge();
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
}
