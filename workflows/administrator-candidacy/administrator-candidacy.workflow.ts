import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createAccountActivities } from '../../activities/account/account.activities';
import type { CandidacySnapshot, createCandidacyActivities } from '../../activities/candidacy/candidacy.activities';
import { isPendingCandidacy, type CandidacyOutcome, type CandidacyRoute, type CandidacyStatus } from '../../domain/candidacy/candidacy.status';
import { attemptsLeft, locksCandidacy } from '../../domain/candidacy/key-attempts.rules';
import { DATABASE_STEP } from '../confirmation/activity-options';
import { businessStateAttributes } from '../search-attributes';
import { confirmationLinks } from '../shared/confirmation-link';
import { mailDeliveries } from '../shared/mail-deliveries';
import { timerFor, type TimerPurpose } from '../shared/timer-purpose';
import { closedOnCancellation } from '../shared/on-cancellation';
import {
  CandidacyFailure,
  cancelCandidacyUpdate,
  candidacyStatusQuery,
  chooseLetterRouteUpdate,
  confirmCandidateEmailUpdate,
  decideCandidacyUpdate,
  letterPostedUpdate,
  requestNewLetterUpdate,
  resendCandidacyMailUpdate,
  submitKeyUpdate,
  unlockCandidacyUpdate,
  type ActorRequest,
  type AdministratorAsked,
  type CandidacyInput,
  type CandidacyResult,
  type CandidacyState,
  type KeyRequest,
} from './administrator-candidacy.messages';

const { activateAccount, recordCandidacyState, requestApproval, offerLetterRoute, issueActivationLetter, recordLetterPosted, alertSupportLetterOverdue, closeCandidacy } =
  proxyActivities<ReturnType<typeof createAccountActivities> & ReturnType<typeof createCandidacyActivities>>(DATABASE_STEP);

interface Letter {
  id: string;
  sequence: number;
  keyHash: string;
  postBy: number;
  postedAt: number | null;
  keyExpiresAt: number | null;
  supportAlerted: boolean;
}

/** Runs that reach 5 wrong keys keep the candidacy open, LOCKED, for support to unlock (older runs closed it). */
const LOCKED_STAYS_OPEN = 'candidacy-locked-stays-open';

/** Since 2026-12-03 a candidacy locked waiting for support can also be cancelled by its own cancel (runs locked before wait for support or the key's expiry). */
const LOCKED_CANCELLABLE = 'candidacy-locked-cancellable';

const fail = (type: string, message: string, details?: unknown) => ApplicationFailure.create({ type, message, ...(details ? { details: [details] } : {}) });

/**
 * An administrator candidacy (Candidat AD): the candidate confirms his
 * e-mail, then either an active administrator of the company accepts or
 * refuses (reminder at day 7, letter route offered at day 14, expiry at day
 * 30), or an activation key sent by postal letter is typed in (posted by
 * support, valid 60 days from the posting, 5 wrong keys lock until support
 * unlocks or the key expires, 3 letters at most). Every transition is
 * recorded in the read model and the audit trail, under who acted.
 * Cancelled — by the candidate or support, or from supervision — it closes
 * the candidate's account.
 */
export async function administratorCandidacyWorkflow(input: CandidacyInput): Promise<CandidacyResult> {
  const { candidacyId, accountId, terms } = input;
  const startedAt = workflowInfo().startTime.getTime();
  let status: CandidacyStatus = 'AWAITING_EMAIL';
  let route: CandidacyRoute = 'APPROVAL';
  /** A step the other updates must wait for (e-mail confirmation, decision, key check) is in flight. */
  let busy = false;
  let emailConfirmedAt: number | null = null;
  let approvalSince: number | null = null;
  let approvalRequests = 0;
  let reminderSent = false;
  let letterRouteOffered = false;
  let administratorsAsked: AdministratorAsked[] = [];
  let wrongKeys = 0;
  let letter: Letter | null = null;
  /** Set when this run locks: LOCKED then waits for support (until the key expires) instead of closing. */
  let unlockable = false;
  /** Set when this run locks: while LOCKED, its own cancel (the candidate, support) closes it too. */
  let cancellableWhileLocked = false;
  let steps = 0;
  const mails = mailDeliveries();
  // The candidate's e-mail step: no reminder, the candidacy's own expiry ends it.
  const links = confirmationLinks({ accountId, purpose: 'CANDIDACY', tokenTtlMs: terms.tokenTtlMs, expireAfterMs: terms.expireAfterMs }, mails);
  publishState();

  setHandler(candidacyStatusQuery, state);

  setHandler(
    confirmCandidateEmailUpdate,
    ({ tokenId }) =>
      exclusive(async () => {
        const confirmedAt = await activateAccount({ accountId, tokenId });
        emailConfirmedAt = Date.parse(confirmedAt);
        return { confirmedAt };
      }),
    {
      validator: ({ tokenId }) => {
        refuseWhenClosed();
        if (status !== 'AWAITING_EMAIL' || emailConfirmedAt !== null) throw fail(CandidacyFailure.IN_PROGRESS, 'Adresse e-mail déjà confirmée.');
        links.assertCurrent(tokenId);
      },
    },
  );

  setHandler(
    decideCandidacyUpdate,
    async ({ deciderId, decision, reason }) => {
      const outcome = decision === 'ACCEPT' ? 'APPROVED' : 'REFUSED';
      await close(outcome, { deciderId, reason: reason ?? null });
      return state();
    },
    {
      validator: ({ deciderId, decision, reason }) => {
        if (busy || status === 'APPROVED' || status === 'REFUSED') throw fail(CandidacyFailure.ALREADY_DECIDED, 'Cette candidature a déjà reçu une réponse.');
        refuseWhenClosed();
        if (status !== 'AWAITING_APPROVAL') throw fail(CandidacyFailure.NOT_AWAITING_APPROVAL, 'Cette candidature n’attend pas l’accord d’un administrateur.');
        if (deciderId === accountId) throw fail(CandidacyFailure.SELF_DECISION, 'Un candidat ne peut pas décider de sa propre candidature.');
        if (!administratorsAsked.some((a) => a.id === deciderId)) {
          throw fail(CandidacyFailure.NOT_AN_ACTIVE_ADMINISTRATOR, 'Seul un administrateur actif de l’entreprise peut décider.');
        }
        if (decision === 'REFUSE' && !reason?.trim()) throw fail(CandidacyFailure.REASON_REQUIRED, 'Un refus doit être motivé.');
      },
    },
  );

  setHandler(
    chooseLetterRouteUpdate,
    // `by` is undefined in histories recorded before the update carried who chose.
    async (by: ActorRequest | undefined) => {
      await startLetterRoute('CANDIDACY.LETTER_ROUTE_CHOSEN', by?.actorId ?? null);
      return state();
    },
    {
      validator: (_by: ActorRequest | undefined) => {
        refuseWhenClosed();
        if (status !== 'AWAITING_APPROVAL' || !letterRouteOffered) {
          throw fail(CandidacyFailure.LETTER_ROUTE_NOT_OFFERED, 'Le courrier ne peut être demandé qu’après 14 jours sans réponse des administrateurs.');
        }
      },
    },
  );

  setHandler(
    letterPostedUpdate,
    async ({ letterId, actorId }) => {
      const posted = await recordLetterPosted({ letterId, actorId, keyValidityMs: terms.keyValidityMs });
      if (letter?.id === letterId) {
        letter.postedAt = Date.parse(posted.postedAt);
        letter.keyExpiresAt = Date.parse(posted.keyExpiresAt);
        await transition('AWAITING_KEY', 'CANDIDACY.LETTER_POSTED', actorId);
      }
      return state();
    },
    {
      validator: ({ letterId }) => {
        refuseWhenClosed();
        if (status !== 'AWAITING_LETTER') throw fail(CandidacyFailure.NOT_AWAITING_LETTER, 'Aucun courrier n’attend d’être posté pour cette candidature.');
        if (letter?.id !== letterId) throw fail(CandidacyFailure.LETTER_NOT_CURRENT, 'Ce courrier a été remplacé par un plus récent : ne le postez pas.');
      },
    },
  );

  setHandler(
    submitKeyUpdate,
    async ({ keyHash, actorId = null }) => {
      if (keyHash === letter!.keyHash) {
        await close('APPROVED', { actorId });
        return state();
      }
      wrongKeys++;
      const left = attemptsLeft(terms.maxWrongKeys, wrongKeys);
      if (!locksCandidacy(terms.maxWrongKeys, wrongKeys)) await record('CANDIDACY.WRONG_KEY', actorId, { attemptsLeft: left });
      else await lock(actorId);
      throw fail(
        CandidacyFailure.WRONG_KEY,
        left ? `Clé incorrecte : encore ${left} essai(s).` : 'Clé incorrecte : la candidature est verrouillée.',
        { attemptsLeft: left },
      );
    },
    {
      validator: (_key: KeyRequest) => {
        if (status === 'LOCKED') throw fail(CandidacyFailure.LOCKED, 'Candidature verrouillée après trop de clés erronées.');
        if (busy) throw fail(CandidacyFailure.IN_PROGRESS, 'Une clé est en cours de vérification.');
        refuseWhenClosed();
        if (status !== 'AWAITING_KEY') throw fail(CandidacyFailure.NOT_AWAITING_KEY, 'Aucune clé d’activation n’est attendue pour cette candidature.');
        if (Date.now() >= letter!.keyExpiresAt!) throw fail(CandidacyFailure.KEY_EXPIRED, 'La clé d’activation a expiré : demandez un nouveau courrier.');
      },
    },
  );

  setHandler(
    requestNewLetterUpdate,
    async ({ actorId }) => {
      await sendLetter('CANDIDACY.LETTER_REISSUED', actorId);
      return state();
    },
    {
      validator: (_by: ActorRequest) => {
        refuseWhenClosed();
        if (route !== 'LETTER') throw fail(CandidacyFailure.NOT_AWAITING_KEY, 'Cette candidature n’est pas sur la voie du courrier.');
        if (lettersSent() >= terms.maxLetters) {
          throw fail(CandidacyFailure.TOO_MANY_LETTERS, `Au plus ${terms.maxLetters} courriers par candidature.`);
        }
      },
    },
  );

  setHandler(
    unlockCandidacyUpdate,
    async ({ actorId, reason }) => {
      wrongKeys = 0;
      await transition('AWAITING_KEY', 'CANDIDACY.UNLOCKED', actorId, { reason });
      return state();
    },
    {
      validator: ({ reason }) => {
        if (busy) throw fail(CandidacyFailure.IN_PROGRESS, 'Une clé est en cours de vérification.');
        if (!lockedForSupport()) throw fail(CandidacyFailure.NOT_LOCKED, 'Cette candidature n’est pas verrouillée.');
        if (!reason?.trim()) throw fail(CandidacyFailure.REASON_REQUIRED, 'Un déverrouillage doit être motivé.');
      },
    },
  );

  setHandler(
    cancelCandidacyUpdate,
    async ({ actorId, reason }) => {
      await close('CANCELLED', { actorId, reason: reason ?? null });
      return state();
    },
    {
      validator: (_by: ActorRequest) => {
        if (!(cancellableWhileLocked && lockedForSupport() && !busy)) refuseWhenClosed();
      },
    },
  );

  setHandler(
    resendCandidacyMailUpdate,
    async ({ actorId }) => {
      if (status === 'AWAITING_EMAIL') await links.issue(true);
      else await askAdministrators(reminderSent);
      await record('CANDIDACY.MAIL_RESENT', actorId, { phase: status });
      return state();
    },
    {
      validator: (_by: ActorRequest) => {
        refuseWhenClosed();
        if (status !== 'AWAITING_EMAIL' && status !== 'AWAITING_APPROVAL') {
          throw fail(CandidacyFailure.NOTHING_TO_RESEND, 'Aucun courriel à renvoyer dans cette étape : le courrier postal suit son cours.');
        }
      },
    },
  );

  return closedOnCancellation(async () => {
    if (input.emailConfirmedAt) {
      emailConfirmedAt = Date.parse(input.emailConfirmedAt);
      await openApproval();
    } else {
      await links.issue(false);
    }
    while (running()) await nextEvent();
    await mails.settled();
    await condition(allHandlersFinished);
    return { outcome: status as CandidacyOutcome };
  }, closeCancelled);

  /** Cancelled from supervision: once the step in flight is over, a pending candidacy closes CANCELLED, as by its own cancel. */
  async function closeCancelled(): Promise<void> {
    await condition(() => !busy);
    if (running()) await close('CANCELLED', {});
    await mails.settled();
  }

  /** Waits for whatever comes first in the current phase: a change of state by an update, or the phase's deadline. */
  async function nextEvent(): Promise<void> {
    const deadline = nextDeadline();
    const seen = { status, letterId: letter?.id, confirmed: emailConfirmedAt };
    const changed = () => busy || status !== seen.status || letter?.id !== seen.letterId || emailConfirmedAt !== seen.confirmed;
    if (!deadline) {
      await condition(changed);
    } else if (!(await condition(changed, Math.max(deadline.at - Date.now(), 1), timerFor(deadline.purpose)))) {
      await deadline.reached();
      return;
    }
    await condition(() => !busy);
    if (status === 'AWAITING_EMAIL' && emailConfirmedAt !== null) await openApproval();
  }

  function nextDeadline(): { at: number; purpose: TimerPurpose; reached: () => Promise<void> } | null {
    switch (status) {
      case 'AWAITING_EMAIL':
        return { at: expiresAt()!, purpose: 'CANDIDACY_EXPIRY', reached: () => close('EXPIRED', {}) };
      case 'AWAITING_APPROVAL': {
        const since = approvalSince!;
        if (!reminderSent && terms.reminderAfterMs < terms.letterOfferAfterMs) {
          return { at: since + terms.reminderAfterMs, purpose: 'APPROVAL_REMINDER', reached: async () => void (await askAdministrators(true)) };
        }
        if (!letterRouteOffered && terms.letterOfferAfterMs < terms.expireAfterMs) {
          return { at: since + terms.letterOfferAfterMs, purpose: 'LETTER_ROUTE_OFFER', reached: offerLetter };
        }
        return { at: expiresAt()!, purpose: 'CANDIDACY_EXPIRY', reached: () => close('EXPIRED', {}) };
      }
      case 'AWAITING_LETTER':
        return letter!.supportAlerted ? null : { at: letter!.postBy, purpose: 'LETTER_POST_DEADLINE', reached: alertSupport };
      case 'AWAITING_KEY':
      case 'LOCKED':
        return { at: letter!.keyExpiresAt!, purpose: 'KEY_EXPIRY', reached: () => close('EXPIRED', {}) };
      default:
        return null;
    }
  }

  /** E-mail confirmed: the administrators are asked, or the letter route is forced when there is none. */
  async function openApproval(): Promise<void> {
    approvalSince = Date.now();
    const asked = await askAdministrators(false);
    if (asked.length) await transition('AWAITING_APPROVAL', 'CANDIDACY.APPROVAL_REQUESTED', null, { administrators: asked.map((a) => a.id) });
    else await startLetterRoute('CANDIDACY.LETTER_ROUTE_FORCED', null);
  }

  async function askAdministrators(reminder: boolean): Promise<AdministratorAsked[]> {
    if (reminder) reminderSent = true;
    const step = `approval-${++approvalRequests}`;
    const asked = await requestApproval({ candidacyId, step, reminder, expiresAt: iso(approvalSince! + terms.expireAfterMs), snapshot: reminder ? snapshot() : null });
    administratorsAsked = asked.administrators;
    publishState();
    mails.deliver(asked.outboxIds);
    return asked.administrators;
  }

  async function offerLetter(): Promise<void> {
    letterRouteOffered = true;
    mails.deliver(await offerLetterRoute({ candidacyId, step: `step-${++steps}`, action: 'CANDIDACY.LETTER_ROUTE_OFFERED', snapshot: snapshot() }));
  }

  async function startLetterRoute(action: string, actorId: string | null): Promise<void> {
    route = 'LETTER';
    letterRouteOffered = true;
    await sendLetter(action, actorId);
  }

  /** A new letter (voiding the previous key) enters the print queue. */
  async function sendLetter(action: string, actorId: string | null): Promise<void> {
    const sequence = lettersSent() + 1;
    const issued = await issueActivationLetter({ candidacyId, sequence, postWithinMs: terms.postWithinMs, keyValidityMs: terms.keyValidityMs });
    letter = { id: issued.letterId, sequence, keyHash: issued.keyHash, postBy: Date.parse(issued.postBy), postedAt: null, keyExpiresAt: null, supportAlerted: false };
    await transition('AWAITING_LETTER', action, actorId, { letterId: issued.letterId, sequence });
  }

  async function alertSupport(): Promise<void> {
    letter!.supportAlerted = true;
    publishState();
    mails.deliver(await alertSupportLetterOverdue({ letterId: letter!.id, step: `step-${++steps}` }));
  }

  /** The last wrong key: the candidacy waits, LOCKED, for support to unlock it, or its own cancel (a run older than that closes). */
  async function lock(actorId: string | null): Promise<void> {
    unlockable = patched(LOCKED_STAYS_OPEN);
    if (unlockable) {
      cancellableWhileLocked = patched(LOCKED_CANCELLABLE);
      await transition('LOCKED', 'CANDIDACY.LOCKED', actorId, { attemptsLeft: 0 });
    } else {
      await close('LOCKED', { actorId });
    }
  }

  /** Ends the candidacy; an administrator's decision is checked again by the activity (he may have left meanwhile). */
  async function close(outcome: CandidacyOutcome, by: { deciderId?: string; actorId?: string | null; reason?: string | null }): Promise<void> {
    await exclusive(async () => {
      const outboxIds = await closeCandidacy({ candidacyId, step: `step-${++steps}`, outcome, snapshot: { ...snapshot(), status: outcome, dueDate: null }, ...by });
      status = outcome;
      publishState();
      mails.deliver(outboxIds);
    });
  }

  /** Runs a step the other updates wait for; an activity's business refusal reaches the caller as itself. */
  async function exclusive<T>(step: () => Promise<T>): Promise<T> {
    busy = true;
    try {
      return await step();
    } catch (err) {
      throw unwrap(err);
    } finally {
      busy = false;
    }
  }

  async function transition(next: CandidacyStatus, action: string, actorId: string | null, details?: Record<string, unknown>): Promise<void> {
    status = next;
    publishState();
    await record(action, actorId, details);
  }

  async function record(action: string, actorId: string | null, details?: Record<string, unknown>): Promise<void> {
    await recordCandidacyState({ candidacyId, step: `step-${++steps}`, action, actorId, snapshot: snapshot(), details });
  }

  function awaiting(): CandidacyState['awaiting'] {
    if (busy) return null;
    switch (status) {
      case 'AWAITING_EMAIL':
      case 'AWAITING_KEY':
        return 'CANDIDATE';
      case 'AWAITING_APPROVAL':
        return 'ADMINISTRATOR';
      case 'AWAITING_LETTER':
        return 'SUPPORT';
      case 'LOCKED':
        return unlockable ? 'SUPPORT' : null;
      default:
        return null;
    }
  }

  function dueDate(): number | null {
    return running() ? (nextDeadline()?.at ?? null) : null;
  }

  function lockedForSupport(): boolean {
    return status === 'LOCKED' && unlockable;
  }

  /** Still waiting for someone: a pending phase, or locked until support unlocks it. */
  function running(): boolean {
    return isPendingCandidacy(status) || lockedForSupport();
  }

  function expiresAt(): number | null {
    if (route === 'LETTER') return letter?.keyExpiresAt ?? null;
    return (approvalSince ?? startedAt) + terms.expireAfterMs;
  }

  function publishState(): void {
    const due = dueDate();
    upsertSearchAttributes(businessStateAttributes({ phase: status, awaitedRole: awaiting(), dueDate: due === null ? null : new Date(due) }));
  }

  function snapshot(): CandidacySnapshot {
    const due = dueDate();
    const expiry = expiresAt();
    return {
      status,
      route,
      dueDate: due === null ? null : iso(due),
      expiresAt: expiry === null ? null : iso(expiry),
      letterRouteOffered,
      attemptsLeft: route === 'LETTER' ? attemptsLeft(terms.maxWrongKeys, wrongKeys) : null,
      lettersSent: lettersSent(),
    };
  }

  function state(): CandidacyState {
    const s = snapshot();
    return {
      status: s.status,
      route: s.route,
      awaiting: awaiting(),
      dueDate: s.dueDate,
      expiresAt: s.expiresAt,
      emailConfirmedAt: emailConfirmedAt === null ? null : iso(emailConfirmedAt),
      approvalRequestedAt: approvalSince === null ? null : iso(approvalSince),
      reminderSent,
      letterRouteOffered,
      administratorsAsked,
      attemptsLeft: attemptsLeft(terms.maxWrongKeys, wrongKeys),
      lettersSent: s.lettersSent,
      letter: letter && {
        id: letter.id,
        sequence: letter.sequence,
        postBy: iso(letter.postBy),
        postedAt: letter.postedAt === null ? null : iso(letter.postedAt),
        keyExpiresAt: letter.keyExpiresAt === null ? null : iso(letter.keyExpiresAt),
        supportAlerted: letter.supportAlerted,
      },
    };
  }

  function lettersSent(): number {
    return letter?.sequence ?? 0;
  }

  function refuseWhenClosed(): void {
    if (busy) throw fail(CandidacyFailure.IN_PROGRESS, 'Une décision est en cours d’enregistrement.');
    if (status === 'LOCKED') throw fail(CandidacyFailure.LOCKED, 'Candidature verrouillée après trop de clés erronées.');
    if (!isPendingCandidacy(status)) throw fail(CandidacyFailure.CLOSED, 'Cette candidature est close.');
  }
}

/** An activity's business refusal reaches the update's caller as itself. */
function unwrap(err: unknown): unknown {
  return err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : err;
}

const iso = (ms: number) => new Date(ms).toISOString();
