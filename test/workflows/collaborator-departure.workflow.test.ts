import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { ArrivalTransition, CompleteArrivalRequest, EndArrivalRequest } from '../../activities/collaborators/arrival.activities';
import type { ApplyDepartureRequest, ApplyOutcome, DepartureTransition, RadiationOutcome } from '../../activities/collaborators/departure.activities';
import { ARRIVAL_DEFAULTS, DEPARTURE_DEFAULTS } from '../../domain/collaborators/collaborators.defaults';
import type { DepartureWaitingReason } from '../../domain/collaborators/collaborators.status';
import { confirmArrivalUpdate, type ArrivalInput } from '../../workflows/collaborator-arrival/collaborator-arrival.messages';
import {
  DepartureFailure,
  cancelDepartureUpdate,
  departureStatusQuery,
  departureWorkflowId,
  recheckDepartureSignal,
  rescheduleDepartureUpdate,
  retargetDepartureUpdate,
  type DepartureInput,
  type DepartureRights,
  type RetargetDepartureRequest,
} from '../../workflows/collaborator-departure/collaborator-departure.messages';
import { AwaitedRole } from '../../workflows/search-attributes';
import { waitFor } from '../helpers/eventually';
import { createTimeSkippingEnv, workflowBundle } from '../helpers/time-skipping';
import { endWorkflowTest } from '../helpers/workflow-histories';
import { cancelledFromSupervision, fakeLinkActivities, gate, held, linkMailed, serverNow, updateFailureType } from '../helpers/workflow-updates';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

const APPLIED: ApplyOutcome = { applied: true, transferred: 3, revoked: 0 };

/** The target is not active: the leaver is radiated all the same, his rights held. */
const INACTIVE: DepartureWaitingReason = { code: 'TARGET_INACTIVE', params: { firstName: 'Paul', lastName: 'DURAND', status: 'PENDING' } };
const NOT_READY: ApplyOutcome = { applied: false, reason: INACTIVE, radiated: true };

/** The last-administrator guard: nothing changes, the leaver stays active. */
const NO_SUCCESSOR_YET: DepartureWaitingReason = { code: 'SUCCESSOR_NOT_VALIDATED', params: { firstName: 'Anne', lastName: 'LEROY' } };

/** `applyDeparture` answers `outcomes` in turn, then `then` for ever. */
function fakeActivities(outcomes: ApplyOutcome[] = [], then: ApplyOutcome = APPLIED) {
  return {
    ...fakeLinkActivities(),
    recordDepartureState: jest.fn(async (_t: DepartureTransition) => undefined),
    applyDeparture: jest.fn(async (_req: ApplyDepartureRequest) => outcomes.shift() ?? then),
    radiateLeaver: jest.fn(async (_req: { departureId: string }): Promise<RadiationOutcome> => ({ radiated: true })),
    recordArrivalState: jest.fn(async (_t: ArrivalTransition) => undefined),
    completeArrival: jest.fn(async (_req: CompleteArrivalRequest) => new Date(serverNow()).toISOString()),
    endArrival: jest.fn(async (_req: EndArrivalRequest) => undefined),
    mailArrivalOutcome: jest.fn(async (_req: { step: string; arrivalId: string; outcome: 'COMPLETED' | 'EXPIRED' }) => [] as string[]),
    mailDepartureApplied: jest.fn(async (req: { step: string; departureId: string }) => [`${req.step}/admin-1`]),
  };
}

type Acts = ReturnType<typeof fakeActivities>;

async function withDeparture(
  effectiveInDays: number,
  rights: DepartureRights,
  body: (ctx: { handle: WorkflowHandle; acts: Acts }) => Promise<void>,
  acts = fakeActivities(),
) {
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: acts });
  await worker.runUntil(async () => {
    const effectiveAt = new Date((await env.currentTimeMs()) + effectiveInDays * DAY).toISOString();
    const input: DepartureInput = {
      departureId: 'departure-1',
      accountId: 'leaver-1',
      effectiveDate: effectiveAt.slice(0, 10),
      effectiveAt,
      rights,
      durations: { ...DEPARTURE_DEFAULTS },
    };
    const handle = await env.client.workflow.start('collaboratorDepartureWorkflow', { taskQueue, workflowId: departureWorkflowId(randomUUID()), args: [input] });
    try {
      await body({ handle, acts });
    } finally {
      await endWorkflowTest(handle);
    }
  });
}

const status = (handle: WorkflowHandle) => handle.query(departureStatusQuery);
const cancel = (handle: WorkflowHandle) => held(env, () => handle.executeUpdate(cancelDepartureUpdate, { args: [{ actorId: 'admin-1' }] }));
const retarget = (handle: WorkflowHandle, rights: RetargetDepartureRequest['rights']) =>
  held(env, () => handle.executeUpdate(retargetDepartureUpdate, { args: [{ actorId: 'admin-1', rights }] }));
const TRANSFER: DepartureRights = { mode: 'TRANSFER', toAccountId: 'target-1' };

function newcomer(): ArrivalInput {
  return {
    arrivalId: randomUUID(),
    accountId: 'newcomer-1',
    startDate: '2026-01-01',
    startsAt: new Date(0).toISOString(),
    rights: [],
    durations: { ...ARRIVAL_DEFAULTS },
    candidacyTerms: null,
  };
}

describe('collaboratorDepartureWorkflow', () => {
  it('transfers nothing before a future effective date, then applies once at the date', async () => {
    await withDeparture(10, TRANSFER, async ({ handle, acts }) => {
      expect(await status(handle)).toMatchObject({ status: 'SCHEDULED', rightsMode: 'TRANSFER', toAccountId: 'target-1', awaiting: null });
      await env.sleep(10 * DAY - HOUR);
      expect(acts.applyDeparture).not.toHaveBeenCalled();
      expect((await status(handle)).status).toBe('SCHEDULED');
      expect(await handle.result()).toEqual({ outcome: 'COMPLETED' });
      expect(acts.applyDeparture).toHaveBeenCalledTimes(1);
      expect(acts.applyDeparture).toHaveBeenCalledWith({ departureId: 'departure-1', toAccountId: 'target-1' });
      // Applied: the company's administrators (and the successor) are told, once, through the outbox.
      expect(acts.mailDepartureApplied.mock.calls).toEqual([[{ departureId: 'departure-1', step: 'applied-mails' }]]);
      expect(acts.deliverMail).toHaveBeenCalledWith('applied-mails/admin-1');
    });
  });

  it('cancelled before the date: nothing is applied, ever', async () => {
    await withDeparture(10, TRANSFER, async ({ handle, acts }) => {
      const answer = await held(env, () => handle.executeUpdate(cancelDepartureUpdate, { args: [{ actorId: 'admin-1', reason: 'Reste finalement' }] }));
      expect(answer.status).toBe('CANCELLED');
      expect(await handle.result()).toEqual({ outcome: 'CANCELLED' });
      expect(acts.recordDepartureState).toHaveBeenCalledWith(expect.objectContaining({ action: 'DEPARTURE.CANCELLED', status: 'CANCELLED', actorId: 'admin-1' }));
      await env.sleep(20 * DAY);
      expect(acts.applyDeparture).not.toHaveBeenCalled();
      expect(acts.mailDepartureApplied).not.toHaveBeenCalled();
    });
  });

  it('re-dated while scheduled; refused once the date is reached', async () => {
    await withDeparture(
      10,
      TRANSFER,
      async ({ handle, acts }) => {
        const effectiveAt = new Date((await env.currentTimeMs()) + 2 * DAY).toISOString();
        const answer = await held(env, () => handle.executeUpdate(rescheduleDepartureUpdate, { args: [{ actorId: 'admin-1', effectiveDate: effectiveAt.slice(0, 10), effectiveAt }] }));
        expect(answer).toMatchObject({ status: 'SCHEDULED', effectiveAt });
        await env.sleep(2 * DAY + HOUR);
        await waitFor(async () => (await status(handle)).status === 'WAITING_FOR_TARGET');
        expect(acts.applyDeparture).toHaveBeenCalled();
        const late = held(env, () => handle.executeUpdate(rescheduleDepartureUpdate, { args: [{ actorId: 'admin-1', effectiveDate: effectiveAt.slice(0, 10), effectiveAt }] }));
        expect(await updateFailureType(late)).toBe(DepartureFailure.ALREADY_STARTED);
      },
      fakeActivities([], NOT_READY),
    );
  });

  it('an inactive target: waits past the date, shows why to the company’s administrators, applies once he is active', async () => {
    await withDeparture(
      0,
      TRANSFER,
      async ({ handle, acts }) => {
        await waitFor(async () => (await status(handle)).status === 'WAITING_FOR_TARGET');
        expect(await status(handle)).toMatchObject({ waitingReason: INACTIVE, awaiting: 'ADMINISTRATOR', leaverRadiated: true });
        // A task in « Mes tâches » of the company's administrators, who can send the rights elsewhere.
        expect((await handle.describe()).typedSearchAttributes.get(AwaitedRole)).toBe('ADMINISTRATOR');
        expect(acts.recordDepartureState).toHaveBeenCalledWith(
          expect.objectContaining({ status: 'WAITING_FOR_TARGET', waitingReason: INACTIVE, details: { reason: INACTIVE } }),
        );
        expect(await updateFailureType(cancel(handle))).toBe(DepartureFailure.ALREADY_STARTED);
        expect(await handle.result()).toEqual({ outcome: 'COMPLETED' });
        expect(acts.applyDeparture).toHaveBeenCalledTimes(2);
      },
      fakeActivities([NOT_READY]),
    );
  });

  it('a waiting reason a step answered before codes (a French sentence) is kept readable, as LEGACY_TEXT, and shown once', async () => {
    const sentence = 'Le destinataire des droits (Paul DURAND) n’est pas actif (statut PENDING) : le transfert attend qu’il le soit.';
    const legacy = { applied: false, reason: sentence, radiated: true } as unknown as ApplyOutcome;
    await withDeparture(
      0,
      TRANSFER,
      async ({ handle, acts }) => {
        await waitFor(async () => acts.applyDeparture.mock.calls.length === 1);
        await env.sleep(DEPARTURE_DEFAULTS.recheckEveryMs + 60_000);
        await waitFor(async () => acts.applyDeparture.mock.calls.length === 2);
        expect(await status(handle)).toMatchObject({ status: 'WAITING_FOR_TARGET', waitingReason: { code: 'LEGACY_TEXT', params: { text: sentence } } });
        expect(acts.recordDepartureState.mock.calls.filter(([t]) => t.status === 'WAITING_FOR_TARGET')).toHaveLength(1);
      },
      fakeActivities([legacy, legacy, legacy]),
    );
  });

  it('support’s « check again now »: a departure waiting for an inactive target tries again at once, not at the next hourly check', async () => {
    await withDeparture(
      0,
      TRANSFER,
      async ({ handle, acts }) => {
        await waitFor(async () => (await status(handle)).status === 'WAITING_FOR_TARGET');
        const waitingSince = await env.currentTimeMs();
        await handle.signal(recheckDepartureSignal);
        await waitFor(async () => (await status(handle)).status === 'COMPLETED');
        expect(acts.applyDeparture).toHaveBeenCalledTimes(2);
        expect((await env.currentTimeMs()) - waitingSince).toBeLessThan(HOUR);
      },
      fakeActivities([NOT_READY]),
    );
  });

  it('transfer to a new collaborator: at the date the leaver is radiated, his rights held until the newcomer (his arrival a child) confirms', async () => {
    const arrival = newcomer();
    await withDeparture(0, { mode: 'TRANSFER_NEW', arrival }, async ({ handle, acts }) => {
      await waitFor(async () => (await status(handle)).status === 'WAITING_FOR_TARGET');
      expect(await status(handle)).toMatchObject({
        toAccountId: 'newcomer-1',
        arrivalWorkflowId: `arrival-${arrival.arrivalId}`,
        awaiting: 'ADMINISTRATOR',
        leaverRadiated: true,
        waitingReason: { code: 'NEWCOMER_NOT_CONFIRMED', params: {} },
      });
      expect(acts.radiateLeaver).toHaveBeenCalledWith({ departureId: 'departure-1' });
      expect(await updateFailureType(cancel(handle))).toBe(DepartureFailure.ALREADY_STARTED);
      await env.sleep(2 * DAY);
      expect(acts.applyDeparture).not.toHaveBeenCalled();
      const child = env.client.workflow.getHandle(`arrival-${arrival.arrivalId}`);
      await linkMailed(acts, 1);
      expect(acts.issueConfirmationToken).toHaveBeenCalledWith(expect.objectContaining({ accountId: 'newcomer-1', purpose: 'ARRIVAL' }));
      await held(env, () => child.executeUpdate(confirmArrivalUpdate, { args: [{ tokenId: acts.linkId(1) }] }));
      expect(await handle.result()).toEqual({ outcome: 'COMPLETED' });
      expect(acts.applyDeparture).toHaveBeenCalledWith({ departureId: 'departure-1', toAccountId: 'newcomer-1' });
      expect(acts.radiateLeaver).toHaveBeenCalledTimes(1);
    });
  });

  it('a last administrator whose successor is not validated yet stays active past the date: the departure waits, and can still be cancelled', async () => {
    await withDeparture(
      0,
      TRANSFER,
      async ({ handle, acts }) => {
        await waitFor(async () => (await status(handle)).status === 'WAITING_FOR_TARGET');
        expect(await status(handle)).toMatchObject({ waitingReason: NO_SUCCESSOR_YET, leaverRadiated: false });
        expect((await cancel(handle)).status).toBe('CANCELLED');
        expect(await handle.result()).toEqual({ outcome: 'CANCELLED' });
        expect(acts.recordDepartureState).toHaveBeenLastCalledWith(expect.objectContaining({ action: 'DEPARTURE.CANCELLED', actorId: 'admin-1' }));
      },
      fakeActivities([], { applied: false, reason: NO_SUCCESSOR_YET }),
    );
  });

  it('cancelling a transfer to a new collaborator cancels his pending arrival too', async () => {
    const arrival = newcomer();
    await withDeparture(5, { mode: 'TRANSFER_NEW', arrival }, async ({ handle, acts }) => {
      const child = env.client.workflow.getHandle(`arrival-${arrival.arrivalId}`);
      await linkMailed(acts, 1);
      await held(env, () => handle.executeUpdate(cancelDepartureUpdate, { args: [{ actorId: 'admin-1' }] }));
      expect(await handle.result()).toEqual({ outcome: 'CANCELLED' });
      expect(await child.result()).toEqual({ outcome: 'CANCELLED', accountId: 'newcomer-1' });
      expect(acts.endArrival).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'CANCELLED', actorId: 'admin-1', cause: 'DEPARTURE_CANCELLED' }));
      expect(acts.applyDeparture).not.toHaveBeenCalled();
    });
  });

  it('a new collaborator who never confirms: the departure says so and waits; its rights sent to an existing collaborator, it applies to him', async () => {
    const arrival = newcomer();
    await withDeparture(0, { mode: 'TRANSFER_NEW', arrival }, async ({ handle, acts }) => {
      const child = env.client.workflow.getHandle(`arrival-${arrival.arrivalId}`);
      await linkMailed(acts, 1);
      expect(await child.result()).toEqual({ outcome: 'EXPIRED', accountId: 'newcomer-1' });
      await waitFor(async () => (await status(handle)).waitingReason?.code === 'NEWCOMER_NOT_ARRIVED');
      expect((await status(handle)).waitingReason).toEqual({ code: 'NEWCOMER_NOT_ARRIVED', params: { outcome: 'EXPIRED' } });
      await env.sleep(10 * DAY);
      expect(acts.applyDeparture).not.toHaveBeenCalled();
      expect(acts.radiateLeaver).toHaveBeenCalledTimes(1);

      const answer = await retarget(handle, TRANSFER);
      expect(answer).toMatchObject({ rightsMode: 'TRANSFER', toAccountId: 'target-1' });
      expect(await handle.result()).toEqual({ outcome: 'COMPLETED' });
      expect(acts.applyDeparture).toHaveBeenCalledTimes(1);
      expect(acts.applyDeparture).toHaveBeenCalledWith({ departureId: 'departure-1', toAccountId: 'target-1' });
      expect(acts.recordDepartureState).toHaveBeenCalledWith(
        expect.objectContaining({ action: 'DEPARTURE.RETARGETED', actorId: 'admin-1', target: { rightsMode: 'TRANSFER', toAccountId: 'target-1' } }),
      );
    });
  });

  it('its rights revoked instead while scheduled: the new collaborator’s pending arrival is cancelled, and the date revokes them', async () => {
    const arrival = newcomer();
    await withDeparture(5, { mode: 'TRANSFER_NEW', arrival }, async ({ handle, acts }) => {
      const child = env.client.workflow.getHandle(`arrival-${arrival.arrivalId}`);
      await linkMailed(acts, 1);
      expect(await retarget(handle, { mode: 'REVOKE' })).toMatchObject({ status: 'SCHEDULED', rightsMode: 'REVOKE', toAccountId: null });
      expect(await child.result()).toEqual({ outcome: 'CANCELLED', accountId: 'newcomer-1' });
      expect(acts.endArrival).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'CANCELLED', cause: 'DEPARTURE_RETARGETED' }));
      expect(await handle.result()).toEqual({ outcome: 'COMPLETED' });
      expect(acts.applyDeparture).toHaveBeenCalledTimes(1);
      expect(acts.applyDeparture).toHaveBeenCalledWith({ departureId: 'departure-1', toAccountId: null });
    });
  });

  it('cancelled after its rights were sent elsewhere: the new collaborator’s arrival, already told, is not signalled again', async () => {
    const arrival = newcomer();
    const closing = gate();
    const acts = fakeActivities();
    // The arrival stays open (its closing step held) until the departure is cancelled: a second signal would reach it.
    acts.endArrival.mockImplementation(() => closing.passed.then(() => undefined));
    await withDeparture(
      5,
      { mode: 'TRANSFER_NEW', arrival },
      async ({ handle }) => {
        await linkMailed(acts, 1);
        await retarget(handle, { mode: 'TRANSFER', toAccountId: 'target-1' });
        await waitFor(async () => acts.endArrival.mock.calls.length === 1);
        const answer = await held(env, () => handle.executeUpdate(cancelDepartureUpdate, { args: [{ actorId: 'admin-1' }] }));
        expect(answer.status).toBe('CANCELLED');
        closing.open();
        const child = env.client.workflow.getHandle(`arrival-${arrival.arrivalId}`);
        expect(await child.result()).toEqual({ outcome: 'CANCELLED', accountId: 'newcomer-1' });
        const signals = (await child.fetchHistory()).events!.filter((e) => e.workflowExecutionSignaledEventAttributes);
        expect(signals).toHaveLength(1);
        expect(await handle.result()).toEqual({ outcome: 'CANCELLED' });
        expect(acts.applyDeparture).not.toHaveBeenCalled();
      },
      acts,
    );
  });

  it('refuses sending the rights where they already go; another target is taken until the date', async () => {
    await withDeparture(5, TRANSFER, async ({ handle, acts }) => {
      expect(await updateFailureType(retarget(handle, TRANSFER))).toBe(DepartureFailure.SAME_TARGET);
      expect(await retarget(handle, { mode: 'TRANSFER', toAccountId: 'target-2' })).toMatchObject({ toAccountId: 'target-2' });
      expect(await handle.result()).toEqual({ outcome: 'COMPLETED' });
      expect(acts.applyDeparture).toHaveBeenCalledWith({ departureId: 'departure-1', toAccountId: 'target-2' });
    });
  });

  it('cancelled from supervision before the date: recorded CANCELLED by the system, nothing applied, the leaver left active', async () => {
    await withDeparture(10, TRANSFER, async ({ handle, acts }) => {
      await cancelledFromSupervision(handle);
      expect(acts.recordDepartureState).toHaveBeenCalledWith(expect.objectContaining({ action: 'DEPARTURE.CANCELLED', status: 'CANCELLED', actorId: null, details: { leaverRadiated: false } }));
      expect(acts.applyDeparture).not.toHaveBeenCalled();
      expect(acts.radiateLeaver).not.toHaveBeenCalled();
    });
  });

  it('cancelled from supervision while it holds the rights for a new collaborator: it closes as cancelled, his arrival with it', async () => {
    const arrival = newcomer();
    await withDeparture(0, { mode: 'TRANSFER_NEW', arrival }, async ({ handle, acts }) => {
      await waitFor(async () => (await status(handle)).status === 'WAITING_FOR_TARGET');
      await linkMailed(acts, 1);
      await cancelledFromSupervision(handle);
      expect(acts.recordDepartureState).toHaveBeenLastCalledWith(expect.objectContaining({ action: 'DEPARTURE.CANCELLED', actorId: null, details: { leaverRadiated: true } }));
      expect((await env.client.workflow.getHandle(`arrival-${arrival.arrivalId}`).describe()).status.name).toBe('CANCELLED');
      expect(acts.endArrival).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'CANCELLED', actorId: null }));
      expect(acts.applyDeparture).not.toHaveBeenCalled();
    });
  });

  it('cancelled from supervision while its rights move: the step finishes, and the departure stays applied', async () => {
    const moving = gate();
    const acts = fakeActivities();
    acts.applyDeparture.mockImplementation(() => moving.passed.then(() => APPLIED));
    await withDeparture(
      0,
      TRANSFER,
      async ({ handle }) => {
        await waitFor(async () => acts.applyDeparture.mock.calls.length === 1);
        await cancelledFromSupervision(handle, async () => {
          await waitFor(async () => (await handle.fetchHistory()).events!.some((e) => e.activityTaskCancelRequestedEventAttributes));
          moving.open();
        });
        expect(acts.recordDepartureState).not.toHaveBeenCalledWith(expect.objectContaining({ action: 'DEPARTURE.CANCELLED' }));
      },
      acts,
    );
  });
});
