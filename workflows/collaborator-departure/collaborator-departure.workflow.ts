import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createCollaboratorNoticeActivities } from '../../activities/collaborators/collaborator-notices.activities';
import type { createDepartureActivities, DepartureTransition } from '../../activities/collaborators/departure.activities';
import {
  sameWaitingReason,
  waitingReasonOf,
  type ArrivalOutcome,
  type DepartureStatus,
  type DepartureWaitingReason,
} from '../../domain/collaborators/collaborators.status';
import {
  ARRIVAL_WORKFLOW_TYPE,
  arrivalWorkflowId,
  cancelArrivalSignal,
  type ArrivalInput,
  type ArrivalResult,
} from '../collaborator-arrival/collaborator-arrival.messages';
import { DATABASE_STEP } from '../confirmation/activity-options';
import { businessStateAttributes, CompanySiren, SubjectAccount } from '../search-attributes';
import { mailDeliveries } from '../shared/mail-deliveries';
import { timerFor } from '../shared/timer-purpose';
import { closedOnCancellation } from '../shared/on-cancellation';
import {
  DepartureFailure,
  cancelDepartureUpdate,
  departureStatusQuery,
  recheckDepartureSignal,
  rescheduleDepartureUpdate,
  retargetDepartureUpdate,
  type CancelDepartureRequest,
  type DepartureInput,
  type DepartureResult,
  type DepartureState,
  type RescheduleDepartureRequest,
  type RetargetDepartureRequest,
} from './collaborator-departure.messages';

type Activities = ReturnType<typeof createDepartureActivities>;

const { recordDepartureState, radiateLeaver } = proxyActivities<Activities>(DATABASE_STEP);
const { mailDepartureApplied } = proxyActivities<ReturnType<typeof createCollaboratorNoticeActivities>>(DATABASE_STEP);

/**
 * The radiation itself: one transaction over all of the leaver's rights
 * (thousands for a payroll firm's declarant). It heartbeats between its
 * statements, so a worker that dies mid-way is noticed within seconds and
 * the step runs again elsewhere (the transaction rolled back with it).
 */
const { applyDeparture } = proxyActivities<Activities>({
  ...DATABASE_STEP,
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '15 seconds',
});

const fail = (type: string, message: string) => ApplicationFailure.create({ type, message });

/** Since 2026-12-02 the leaver is radiated at the date even while his rights wait for a new collaborator (older runs waited first). */
const RADIATION_AT_DATE = 'departure-radiation-at-date';

/** Since 2026-12-03 the company's administrators (and the leaver's successor) are told by mail once a departure applies (older runs told nobody). */
const APPLIED_MAILS = 'departure-applied-mails';

/**
 * A collaborator's departure: nothing happens before the effective date
 * (durable timer, movable, cancellable); at the date his account is
 * radiated and his sessions end, and his rights go to the target or are
 * revoked — in one step when the target is ready. A transfer to a new
 * collaborator runs his arrival as a child; while he has not confirmed, or
 * while the target is inactive, the departure holds the rights (on the
 * radiated account) and waits — support sees why, and can send them
 * elsewhere (retarget) until they are applied. Only a last administrator
 * whose successor is not validated yet stays active past the date.
 * Cancelled from supervision, it closes as cancelled (the leaver kept
 * active before the date), its new collaborator's arrival with it.
 */
export async function collaboratorDepartureWorkflow(input: DepartureInput): Promise<DepartureResult> {
  const { departureId, rights, durations } = input;
  let status = 'SCHEDULED' as DepartureStatus;
  let effectiveDate = input.effectiveDate;
  let effectiveAt = Date.parse(input.effectiveAt);
  let waitingReason: DepartureWaitingReason | null = null;
  let transferred: number | null = null;
  let revoked: number | null = null;
  let cancelled = false;
  /** The leaver's account is closed (at the date): the departure can no longer be cancelled, only its rights sent elsewhere. */
  let radiated = false;
  /** The radiation is running: nothing may cancel or re-date it any more. */
  let applying = false;
  /** A step that changes the read model is in flight. */
  let busy = false;
  let steps = 0;
  const newcomer: ArrivalInput | null = rights.mode === 'TRANSFER_NEW' ? rights.arrival : null;
  let arrivalOutcome: ArrivalOutcome | null = null;
  /** The transfer waits for the new collaborator, until the rights are sent elsewhere. */
  let awaitsNewcomer = newcomer !== null;
  let toAccountId = rights.mode === 'TRANSFER' ? rights.toAccountId : (newcomer?.accountId ?? null);
  /** Retargets accepted so far, and those whose record is not written yet (the departure applies after them). */
  let retargets = 0;
  let retargeting = 0;
  /** Support's « check again now » requests so far. */
  let rechecks = 0;
  /** The administrators' mail about the applied departure is on its way. */
  let announced = false;
  const mails = mailDeliveries();
  publishState();

  setHandler(departureStatusQuery, state);

  setHandler(recheckDepartureSignal, () => void rechecks++);

  setHandler(
    cancelDepartureUpdate,
    async ({ actorId, reason }) => {
      cancelled = true;
      await condition(() => !busy);
      await change('CANCELLED', 'DEPARTURE.CANCELLED', actorId, reason ? { reason } : undefined);
      if (newcomer && awaitsNewcomer && arrivalOutcome === null) {
        await getExternalWorkflowHandle(arrivalWorkflowId(newcomer.arrivalId)).signal(cancelArrivalSignal, { actorId, cause: 'DEPARTURE_CANCELLED' });
      }
      return state();
    },
    {
      validator: (_request: CancelDepartureRequest) => {
        if (cancelled || applying || status === 'COMPLETED') throw fail(DepartureFailure.NOT_PENDING, 'Ce départ est déjà appliqué ou annulé.');
        if (radiated) throw fail(DepartureFailure.ALREADY_STARTED, 'La date de départ est atteinte et le compte radié : réattribuez ses droits ou révoquez-les.');
      },
    },
  );

  setHandler(
    rescheduleDepartureUpdate,
    async ({ actorId, effectiveDate: date, effectiveAt: at }) => {
      effectiveDate = date;
      effectiveAt = Date.parse(at);
      await change('SCHEDULED', 'DEPARTURE.RESCHEDULED', actorId);
      return state();
    },
    {
      validator: (_request: RescheduleDepartureRequest) => {
        if (cancelled || applying || status === 'COMPLETED') throw fail(DepartureFailure.NOT_PENDING, 'Ce départ est déjà appliqué ou annulé.');
        if (status !== 'SCHEDULED' || busy) throw fail(DepartureFailure.ALREADY_STARTED, 'La date de départ est atteinte : elle ne peut plus changer.');
      },
    },
  );

  setHandler(
    retargetDepartureUpdate,
    async ({ actorId, rights: target }) => {
      retargeting++;
      const abandoned = awaitsNewcomer && arrivalOutcome === null ? newcomer : null;
      toAccountId = target.mode === 'TRANSFER' ? target.toAccountId : null;
      awaitsNewcomer = false;
      retargets++;
      try {
        await condition(() => !busy);
        await change(status, 'DEPARTURE.RETARGETED', actorId, undefined, { rightsMode: target.mode, toAccountId });
      } finally {
        retargeting--;
      }
      if (abandoned) {
        await getExternalWorkflowHandle(arrivalWorkflowId(abandoned.arrivalId)).signal(cancelArrivalSignal, { actorId, cause: 'DEPARTURE_RETARGETED' });
      }
      return state();
    },
    {
      validator: ({ rights: target }: RetargetDepartureRequest) => {
        if (cancelled || applying || status === 'COMPLETED') throw fail(DepartureFailure.NOT_PENDING, 'Ce départ est déjà appliqué ou annulé.');
        if (target.mode === 'TRANSFER' && target.toAccountId === toAccountId && !awaitsNewcomer) {
          throw fail(DepartureFailure.SAME_TARGET, 'Les droits vont déjà à ce collaborateur.');
        }
      },
    },
  );

  const arrival = newcomer ? startArrival(newcomer) : null;
  return closedOnCancellation(async () => {
    await untilEffectiveDate();
    while (!cancelled && status !== 'COMPLETED') await applyOrWait();
    await announceApplied();
    if (arrival) await arrival;
    await mails.settled();
    await condition(allHandlersFinished);
    return { outcome: cancelled ? 'CANCELLED' : 'COMPLETED' };
  }, closeCancelled);

  /** Nothing happens before the date; a new date restarts the wait. */
  async function untilEffectiveDate(): Promise<void> {
    for (;;) {
      const seen = effectiveAt;
      if (!cancelled && Date.now() < effectiveAt) await condition(() => cancelled || effectiveAt !== seen, effectiveAt - Date.now(), timerFor('EFFECTIVE_DATE'));
      await condition(() => !busy);
      if (cancelled || Date.now() >= effectiveAt) return;
    }
  }

  /**
   * One attempt at the date: radiate and apply, or radiate and hold the
   * rights while their receiver is missing (the new collaborator, an active
   * target), or wait for a successor.
   */
  async function applyOrWait(): Promise<void> {
    if (awaitsNewcomer && arrivalOutcome !== 'COMPLETED') {
      if (!radiated && patched(RADIATION_AT_DATE) && !(await radiate())) return;
      if (arrivalOutcome === null) {
        await waitFor({ code: 'NEWCOMER_NOT_CONFIRMED', params: {} }, () => arrivalOutcome !== null);
      } else {
        await waitFor({ code: 'NEWCOMER_NOT_ARRIVED', params: { outcome: arrivalOutcome } }, () => false);
      }
      return;
    }
    if (busy || retargeting > 0) {
      await condition(() => !busy && retargeting === 0);
      return;
    }
    applying = true;
    const outcome = await applyDeparture({ departureId, toAccountId }).finally(() => (applying = false));
    if (outcome.applied) {
      ({ transferred, revoked } = outcome);
      radiated = true;
      waitingReason = null;
      status = 'COMPLETED';
      publishState();
      return;
    }
    radiated ||= outcome.radiated === true;
    await waitFor(waitingReasonOf(outcome.reason), () => false, durations.recheckEveryMs);
  }

  /** The leaver's account closes while his rights wait; false (after waiting) while the last-administrator guard holds him. */
  async function radiate(): Promise<boolean> {
    applying = true;
    const outcome = await radiateLeaver({ departureId }).finally(() => (applying = false));
    if (outcome.radiated) return (radiated = true);
    await waitFor(waitingReasonOf(outcome.reason), () => false, durations.recheckEveryMs);
    return false;
  }

  /**
   * Cancelled from supervision: once the step in flight is over, a pending
   * departure is recorded CANCELLED (its leaver stays as he is: active
   * before the date, radiated after it); the new collaborator's pending
   * arrival, cancelled with it, closes itself.
   */
  async function closeCancelled(): Promise<void> {
    await condition(() => !busy && !applying && retargeting === 0);
    if (status === 'SCHEDULED' || status === 'WAITING_FOR_TARGET') {
      cancelled = true;
      await change('CANCELLED', 'DEPARTURE.CANCELLED', null, { leaverRadiated: radiated });
    }
    await announceApplied();
    if (arrival) await arrival;
    await mails.settled();
  }

  /** Applied: the company's active administrators and the leaver's successor are told, once (the step answers the same mails if it ran already). */
  async function announceApplied(): Promise<void> {
    if (announced || status !== 'COMPLETED' || !patched(APPLIED_MAILS)) return;
    mails.deliver(await mailDepartureApplied({ departureId, step: 'applied-mails' }));
    announced = true;
  }

  /** Shows why the departure waits (once per reason), then waits for `ready`, a cancellation, a new target, support's recheck, or the next check. */
  async function waitFor(reason: DepartureWaitingReason, ready: () => boolean, recheckMs?: number): Promise<void> {
    if (status !== 'WAITING_FOR_TARGET' || !sameWaitingReason(waitingReason, reason)) {
      waitingReason = reason;
      await change('WAITING_FOR_TARGET', 'DEPARTURE.WAITING_FOR_TARGET', null, { reason });
    }
    const seen = { retargets, rechecks };
    const woken = () => cancelled || ready() || retargets !== seen.retargets || rechecks !== seen.rechecks;
    if (recheckMs === undefined) await condition(woken);
    else await condition(woken, recheckMs, timerFor('TARGET_RECHECK'));
    await condition(() => !busy);
  }

  /**
   * The new collaborator's arrival, as a child that outlives a cancelled
   * departure; resolves with its outcome (one that could not start or was
   * terminated counts as cancelled: the departure then waits for support).
   */
  async function startArrival(arrivalInput: ArrivalInput): Promise<void> {
    const siren = workflowInfo().typedSearchAttributes.get(CompanySiren);
    try {
      const child = await startChild(ARRIVAL_WORKFLOW_TYPE, {
        workflowId: arrivalWorkflowId(arrivalInput.arrivalId),
        args: [arrivalInput],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        typedSearchAttributes: [...(siren ? [{ key: CompanySiren, value: siren }] : []), { key: SubjectAccount, value: arrivalInput.accountId }],
      });
      arrivalOutcome = ((await child.result()) as ArrivalResult).outcome;
    } catch {
      arrivalOutcome = 'CANCELLED';
    }
  }

  /** Records a transition; one that did not reach the read model (refused by a cancellation of the process) is undone. */
  async function change(
    next: DepartureStatus,
    action: string,
    actorId: string | null,
    details?: Record<string, unknown>,
    target?: DepartureTransition['target'],
  ): Promise<void> {
    const previous = status;
    busy = true;
    status = next;
    publishState();
    try {
      await recordDepartureState({
        departureId,
        step: `step-${++steps}`,
        action,
        actorId,
        status: next,
        effectiveDate,
        waitingReason: next === 'WAITING_FOR_TARGET' ? waitingReason : null,
        details,
        target,
      });
    } catch (err) {
      status = previous;
      throw err;
    } finally {
      busy = false;
    }
  }

  function publishState(): void {
    upsertSearchAttributes(
      businessStateAttributes({
        phase: status,
        awaitedRole: status === 'WAITING_FOR_TARGET' ? 'ADMINISTRATOR' : null,
        dueDate: status === 'SCHEDULED' ? new Date(effectiveAt) : null,
      }),
    );
  }

  function state(): DepartureState {
    return {
      status,
      effectiveDate,
      effectiveAt: new Date(effectiveAt).toISOString(),
      rightsMode: awaitsNewcomer ? 'TRANSFER_NEW' : toAccountId ? 'TRANSFER' : 'REVOKE',
      toAccountId,
      arrivalWorkflowId: newcomer ? arrivalWorkflowId(newcomer.arrivalId) : null,
      waitingReason: status === 'WAITING_FOR_TARGET' ? waitingReason : null,
      transferred,
      revoked,
      leaverRadiated: radiated,
      awaiting: status === 'WAITING_FOR_TARGET' ? 'ADMINISTRATOR' : null,
    };
  }
}
