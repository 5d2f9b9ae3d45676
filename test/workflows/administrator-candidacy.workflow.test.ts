import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type {
  ApprovalRequest,
  CandidacyDecision,
  CandidacyTransition,
  IssueLetterRequest,
  LetterPostedRecord,
} from '../../activities/candidacy/candidacy.activities';
import type { ActivateAccountRequest } from '../../activities/account/account.activities';
import { CANDIDACY_DEFAULTS } from '../../domain/candidacy/candidacy.defaults';
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
  type CandidacyTerms,
} from '../../workflows/administrator-candidacy/administrator-candidacy.messages';
import { waitFor } from '../helpers/eventually';
import { createTimeSkippingEnv, workflowBundle } from '../helpers/time-skipping';
import { endWorkflowTest } from '../helpers/workflow-histories';
import { cancelledFromSupervision, fakeLinkActivities, gate, held, linkMailed, serverNow, updateFailureType } from '../helpers/workflow-updates';

const DAY = 24 * 3600_000;
const TERMS: CandidacyTerms = { ...CANDIDACY_DEFAULTS };
const ADMIN = { id: 'admin-1', lastName: 'MARTIN', firstName: 'Claire' };
const CANDIDATE = 'candidate-1';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

function fakeActivities(administrators = [ADMIN]) {
  let letters = 0;
  return {
    ...fakeLinkActivities(),
    activateAccount: jest.fn(async (_req: ActivateAccountRequest) => new Date(serverNow()).toISOString()),
    recordCandidacyState: jest.fn(async (_t: CandidacyTransition) => undefined),
    requestApproval: jest.fn(async (req: ApprovalRequest) => ({ administrators, outboxIds: administrators.map((a) => `${req.step}/${a.id}`) })),
    offerLetterRoute: jest.fn(async (_t: CandidacyTransition) => ['offer-mail']),
    issueActivationLetter: jest.fn(async (req: IssueLetterRequest) => {
      letters++;
      return { letterId: `letter-${letters}`, keyHash: `hash-${letters}`, postBy: new Date(serverNow() + req.postWithinMs).toISOString() };
    }),
    recordLetterPosted: jest.fn(async (req: LetterPostedRecord) => ({
      postedAt: new Date(serverNow()).toISOString(),
      keyExpiresAt: new Date(serverNow() + req.keyValidityMs).toISOString(),
    })),
    alertSupportLetterOverdue: jest.fn(async (_req: { letterId: string; step: string }) => ['support-mail']),
    closeCandidacy: jest.fn(async (req: CandidacyDecision) => [`close-${req.outcome}`]),
  };
}

type Acts = ReturnType<typeof fakeActivities>;
type Handle = Awaited<ReturnType<typeof start>>;

function start(taskQueue: string) {
  return env.client.workflow.start('administratorCandidacyWorkflow', {
    taskQueue,
    workflowId: `candidacy-${randomUUID()}`,
    args: [{ candidacyId: 'candidacy-1', accountId: CANDIDATE, terms: TERMS }],
  });
}

/** Runs `body` against a candidacy whose candidate has confirmed his e-mail. */
async function withCandidacy(body: (ctx: { handle: Handle; acts: Acts }) => Promise<void>, acts = fakeActivities()) {
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: acts });
  await worker.runUntil(async () => {
    const handle = await start(taskQueue);
    try {
      await linkMailed(acts, 1);
      await held(env, () => handle.executeUpdate(confirmCandidateEmailUpdate, { args: [{ tokenId: acts.linkId(1) }] }));
      await waitFor(async () => (await handle.query(candidacyStatusQuery)).status !== 'AWAITING_EMAIL');
      await body({ handle, acts });
    } finally {
      await endWorkflowTest(handle);
    }
  });
}

const status = (handle: Handle) => handle.query(candidacyStatusQuery);
const decide = (handle: Handle, deciderId: string, decision: 'ACCEPT' | 'REFUSE', reason?: string) =>
  held(env, () => handle.executeUpdate(decideCandidacyUpdate, { args: [{ deciderId, decision, reason }] }));
const post = (handle: Handle, letterId: string) => held(env, () => handle.executeUpdate(letterPostedUpdate, { args: [{ letterId, actorId: 'support-1' }] }));
const typeKey = (handle: Handle, keyHash: string) => held(env, () => handle.executeUpdate(submitKeyUpdate, { args: [{ keyHash, actorId: CANDIDATE }] }));
const chooseLetter = (handle: Handle) => held(env, () => handle.executeUpdate(chooseLetterRouteUpdate, { args: [{ actorId: CANDIDATE }] }));
const unlock = (handle: Handle, reason: string) => held(env, () => handle.executeUpdate(unlockCandidacyUpdate, { args: [{ actorId: 'support-1', reason }] }));
const recorded = (acts: Acts, action: string) => acts.recordCandidacyState.mock.calls.map(([t]) => t).filter((t) => t.action === action);
const outcomes = (acts: Acts) => acts.closeCandidacy.mock.calls.map(([req]) => req.outcome);
const approvals = (acts: Acts) => acts.requestApproval.mock.calls.map(([req]) => req.reminder);

async function waitFailure(promise: Promise<unknown>): Promise<{ type?: string; attemptsLeft?: number }> {
  try {
    await promise;
  } catch (err) {
    const cause = (err as { cause?: { type?: string; details?: unknown[] } }).cause;
    return { type: cause?.type, attemptsLeft: (cause?.details?.[0] as { attemptsLeft?: number } | undefined)?.attemptsLeft };
  }
  throw new Error('the update was accepted');
}

describe('administratorCandidacyWorkflow', () => {
  it('accepted by an active administrator: the candidate becomes administrator at once', async () => {
    await withCandidacy(async ({ handle, acts }) => {
      expect(await status(handle)).toMatchObject({ status: 'AWAITING_APPROVAL', route: 'APPROVAL', awaiting: 'ADMINISTRATOR', administratorsAsked: [ADMIN] });
      expect(acts.issueConfirmationToken).toHaveBeenCalledWith(expect.objectContaining({ accountId: CANDIDATE, purpose: 'CANDIDACY' }));
      expect(acts.deliverMail).toHaveBeenCalledWith('approval-1/admin-1');
      const answer = await decide(handle, ADMIN.id, 'ACCEPT');
      expect(answer.status).toBe('APPROVED');
      expect(await handle.result()).toEqual({ outcome: 'APPROVED' });
      expect(acts.closeCandidacy).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'APPROVED', deciderId: ADMIN.id }));
      expect(acts.deliverMail).toHaveBeenCalledWith('close-APPROVED');
    });
  });

  it('refused with a reason: the candidate is told', async () => {
    await withCandidacy(async ({ handle, acts }) => {
      await decide(handle, ADMIN.id, 'REFUSE', 'Inconnu du service');
      expect(await handle.result()).toEqual({ outcome: 'REFUSED' });
      expect(acts.closeCandidacy).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'REFUSED', deciderId: ADMIN.id, reason: 'Inconnu du service' }));
      expect(acts.deliverMail).toHaveBeenCalledWith('close-REFUSED');
    });
  });

  it('rejects a non-administrator, the candidate himself and a second decision in the validator; the workflow goes on', async () => {
    const closing = gate();
    const gated = fakeActivities();
    // The first decision's closing waits for the second decision, so the workflow is still open to receive it.
    gated.closeCandidacy.mockImplementation(async (req: CandidacyDecision) => closing.passed.then(() => [`close-${req.outcome}`]));
    await withCandidacy(async ({ handle, acts }) => {
      expect(await updateFailureType(decide(handle, 'declarant-9', 'ACCEPT'))).toBe(CandidacyFailure.NOT_AN_ACTIVE_ADMINISTRATOR);
      expect(await updateFailureType(decide(handle, CANDIDATE, 'ACCEPT'))).toBe(CandidacyFailure.SELF_DECISION);
      expect(await updateFailureType(decide(handle, ADMIN.id, 'REFUSE', '  '))).toBe(CandidacyFailure.REASON_REQUIRED);
      expect(acts.closeCandidacy).not.toHaveBeenCalled();
      expect((await status(handle)).status).toBe('AWAITING_APPROVAL');
      const first = decide(handle, ADMIN.id, 'ACCEPT');
      await waitFor(async () => acts.closeCandidacy.mock.calls.length === 1);
      expect(await updateFailureType(decide(handle, ADMIN.id, 'REFUSE', 'non'))).toBe(CandidacyFailure.ALREADY_DECIDED);
      closing.open();
      expect((await first).status).toBe('APPROVED');
      expect(await handle.result()).toEqual({ outcome: 'APPROVED' });
    }, gated);
  });

  it('support resends the administrators’ mail: a new request to the same people, audited with who asked; nothing to resend on the letter route', async () => {
    await withCandidacy(async ({ handle, acts }) => {
      const resend = () => held(env, () => handle.executeUpdate(resendCandidacyMailUpdate, { args: [{ actorId: 'support-1' }] }));
      expect(await resend()).toMatchObject({ status: 'AWAITING_APPROVAL', administratorsAsked: [ADMIN] });
      expect(approvals(acts)).toEqual([false, false]);
      expect(acts.deliverMail).toHaveBeenCalledWith('approval-2/admin-1');
      expect(acts.recordCandidacyState).toHaveBeenLastCalledWith(
        expect.objectContaining({ action: 'CANDIDACY.MAIL_RESENT', actorId: 'support-1', details: { phase: 'AWAITING_APPROVAL' } }),
      );
      await env.sleep(14 * DAY + 3600_000);
      await waitFor(async () => (await status(handle)).letterRouteOffered);
      await chooseLetter(handle);
      expect(await updateFailureType(resend())).toBe(CandidacyFailure.NOTHING_TO_RESEND);
    });
  });

  it('reminds the administrators at day 7, exactly once', async () => {
    await withCandidacy(async ({ handle, acts }) => {
      await env.sleep(7 * DAY - 3600_000);
      expect(approvals(acts)).toEqual([false]);
      await env.sleep(2 * 3600_000);
      await waitFor(async () => (await status(handle)).reminderSent);
      await env.sleep(6 * DAY);
      expect(approvals(acts)).toEqual([false, true]);
      expect((await status(handle)).letterRouteOffered).toBe(false);
    });
  });

  it('offers the letter route at day 14 without an answer; the candidate switches to it', async () => {
    await withCandidacy(async ({ handle, acts }) => {
      expect(await updateFailureType(chooseLetter(handle))).toBe(CandidacyFailure.LETTER_ROUTE_NOT_OFFERED);
      await env.sleep(14 * DAY + 3600_000);
      await waitFor(async () => (await status(handle)).letterRouteOffered);
      expect(acts.offerLetterRoute).toHaveBeenCalledTimes(1);
      expect(acts.deliverMail).toHaveBeenCalledWith('offer-mail');
      const answer = await chooseLetter(handle);
      expect(answer).toMatchObject({ status: 'AWAITING_LETTER', route: 'LETTER', awaiting: 'SUPPORT', lettersSent: 1 });
      expect(recorded(acts, 'CANDIDACY.LETTER_ROUTE_CHOSEN')).toEqual([expect.objectContaining({ actorId: CANDIDATE })]);
      expect(acts.issueActivationLetter).toHaveBeenCalledWith(expect.objectContaining({ sequence: 1 }));
    });
  });

  it('expires at day 30 without an answer', async () => {
    await withCandidacy(async ({ handle, acts }) => {
      expect(await handle.result()).toEqual({ outcome: 'EXPIRED' });
      expect(outcomes(acts)).toEqual(['EXPIRED']);
      const { startTime, closeTime } = await handle.describe();
      expect(closeTime!.getTime() - startTime.getTime()).toBeGreaterThanOrEqual(30 * DAY);
      expect(closeTime!.getTime() - startTime.getTime()).toBeLessThan(31 * DAY);
      expect(approvals(acts)).toEqual([false, true]);
    });
  });

  it('letter route (forced: no active administrator), posted, right key: approved', async () => {
    await withCandidacy(async ({ handle, acts }) => {
      expect(await status(handle)).toMatchObject({ status: 'AWAITING_LETTER', route: 'LETTER', letterRouteOffered: true });
      expect(await updateFailureType(typeKey(handle, 'hash-1'))).toBe(CandidacyFailure.NOT_AWAITING_KEY);
      const posted = await post(handle, 'letter-1');
      expect(posted).toMatchObject({ status: 'AWAITING_KEY', awaiting: 'CANDIDATE' });
      expect(acts.recordLetterPosted).toHaveBeenCalledWith({ letterId: 'letter-1', actorId: 'support-1', keyValidityMs: TERMS.keyValidityMs });
      expect((await typeKey(handle, 'hash-1')).status).toBe('APPROVED');
      expect(await handle.result()).toEqual({ outcome: 'APPROVED' });
      expect(outcomes(acts)).toEqual(['APPROVED']);
      expect(acts.closeCandidacy.mock.calls[0][0]).toMatchObject({ actorId: CANDIDATE });
      expect(acts.closeCandidacy.mock.calls[0][0]).not.toHaveProperty('deciderId');
    }, fakeActivities([]));
  });

  it('5 wrong keys lock the candidacy, recorded as typed by the candidate; locked, it waits for support, who unlocks it with a reason: 5 attempts again', async () => {
    await withCandidacy(async ({ handle, acts }) => {
      await post(handle, 'letter-1');
      expect(await updateFailureType(unlock(handle, 'appel du candidat'))).toBe(CandidacyFailure.NOT_LOCKED);
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await waitFailure(typeKey(handle, `wrong-${i}`)));
      expect(answers).toEqual([4, 3, 2, 1, 0].map((attemptsLeft) => ({ type: CandidacyFailure.WRONG_KEY, attemptsLeft })));
      expect(recorded(acts, 'CANDIDACY.WRONG_KEY').map((t) => [t.actorId, t.details])).toEqual([4, 3, 2, 1].map((attemptsLeft) => [CANDIDATE, { attemptsLeft }]));
      expect(recorded(acts, 'CANDIDACY.LOCKED')).toEqual([expect.objectContaining({ actorId: CANDIDATE, snapshot: expect.objectContaining({ status: 'LOCKED', attemptsLeft: 0 }) })]);
      expect(acts.closeCandidacy).not.toHaveBeenCalled();
      const locked = await status(handle);
      expect(locked).toMatchObject({ status: 'LOCKED', awaiting: 'SUPPORT', attemptsLeft: 0, dueDate: locked.letter!.keyExpiresAt });
      expect((await waitFailure(typeKey(handle, 'hash-1'))).type).toBe(CandidacyFailure.LOCKED);
      expect(await updateFailureType(unlock(handle, '  '))).toBe(CandidacyFailure.REASON_REQUIRED);

      expect(await unlock(handle, 'identité vérifiée par téléphone')).toMatchObject({ status: 'AWAITING_KEY', awaiting: 'CANDIDATE', attemptsLeft: 5 });
      expect(recorded(acts, 'CANDIDACY.UNLOCKED')).toEqual([
        expect.objectContaining({ actorId: 'support-1', details: { reason: 'identité vérifiée par téléphone' }, snapshot: expect.objectContaining({ status: 'AWAITING_KEY', attemptsLeft: 5 }) }),
      ]);
      expect(await waitFailure(typeKey(handle, 'wrong-5'))).toEqual({ type: CandidacyFailure.WRONG_KEY, attemptsLeft: 4 });
      expect((await typeKey(handle, 'hash-1')).status).toBe('APPROVED');
      expect(await handle.result()).toEqual({ outcome: 'APPROVED' });
      expect(acts.closeCandidacy.mock.calls.map(([req]) => [req.outcome, req.actorId])).toEqual([['APPROVED', CANDIDATE]]);
    }, fakeActivities([]));
  });

  it('a locked candidacy nobody unlocks expires with its key', async () => {
    await withCandidacy(async ({ handle, acts }) => {
      const posted = await post(handle, 'letter-1');
      for (let i = 0; i < 5; i++) await waitFailure(typeKey(handle, `wrong-${i}`));
      expect(await handle.result()).toEqual({ outcome: 'EXPIRED' });
      expect(outcomes(acts)).toEqual(['EXPIRED']);
      const { closeTime } = await handle.describe();
      expect(closeTime!.getTime()).toBeGreaterThanOrEqual(Date.parse(posted.letter!.keyExpiresAt!));
    }, fakeActivities([]));
  });

  it('locked, its own cancel closes it: CANCELLED as typed by the candidate (the activity closes his account), the candidate told', async () => {
    await withCandidacy(async ({ handle, acts }) => {
      await post(handle, 'letter-1');
      for (let i = 0; i < 5; i++) await waitFailure(typeKey(handle, `wrong-${i}`));
      expect(await status(handle)).toMatchObject({ status: 'LOCKED', awaiting: 'SUPPORT' });
      const cancelled = await held(env, () => handle.executeUpdate(cancelCandidacyUpdate, { args: [{ actorId: CANDIDATE, reason: 'je renonce' }] }));
      expect(cancelled).toMatchObject({ status: 'CANCELLED', awaiting: null, dueDate: null });
      expect(await handle.result()).toEqual({ outcome: 'CANCELLED' });
      expect(acts.closeCandidacy.mock.calls.map(([req]) => [req.outcome, req.actorId, req.reason, req.snapshot.status])).toEqual([['CANCELLED', CANDIDATE, 'je renonce', 'CANCELLED']]);
      expect(acts.deliverMail).toHaveBeenCalledWith('close-CANCELLED');
    }, fakeActivities([]));
  });

  it('a new letter voids the old key (at most 3 letters)', async () => {
    await withCandidacy(async ({ handle, acts }) => {
      await post(handle, 'letter-1');
      const again = await held(env, () => handle.executeUpdate(requestNewLetterUpdate, { args: [{ actorId: CANDIDATE }] }));
      expect(again).toMatchObject({ status: 'AWAITING_LETTER', lettersSent: 2 });
      expect(await updateFailureType(post(handle, 'letter-1'))).toBe(CandidacyFailure.LETTER_NOT_CURRENT);
      await post(handle, 'letter-2');
      expect((await waitFailure(typeKey(handle, 'hash-1'))).type).toBe(CandidacyFailure.WRONG_KEY);
      await held(env, () => handle.executeUpdate(requestNewLetterUpdate, { args: [{ actorId: CANDIDATE }] }));
      expect(await updateFailureType(held(env, () => handle.executeUpdate(requestNewLetterUpdate, { args: [{ actorId: CANDIDATE }] })))).toBe(
        CandidacyFailure.TOO_MANY_LETTERS,
      );
      await post(handle, 'letter-3');
      expect((await typeKey(handle, 'hash-3')).status).toBe('APPROVED');
      expect(await handle.result()).toEqual({ outcome: 'APPROVED' });
      expect(acts.issueActivationLetter).toHaveBeenCalledTimes(3);
    }, fakeActivities([]));
  });

  it('the key expires 60 days after the posting', async () => {
    await withCandidacy(async ({ handle, acts }) => {
      await env.sleep(5 * DAY);
      const posted = await post(handle, 'letter-1');
      const postedAt = Date.parse(posted.letter!.postedAt!);
      expect(Date.parse(posted.letter!.keyExpiresAt!) - postedAt).toBe(60 * DAY);
      expect(await handle.result()).toEqual({ outcome: 'EXPIRED' });
      expect(outcomes(acts)).toEqual(['EXPIRED']);
      const { closeTime } = await handle.describe();
      expect(closeTime!.getTime() - postedAt).toBeGreaterThanOrEqual(60 * DAY);
      expect(closeTime!.getTime() - postedAt).toBeLessThan(61 * DAY);
    }, fakeActivities([]));
  });

  it('a letter never posted alerts support once at day 14, and the letter still waits', async () => {
    await withCandidacy(async ({ handle, acts }) => {
      await env.sleep(14 * DAY - 3600_000);
      expect(acts.alertSupportLetterOverdue).not.toHaveBeenCalled();
      await env.sleep(2 * 3600_000);
      await waitFor(async () => (await status(handle)).letter?.supportAlerted === true);
      await env.sleep(30 * DAY);
      expect(acts.alertSupportLetterOverdue).toHaveBeenCalledTimes(1);
      expect(acts.deliverMail).toHaveBeenCalledWith('support-mail');
      expect(await status(handle)).toMatchObject({ status: 'AWAITING_LETTER', awaiting: 'SUPPORT' });
      const cancelled = await held(env, () => handle.executeUpdate(cancelCandidacyUpdate, { args: [{ actorId: 'support-1', reason: 'adresse fausse' }] }));
      expect(cancelled.status).toBe('CANCELLED');
      expect(await handle.result()).toEqual({ outcome: 'CANCELLED' });
    }, fakeActivities([]));
  });

  it('cancelled from supervision: closes CANCELLED by the system, as by its own cancel (the activity closes the account), the candidate told', async () => {
    await withCandidacy(async ({ handle, acts }) => {
      await cancelledFromSupervision(handle);
      expect(acts.closeCandidacy).toHaveBeenCalledTimes(1);
      expect(acts.closeCandidacy).toHaveBeenCalledWith(expect.objectContaining({ outcome: 'CANCELLED', snapshot: expect.objectContaining({ status: 'CANCELLED', dueDate: null }) }));
      expect(acts.closeCandidacy.mock.calls[0][0]).not.toHaveProperty('actorId');
      expect(acts.deliverMail).toHaveBeenCalledWith('close-CANCELLED');
    });
  });
});
