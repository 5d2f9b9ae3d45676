import {
  ApplicationFailure,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { createDepartureActivities, DepartureTransition } from '../../activities/collaborators/departure.activities';
import type { ArrivalOutcome, DepartureStatus } from '../../domain/collaborators/collaborators.status';
import {
  ARRIVAL_WORKFLOW_TYPE,
  arrivalWorkflowId,
  cancelArrivalSignal,
  type ArrivalInput,
  type ArrivalResult,
} from '../collaborator-arrival/collaborator-arrival.messages';
import { DATABASE_STEP } from '../confirmation/activity-options';
import { businessStateAttributes, CompanySiren, SubjectAccount } from '../search-attributes';
import {
  DepartureFailure,
  cancelDepartureUpdate,
  departureStatusQuery,
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

const { recordDepartureState } = proxyActivities<Activities>(DATABASE_STEP);

/**
 * The radiation itself: one transaction over all of the leaver's rights
 * (thousands for a payroll firm's declarant). It heartbeats between its
 * statements, so a worker that dies mid-way is noticed within seconds and
 * the step runs again elsewhere (the transaction rolled back with it).
 */
const { applyDeparture } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '15 seconds',
  retry: { maximumInterval: '1 minute' },
});

const fail = (type: string, message: string) => ApplicationFailure.create({ type, message });

/**
 * A collaborator's departure: nothing happens before the effective date
 * (durable timer, movable, cancellable); at the date his rights go to the
 * target or are revoked, his account is radiated and his sessions end, in
 * one step. A transfer to a new collaborator runs his arrival as a child
 * and waits for it; an inactive target, or a last administrator whose
 * successor is not validated yet, makes the departure wait — support sees
 * why, and can send the rights elsewhere (retarget) until it is applied.
 */
export async function collaboratorDepartureWorkflow(input: DepartureInput): Promise<DepartureResult> {
  const { departureId, rights, durations } = input;
  let status = 'SCHEDULED' as DepartureStatus;
  let effectiveDate = input.effectiveDate;
  let effectiveAt = Date.parse(input.effectiveAt);
  let waitingReason: string | null = null;
  let transferred: number | null = null;
  let revoked: number | null = null;
  let cancelled = false;
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
  publishState();

  setHandler(departureStatusQuery, state);

  setHandler(
    cancelDepartureUpdate,
    async ({ actorId, reason }) => {
      cancelled = true;
      await condition(() => !busy);
      await change('CANCELLED', 'DEPARTURE.CANCELLED', actorId, reason ? { reason } : undefined);
      if (newcomer && awaitsNewcomer && arrivalOutcome === null) {
        await getExternalWorkflowHandle(arrivalWorkflowId(newcomer.arrivalId)).signal(cancelArrivalSignal, { actorId, reason: 'Départ annulé' });
      }
      return state();
    },
    {
      validator: (_request: CancelDepartureRequest) => {
        if (cancelled || applying || status === 'COMPLETED') throw fail(DepartureFailure.NOT_PENDING, 'Ce départ est déjà appliqué ou annulé.');
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
        await getExternalWorkflowHandle(arrivalWorkflowId(abandoned.arrivalId)).signal(cancelArrivalSignal, { actorId, reason: 'Droits du départ réattribués' });
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
  await untilEffectiveDate();
  while (!cancelled && status !== 'COMPLETED') await applyOrWait();
  if (arrival) await arrival;
  await condition(allHandlersFinished);
  return { outcome: cancelled ? 'CANCELLED' : 'COMPLETED' };

  /** Nothing happens before the date; a new date restarts the wait. */
  async function untilEffectiveDate(): Promise<void> {
    for (;;) {
      const seen = effectiveAt;
      if (!cancelled && Date.now() < effectiveAt) await condition(() => cancelled || effectiveAt !== seen, effectiveAt - Date.now());
      await condition(() => !busy);
      if (cancelled || Date.now() >= effectiveAt) return;
    }
  }

  /** One attempt at the date: apply, or wait for what is missing (the new collaborator, an active target, a successor). */
  async function applyOrWait(): Promise<void> {
    if (awaitsNewcomer && arrivalOutcome === null) {
      await waitFor('En attente de l’arrivée du nouveau collaborateur : le transfert suivra la confirmation de son adresse e-mail.', () => arrivalOutcome !== null);
      return;
    }
    if (awaitsNewcomer && arrivalOutcome !== 'COMPLETED') {
      await waitFor('L’arrivée du nouveau collaborateur n’a pas abouti : attribuez ses droits à un autre collaborateur, révoquez-les ou annulez ce départ.', () => false);
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
      waitingReason = null;
      status = 'COMPLETED';
      publishState();
      return;
    }
    await waitFor(outcome.reason, () => false, durations.recheckEveryMs);
  }

  /** Shows why the departure waits (once per reason), then waits for `ready`, a cancellation, a new target, or the next check. */
  async function waitFor(reason: string, ready: () => boolean, recheckMs?: number): Promise<void> {
    if (status !== 'WAITING_FOR_TARGET' || waitingReason !== reason) {
      waitingReason = reason;
      await change('WAITING_FOR_TARGET', 'DEPARTURE.WAITING_FOR_TARGET', null, { reason });
    }
    const seen = retargets;
    const woken = () => cancelled || ready() || retargets !== seen;
    if (recheckMs === undefined) await condition(woken);
    else await condition(woken, recheckMs);
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

  async function change(
    next: DepartureStatus,
    action: string,
    actorId: string | null,
    details?: Record<string, unknown>,
    target?: DepartureTransition['target'],
  ): Promise<void> {
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
    } finally {
      busy = false;
    }
  }

  function publishState(): void {
    upsertSearchAttributes(
      businessStateAttributes({
        phase: status,
        awaitedRole: status === 'WAITING_FOR_TARGET' ? 'SUPPORT' : null,
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
      awaiting: status === 'WAITING_FOR_TARGET' ? 'SUPPORT' : null,
    };
  }
}
