import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { ArrivalSnapshot, createArrivalActivities } from '../../activities/collaborators/arrival.activities';
import type { createCollaboratorNoticeActivities } from '../../activities/collaborators/collaborator-notices.activities';
import type { ArrivalOutcome, ArrivalStatus } from '../../domain/collaborators/collaborators.status';
import { CANDIDACY_WORKFLOW_TYPE, type CandidacyInput } from '../administrator-candidacy/administrator-candidacy.messages';
import { DATABASE_STEP } from '../confirmation/activity-options';
import { businessStateAttributes, CompanySiren, SubjectAccount } from '../search-attributes';
import { confirmationLinks } from '../shared/confirmation-link';
import { mailDeliveries } from '../shared/mail-deliveries';
import { timerFor } from '../shared/timer-purpose';
import { closedOnCancellation } from '../shared/on-cancellation';
import {
  ArrivalFailure,
  arrivalStatusQuery,
  cancelArrivalSignal,
  cancelArrivalUpdate,
  confirmArrivalUpdate,
  rescheduleArrivalUpdate,
  type ArrivalInput,
  type ArrivalResult,
  type ArrivalState,
  type CancelArrivalRequest,
  type RescheduleArrivalRequest,
} from './collaborator-arrival.messages';

const { recordArrivalState, completeArrival, endArrival, openArrivalCandidacy, mailArrivalOutcome } = proxyActivities<
  ReturnType<typeof createArrivalActivities> & ReturnType<typeof createCollaboratorNoticeActivities>
>(DATABASE_STEP);

/** Since 2026-12-03 the company's administrators are told by mail when an arrival completes or expires (older runs told nobody). */
const OUTCOME_MAILS = 'arrival-outcome-mails';

const fail = (type: string, message: string) => ApplicationFailure.create({ type, message });

/**
 * A collaborator's arrival: his PENDING account waits for the start date
 * (durable timer, movable), then the invitation goes out with a
 * confirmation link; when he confirms, the account becomes ACTIVE with the
 * rights chosen for him, in one step. One reminder; after the expiry — or
 * a cancellation, by its update or from supervision — the account is
 * removed and the rights never granted. An administrator candidate then
 * runs the candidacy process.
 */
export async function collaboratorArrivalWorkflow(input: ArrivalInput): Promise<ArrivalResult> {
  const { arrivalId, accountId, durations } = input;
  let status = 'SCHEDULED' as ArrivalStatus;
  let startDate = input.startDate;
  let startsAt = Date.parse(input.startsAt);
  let invitedAt: number | null = null;
  let confirmedAt: string | null = null;
  let candidacyWorkflowId: string | null = null;
  /** The administrators' mail about the outcome is on its way. */
  let announced = false;
  /** A step that changes the read model (confirmation, cancellation, new date) is in flight. */
  let busy = false;
  let steps = 0;
  const mails = mailDeliveries();
  // The wait counts from the invitation.
  const links = confirmationLinks({ accountId, purpose: 'ARRIVAL', ...durations }, mails);
  publishState();

  setHandler(arrivalStatusQuery, state);

  setHandler(
    confirmArrivalUpdate,
    async ({ tokenId }) => {
      busy = true;
      try {
        confirmedAt = await completeArrival({ arrivalId, tokenId, snapshot: snapshot() });
        setStatus('COMPLETED');
        return { confirmedAt };
      } catch (err) {
        throw unwrap(err);
      } finally {
        busy = false;
      }
    },
    {
      validator: ({ tokenId }) => {
        refuseWhenBusyOrOver();
        links.assertCurrent(tokenId);
      },
    },
  );

  setHandler(
    cancelArrivalUpdate,
    async (request) => {
      await cancel(request);
      return state();
    },
    { validator: (_request: CancelArrivalRequest) => refuseWhenBusyOrOver() },
  );

  // Not interrupted by a cancellation of the process: it ends the arrival just the same.
  setHandler(cancelArrivalSignal, (request) =>
    CancellationScope.nonCancellable(async () => {
      await condition(() => !busy);
      if (isPending()) await cancel(request);
    }),
  );

  setHandler(
    rescheduleArrivalUpdate,
    async ({ actorId, startDate: date, startsAt: at }) => {
      busy = true;
      try {
        startDate = date;
        startsAt = Date.parse(at);
        publishState();
        await record('ARRIVAL.RESCHEDULED', actorId);
      } finally {
        busy = false;
      }
      return state();
    },
    {
      validator: (_request: RescheduleArrivalRequest) => {
        refuseWhenBusyOrOver();
        if (status !== 'SCHEDULED') throw fail(ArrivalFailure.ALREADY_STARTED, 'L’invitation est déjà partie : la date d’arrivée ne peut plus changer.');
      },
    },
  );

  return closedOnCancellation(async () => {
    await untilStartDate();
    if (status === 'SCHEDULED') await invite();
    await confirmedOrOver();
    if (status === 'COMPLETED' && input.candidacyTerms) await CancellationScope.nonCancellable(startCandidacy);
    await announceOutcome();
    await mails.settled();
    await condition(allHandlersFinished);
    return { outcome: status as ArrivalOutcome, accountId };
  }, closeCancelled);

  /** Nothing is sent before the start date; a new date restarts the wait. */
  async function untilStartDate(): Promise<void> {
    for (;;) {
      const seen = startsAt;
      if (status === 'SCHEDULED' && Date.now() < startsAt) {
        await condition(() => busy || status !== 'SCHEDULED' || startsAt !== seen, startsAt - Date.now(), timerFor('START_DATE'));
      }
      await condition(() => !busy);
      if (status !== 'SCHEDULED' || Date.now() >= startsAt) return;
    }
  }

  async function invite(): Promise<void> {
    invitedAt = Date.now();
    links.begin(invitedAt);
    status = 'AWAITING_CONFIRMATION';
    publishState();
    await links.issue(false);
    await record('ARRIVAL.INVITED', null);
  }

  /** One reminder, then the expiry; a confirmation or a cancellation ends the wait. */
  async function confirmedOrOver(): Promise<void> {
    if (status !== 'AWAITING_CONFIRMATION') return;
    const wait = await links.untilOverOrExpired({
      awaiting: () => status === 'AWAITING_CONFIRMATION' && !busy,
      settled: () => !busy,
      reminded: () => record('ARRIVAL.REMINDED', null),
    });
    if (wait === 'EXPIRED') await end('EXPIRED', { actorId: null });
  }

  async function cancel(request: CancelArrivalRequest): Promise<void> {
    await end('CANCELLED', request);
  }

  async function end(outcome: 'EXPIRED' | 'CANCELLED', { actorId, reason, cause }: CancelArrivalRequest): Promise<void> {
    busy = true;
    try {
      await endArrival({ arrivalId, step: `step-${++steps}`, outcome, actorId, reason: reason ?? null, ...(cause ? { cause } : {}), snapshot: snapshot() });
      setStatus(outcome);
    } finally {
      busy = false;
    }
  }

  /**
   * Cancelled from supervision: once the step in flight is over, a pending
   * arrival ends CANCELLED (its account removed, its links with it); one
   * already confirmed stays so, and a candidate's candidacy still starts.
   */
  async function closeCancelled(): Promise<void> {
    await condition(() => !busy);
    if (isPending()) await cancel({ actorId: null });
    else if (status === 'COMPLETED' && input.candidacyTerms && candidacyWorkflowId === null) await startCandidacy();
    await announceOutcome();
    await mails.settled();
  }

  /** Completed or expired: the company's active administrators are told, once (the step answers the same mails if it ran already). */
  async function announceOutcome(): Promise<void> {
    if (announced || (status !== 'COMPLETED' && status !== 'EXPIRED') || !patched(OUTCOME_MAILS)) return;
    mails.deliver(await mailArrivalOutcome({ arrivalId, step: 'outcome-mails', outcome: status }));
    announced = true;
  }

  /** An administrator candidate: his candidacy runs on its own (it outlives this arrival, and a cancellation of it), e-mail already proved. */
  async function startCandidacy(): Promise<void> {
    const { candidacyId, workflowId } = await openArrivalCandidacy(arrivalId);
    candidacyWorkflowId = workflowId;
    const candidacy: CandidacyInput = { candidacyId, accountId, terms: input.candidacyTerms!, emailConfirmedAt: confirmedAt! };
    const siren = workflowInfo().typedSearchAttributes.get(CompanySiren);
    await startChild(CANDIDACY_WORKFLOW_TYPE, {
      workflowId,
      args: [candidacy],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [...(siren ? [{ key: CompanySiren, value: siren }] : []), { key: SubjectAccount, value: accountId }],
    });
  }

  async function record(action: string, actorId: string | null): Promise<void> {
    await recordArrivalState({ arrivalId, step: `step-${++steps}`, action, actorId, snapshot: snapshot() });
  }

  function setStatus(next: ArrivalStatus): void {
    status = next;
    publishState();
  }

  function isPending(): boolean {
    return status === 'SCHEDULED' || status === 'AWAITING_CONFIRMATION';
  }

  function refuseWhenBusyOrOver(): void {
    if (busy) throw fail(ArrivalFailure.IN_PROGRESS, 'Une modification de cette arrivée est en cours : réessayez.');
    if (!isPending()) throw fail(ArrivalFailure.NOT_PENDING, 'Cette arrivée est close.');
  }

  function expiresAt(): number | null {
    return links.expiresAt();
  }

  /** When the current wait ends by itself: the start date, the reminder, or the expiry. */
  function dueDate(): number | null {
    if (status === 'SCHEDULED') return startsAt;
    return status === 'AWAITING_CONFIRMATION' ? links.dueAt() : null;
  }

  function publishState(): void {
    const due = dueDate();
    upsertSearchAttributes(
      businessStateAttributes({ phase: status, awaitedRole: status === 'AWAITING_CONFIRMATION' ? 'ACCOUNT_HOLDER' : null, dueDate: due === null ? null : new Date(due) }),
    );
  }

  function snapshot(): ArrivalSnapshot {
    const expiry = expiresAt();
    return { status, startDate, invitedAt: invitedAt === null ? null : iso(invitedAt), expiresAt: expiry === null ? null : iso(expiry) };
  }

  function state(): ArrivalState {
    const s = snapshot();
    const link = links.current();
    return {
      status,
      startDate,
      startsAt: iso(startsAt),
      invitedAt: s.invitedAt,
      reminderSent: links.reminderSent(),
      tokenExpiresAt: link && status === 'AWAITING_CONFIRMATION' ? iso(link.expiresAt) : null,
      expiresAt: s.expiresAt,
      confirmedAt,
      rights: input.rights,
      candidacyWorkflowId,
      awaiting: status === 'AWAITING_CONFIRMATION' && !busy ? 'ACCOUNT_HOLDER' : null,
    };
  }
}

/** An activity's business refusal reaches the update's caller as itself. */
function unwrap(err: unknown): unknown {
  return err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : err;
}

const iso = (ms: number) => new Date(ms).toISOString();
