import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { ArrivalTransition, CompleteArrivalRequest, EndArrivalRequest } from '../../activities/collaborators/arrival.activities';
import type { ApprovalRequest, CandidacyTransition } from '../../activities/candidacy/candidacy.activities';
import { CANDIDACY_DEFAULTS } from '../../domain/candidacy/candidacy.defaults';
import { ARRIVAL_DEFAULTS } from '../../domain/collaborators/collaborators.defaults';
import type { NamedRightCell } from '../../domain/collaborators/collaborators.status';
import { candidacyStatusQuery } from '../../workflows/administrator-candidacy/administrator-candidacy.messages';
import {
  ArrivalFailure,
  arrivalStatusQuery,
  arrivalWorkflowId,
  cancelArrivalUpdate,
  confirmArrivalUpdate,
  rescheduleArrivalUpdate,
  type ArrivalInput,
} from '../../workflows/collaborator-arrival/collaborator-arrival.messages';
import { RegistrationFailure } from '../../workflows/registration/registration.messages';
import { waitFor } from '../helpers/eventually';
import { createTimeSkippingEnv, workflowBundle } from '../helpers/time-skipping';
import { endWorkflowTest } from '../helpers/workflow-histories';
import { cancelledFromSupervision, confirmingAtOnce, fakeLinkActivities, gate, held, linkMailed, serverNow, updateFailureType } from '../helpers/workflow-updates';

const DAY = 24 * 3600_000;
const RIGHTS: NamedRightCell[] = [
  { portfolioId: 'p-1', portfolioName: 'Entreprise', siret: '84271640900011', serviceCode: 'MCF', canDeclare: true, canPay: false, canConsult: true },
  { portfolioId: 'p-1', portfolioName: 'Entreprise', siret: '84271640900029', serviceCode: 'PEPS', canDeclare: false, canPay: true, canConsult: true },
];

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

function fakeActivities() {
  return {
    ...fakeLinkActivities(),
    recordArrivalState: jest.fn(async (_t: ArrivalTransition) => undefined),
    completeArrival: jest.fn(async (_req: CompleteArrivalRequest) => new Date(serverNow()).toISOString()),
    endArrival: jest.fn(async (_req: EndArrivalRequest) => undefined),
    mailArrivalOutcome: jest.fn(async (req: { step: string; arrivalId: string; outcome: 'COMPLETED' | 'EXPIRED' }) => [`${req.outcome}/admin-1`]),
    openArrivalCandidacy: jest.fn(async (_arrivalId: string) => ({ candidacyId: 'candidacy-9', workflowId: `candidacy-${randomUUID()}` })),
    recordCandidacyState: jest.fn(async (_t: CandidacyTransition) => undefined),
    requestApproval: jest.fn(async (_req: ApprovalRequest) => ({ administrators: [{ id: 'admin-1', lastName: 'MARTIN', firstName: 'Claire' }], outboxIds: [] })),
  };
}

type Acts = ReturnType<typeof fakeActivities>;

async function withArrival(startInDays: number, body: (ctx: { handle: Awaited<ReturnType<typeof start>>; acts: Acts }) => Promise<void>, patch: Partial<ArrivalInput> = {}) {
  const acts = fakeActivities();
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: acts });
  await worker.runUntil(async () => {
    const handle = await start(taskQueue, startInDays, patch);
    try {
      await body({ handle, acts });
    } finally {
      await endWorkflowTest(handle);
    }
  });
}

async function start(taskQueue: string, startInDays: number, patch: Partial<ArrivalInput>) {
  const startsAt = new Date((await env.currentTimeMs()) + startInDays * DAY).toISOString();
  const input: ArrivalInput = {
    arrivalId: 'arrival-1',
    accountId: 'account-new',
    startDate: startsAt.slice(0, 10),
    startsAt,
    rights: RIGHTS,
    durations: { ...ARRIVAL_DEFAULTS },
    candidacyTerms: null,
    ...patch,
  };
  return env.client.workflow.start('collaboratorArrivalWorkflow', { taskQueue, workflowId: arrivalWorkflowId(randomUUID()), args: [input] });
}

const status = (handle: WorkflowHandle) => handle.query(arrivalStatusQuery);

describe('collaboratorArrivalWorkflow', () => {
  it('sends nothing before a future start date, then invites on the date', async () => {
    await withArrival(5, async ({ handle, acts }) => {
      expect(await status(handle)).toMatchObject({ status: 'SCHEDULED', invitedAt: null, rights: RIGHTS, awaiting: null });
      await env.sleep(5 * DAY - 3600_000);
      expect(acts.issueConfirmationToken).not.toHaveBeenCalled();
      expect(acts.deliverMail).not.toHaveBeenCalled();
      expect((await status(handle)).status).toBe('SCHEDULED');
      await env.sleep(2 * 3600_000);
      await waitFor(async () => acts.deliverMail.mock.calls.length === 1);
      expect(acts.issueConfirmationToken).toHaveBeenCalledWith(expect.objectContaining({ accountId: 'account-new', purpose: 'ARRIVAL', reminder: false }));
      expect(await status(handle)).toMatchObject({ status: 'AWAITING_CONFIRMATION', awaiting: 'ACCOUNT_HOLDER' });
      expect(acts.recordArrivalState).toHaveBeenCalledWith(expect.objectContaining({ action: 'ARRIVAL.INVITED', snapshot: expect.objectContaining({ status: 'AWAITING_CONFIRMATION' }) }));
    });
  });

  it('confirmed with the current link: completes in one step with exactly the planned rights', async () => {
    await withArrival(0, async ({ handle, acts }) => {
      await linkMailed(acts, 1);
      expect(await updateFailureType(held(env, () => handle.executeUpdate(confirmArrivalUpdate, { args: [{ tokenId: 'token-0' }] })))).toBe(RegistrationFailure.TOKEN_NOT_CURRENT);
      const answer = await held(env, () => handle.executeUpdate(confirmArrivalUpdate, { args: [{ tokenId: acts.linkId(1) }] }));
      expect(answer.confirmedAt).toEqual(expect.any(String));
      expect(await handle.result()).toEqual({ outcome: 'COMPLETED', accountId: 'account-new' });
      expect(acts.completeArrival).toHaveBeenCalledTimes(1);
      expect(acts.completeArrival).toHaveBeenCalledWith(expect.objectContaining({ arrivalId: 'arrival-1', tokenId: acts.linkId(1) }));
      expect(acts.endArrival).not.toHaveBeenCalled();
      // The company's administrators are told, once, through the outbox.
      expect(acts.mailArrivalOutcome.mock.calls).toEqual([[{ arrivalId: 'arrival-1', step: 'outcome-mails', outcome: 'COMPLETED' }]]);
      expect(acts.deliverMail).toHaveBeenCalledWith('COMPLETED/admin-1');
      expect(acts.openArrivalCandidacy).not.toHaveBeenCalled();
    });
  });

  it('confirmed the instant its invitation is queued: the link is already the current one', async () => {
    await withArrival(1, async ({ handle, acts }) => {
      const { answer } = confirmingAtOnce(acts, 1, (tokenId) => held(env, () => handle.executeUpdate(confirmArrivalUpdate, { args: [{ tokenId }] })));
      await env.sleep(DAY + 3600_000);
      expect((await answer).confirmedAt).toEqual(expect.any(String));
      expect(await handle.result()).toEqual({ outcome: 'COMPLETED', accountId: 'account-new' });
      expect(acts.completeArrival).toHaveBeenCalledWith(expect.objectContaining({ tokenId: acts.linkId(1) }));
      expect(acts.endArrival).not.toHaveBeenCalled();
    });
  });

  it('reminds at day 3 and expires at day 30: the account is removed, nothing granted', async () => {
    await withArrival(0, async ({ handle, acts }) => {
      await linkMailed(acts, 1);
      await env.sleep(3 * DAY + 3600_000);
      await linkMailed(acts, 2);
      expect(acts.issueConfirmationToken.mock.calls[1][0]).toMatchObject({ reminder: true });
      expect((await status(handle)).reminderSent).toBe(true);
      expect(await handle.result()).toEqual({ outcome: 'EXPIRED', accountId: 'account-new' });
      expect(acts.endArrival).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'EXPIRED' }));
      expect(acts.completeArrival).not.toHaveBeenCalled();
      expect(acts.mailArrivalOutcome.mock.calls).toEqual([[{ arrivalId: 'arrival-1', step: 'outcome-mails', outcome: 'EXPIRED' }]]);
      expect(acts.deliverMail).toHaveBeenCalledWith('EXPIRED/admin-1');
    });
  });

  it('cancelled before the start date: nothing is sent, the account is removed', async () => {
    await withArrival(10, async ({ handle, acts }) => {
      const answer = await held(env, () => handle.executeUpdate(cancelArrivalUpdate, { args: [{ actorId: 'admin-1', reason: 'Embauche annulée' }] }));
      expect(answer.status).toBe('CANCELLED');
      expect(await handle.result()).toEqual({ outcome: 'CANCELLED', accountId: 'account-new' });
      expect(acts.endArrival).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'CANCELLED', actorId: 'admin-1', reason: 'Embauche annulée' }));
      expect(acts.issueConfirmationToken).not.toHaveBeenCalled();
      expect(acts.deliverMail).not.toHaveBeenCalled();
    });
  });

  it('re-dated while scheduled (the wait follows the new date); refused once the invitation left', async () => {
    await withArrival(10, async ({ handle, acts }) => {
      const startsAt = new Date((await env.currentTimeMs()) + 2 * DAY).toISOString();
      const answer = await held(env, () => handle.executeUpdate(rescheduleArrivalUpdate, { args: [{ actorId: 'admin-1', startDate: startsAt.slice(0, 10), startsAt }] }));
      expect(answer).toMatchObject({ status: 'SCHEDULED', startsAt });
      expect(acts.recordArrivalState).toHaveBeenCalledWith(expect.objectContaining({ action: 'ARRIVAL.RESCHEDULED', actorId: 'admin-1' }));
      await env.sleep(2 * DAY + 3600_000);
      await linkMailed(acts, 1);
      const again = held(env, () => handle.executeUpdate(rescheduleArrivalUpdate, { args: [{ actorId: 'admin-1', startDate: startsAt.slice(0, 10), startsAt }] }));
      expect(await updateFailureType(again)).toBe(ArrivalFailure.ALREADY_STARTED);
    });
  });

  it('an administrator candidate: after the confirmation his candidacy runs, its e-mail step skipped', async () => {
    await withArrival(
      0,
      async ({ handle, acts }) => {
        await linkMailed(acts, 1);
        await held(env, () => handle.executeUpdate(confirmArrivalUpdate, { args: [{ tokenId: acts.linkId(1) }] }));
        expect((await handle.result()).outcome).toBe('COMPLETED');
        const { candidacyWorkflowId } = await status(handle);
        expect(candidacyWorkflowId).toEqual(expect.stringMatching(/^candidacy-/));
        const candidacy = env.client.workflow.getHandle(candidacyWorkflowId!);
        await waitFor(async () => (await candidacy.query(candidacyStatusQuery)).status === 'AWAITING_APPROVAL');
        expect((await candidacy.query(candidacyStatusQuery)).emailConfirmedAt).toEqual(expect.any(String));
        expect(acts.issueConfirmationToken).toHaveBeenCalledTimes(1);
        expect(acts.requestApproval).toHaveBeenCalledWith(expect.objectContaining({ candidacyId: 'candidacy-9', reminder: false }));
        await candidacy.terminate('test over');
      },
      { candidacyTerms: { ...CANDIDACY_DEFAULTS } },
    );
  });

  it('cancelled from supervision while awaiting the confirmation: ends CANCELLED by the system, its account removed', async () => {
    await withArrival(0, async ({ handle, acts }) => {
      await linkMailed(acts, 1);
      await cancelledFromSupervision(handle);
      expect(acts.endArrival).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'CANCELLED', actorId: null, snapshot: expect.objectContaining({ status: 'AWAITING_CONFIRMATION' }) }));
      expect(acts.completeArrival).not.toHaveBeenCalled();
    });
  });

  it('cancelled from supervision before the start date: nothing is sent, the account is removed', async () => {
    await withArrival(10, async ({ handle, acts }) => {
      await cancelledFromSupervision(handle);
      expect(acts.endArrival).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'CANCELLED', actorId: null }));
      expect(acts.issueConfirmationToken).not.toHaveBeenCalled();
    });
  });

  it('cancelled from supervision while the confirmation is being recorded: it completes, nothing is undone, a candidate’s candidacy still starts', async () => {
    const recording = gate();
    await withArrival(
      0,
      async ({ handle, acts }) => {
        acts.completeArrival.mockImplementation(() => recording.passed.then(() => new Date(serverNow()).toISOString()));
        await linkMailed(acts, 1);
        const confirmed = held(env, () => handle.executeUpdate(confirmArrivalUpdate, { args: [{ tokenId: acts.linkId(1) }] }));
        await waitFor(async () => acts.completeArrival.mock.calls.length === 1);
        await cancelledFromSupervision(handle, async () => {
          await waitFor(async () => (await handle.fetchHistory()).events!.some((e) => e.activityTaskCancelRequestedEventAttributes));
          recording.open();
          expect((await confirmed).confirmedAt).toEqual(expect.any(String));
        });
        expect(acts.endArrival).not.toHaveBeenCalled();
        const { candidacyWorkflowId } = await status(handle);
        const candidacy = env.client.workflow.getHandle(candidacyWorkflowId!);
        await waitFor(async () => (await candidacy.query(candidacyStatusQuery)).status === 'AWAITING_APPROVAL');
        await candidacy.terminate('test over');
      },
      { candidacyTerms: { ...CANDIDACY_DEFAULTS } },
    );
  });
});
