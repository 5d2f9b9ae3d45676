import { ApplicationFailure, condition, proxyActivities, uuid4 } from '@temporalio/workflow';
import type { createConfirmationActivities, IssueConfirmationRequest } from '../../activities/confirmation/confirmation.activities';
import { DATABASE_STEP } from '../confirmation/activity-options';
import { RegistrationFailure } from '../registration/registration.messages';
import type { MailDeliveries } from './mail-deliveries';
import { timerFor } from './timer-purpose';

const { issueConfirmationToken } = proxyActivities<ReturnType<typeof createConfirmationActivities>>(DATABASE_STEP);

/** The link a confirmation process mailed last: only this one may confirm. */
export interface CurrentLink {
  id: string;
  expiresAt: number;
}

export interface ConfirmationLinkTerms {
  /** The account whose address the links prove. */
  accountId: string;
  purpose: IssueConfirmationRequest['purpose'];
  tokenTtlMs: number;
  /** One reminder (a fresh link) this long after the wait began, when that comes before the expiry; none if omitted. */
  reminderAfterMs?: number;
  /** The wait gives up this long after it began. */
  expireAfterMs: number;
}

/** What the waiting process tells the loop about itself. */
export interface ConfirmationWait {
  /** The address is still awaited and no step of the process is in flight. */
  awaiting: () => boolean;
  /** No step of the process (a confirmation being recorded, a cancellation…) is in flight. */
  settled: () => boolean;
  /** Runs after each reminder's link was issued (e.g. its audit line). */
  reminded?: () => Promise<void>;
}

/**
 * The confirmation-link loop every process that proves an address by mail
 * composes: single-use links, one at a time (a new one voids the previous),
 * one reminder with a fresh link, then the expiry; and the validator step
 * that lets only the current, unexpired link confirm.
 *
 * A link is recorded as the current one BEFORE the step that writes its mail
 * to the outbox runs — its id is chosen here and stored by the activity — so
 * a confirmation arriving the instant the mail exists finds it current. Links
 * are issued in order, one issuance at a time, so the database voids them in
 * the order this process recorded them; an issuance that a newer one
 * overtook never becomes current again (the stale-link guard).
 */
export function confirmationLinks(terms: ConfirmationLinkTerms, mails: MailDeliveries) {
  const reminderAfterMs = terms.reminderAfterMs ?? Infinity;
  let current: CurrentLink | undefined;
  let issued = 0;
  let reminderSent = false;
  /** When the current wait began (null until `begin`), and how many times it began. */
  let since: number | null = null;
  let waits = 0;
  /** The issuance in flight, which the next one waits for. */
  let inFlight: Promise<unknown> | null = null;

  /** Issues link n (whose id and expiry are already recorded) and queues its mail; answers its expiry. */
  async function send(n: number, link: CurrentLink, reminder: boolean): Promise<string> {
    const answer = await issueConfirmationToken({
      accountId: terms.accountId,
      purpose: terms.purpose,
      step: `mail-${n}`,
      ttlMs: terms.tokenTtlMs,
      reminder,
      tokenId: link.id,
      expiresAt: new Date(link.expiresAt).toISOString(),
    });
    // The link the database holds for this step: the one recorded, unless an earlier version issued the step (it chose the id itself).
    if (current === link) current = { id: answer.tokenId, expiresAt: Date.parse(answer.expiresAt) };
    mails.deliver([answer.outboxId]);
    return answer.expiresAt;
  }

  function remindsNext(): boolean {
    return !reminderSent && reminderAfterMs < terms.expireAfterMs;
  }

  function dueAt(): number | null {
    if (since === null) return null;
    return since + (remindsNext() ? reminderAfterMs : terms.expireAfterMs);
  }

  async function issue(reminder: boolean): Promise<string> {
    const n = ++issued;
    const link: CurrentLink = { id: uuid4(), expiresAt: Date.now() + terms.tokenTtlMs };
    current = link;
    const previous = inFlight;
    const sending = previous ? previous.then(() => send(n, link, reminder)) : send(n, link, reminder);
    const settled = (inFlight = sending.catch(() => undefined));
    try {
      return await sending;
    } finally {
      if (inFlight === settled) inFlight = null;
    }
  }

  return {
    /** The link that may confirm now, if any. */
    current: (): CurrentLink | undefined => current,
    /** Links issued so far (mails sent or on their way). */
    issued: (): number => issued,
    reminderSent: (): boolean => reminderSent,
    /** When the wait gives up, once it has begun. */
    expiresAt: (): number | null => (since === null ? null : since + terms.expireAfterMs),
    /** When the wait ends by itself: the reminder if still to come, else the expiry. */
    dueAt,

    /** The wait begins — or begins again, the address corrected: no link holds until the next one, and one reminder is due again. */
    begin(at: number = Date.now()): void {
      since = at;
      waits++;
      current = undefined;
      reminderSent = false;
    },

    /**
     * Issues a new single-use link (voiding the previous one) and queues its
     * mail; answers its expiry (ISO). It is the current link from this call
     * on, even while its issuance waits for the one before.
     */
    issue,

    /** Validator step: only the current link, before its expiry, may confirm. */
    assertCurrent(tokenId: string): void {
      if (!current || current.id !== tokenId) {
        throw ApplicationFailure.create({
          type: RegistrationFailure.TOKEN_NOT_CURRENT,
          message: 'Ce lien a été remplacé par un lien plus récent : utilisez le dernier e-mail reçu.',
        });
      }
      if (Date.now() >= current.expiresAt) {
        throw ApplicationFailure.create({ type: RegistrationFailure.TOKEN_EXPIRED, message: 'Ce lien a expiré : demandez un nouvel e-mail de confirmation.' });
      }
    },

    /**
     * Waits from `begin` on: reminds once (a fresh link) when due, and answers
     * EXPIRED at the expiry, or OVER as soon as the address is no longer
     * awaited (confirmed, cancelled…) once its step is over. A new `begin`
     * starts the deadlines again.
     */
    async untilOverOrExpired(wait: ConfirmationWait): Promise<'OVER' | 'EXPIRED'> {
      for (;;) {
        const seen = waits;
        const remind = remindsNext();
        const moved = () => !wait.awaiting() || waits !== seen;
        const woken = await condition(moved, Math.max(dueAt()! - Date.now(), 1), timerFor(remind ? 'CONFIRMATION_REMINDER' : 'CONFIRMATION_EXPIRY'));
        if (woken || moved()) {
          await condition(wait.settled);
          if (!wait.awaiting()) return 'OVER';
          continue;
        }
        if (!remind) return 'EXPIRED';
        reminderSent = true;
        await issue(true);
        await wait.reminded?.();
      }
    },
  };
}

export type ConfirmationLinks = ReturnType<typeof confirmationLinks>;
