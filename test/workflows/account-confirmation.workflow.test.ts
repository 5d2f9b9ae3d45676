import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { ActivateAccountRequest } from '../../activities/account/account.activities';
import {
  AccountConfirmationFailure,
  accountConfirmationStatusQuery,
  changeEmailUpdate,
  confirmAccountUpdate,
  resendAccountConfirmationUpdate,
  withdrawEmailChangeUpdate,
  type AccountConfirmationDurations,
} from '../../workflows/account-confirmation/account-confirmation.messages';
import { waitFor } from '../helpers/eventually';
import { createTimeSkippingEnv, workflowBundle } from '../helpers/time-skipping';
import { endWorkflowTest } from '../helpers/workflow-histories';
import { cancelledFromSupervision, confirmingAtOnce, fakeLinkActivities, held, linkMailed, updateFailureType } from '../helpers/workflow-updates';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const DURATIONS: AccountConfirmationDurations = { tokenTtlMs: 72 * HOUR, reminderAfterMs: 48 * HOUR, expireAfterMs: 30 * DAY };

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

function fakeActivities(accountRemoved = true) {
  return {
    ...fakeLinkActivities(),
    activateAccount: jest.fn(async (_req: ActivateAccountRequest) => '2026-11-26T12:00:00.000Z'),
    expireAccountConfirmation: jest.fn(async (_accountId: string) => accountRemoved),
    cancelAccountConfirmation: jest.fn(async (_accountId: string) => accountRemoved),
  };
}

type Handle = Awaited<ReturnType<typeof start>>;

/** Runs `body` against a started confirmation with a worker on fake activities. */
async function withConfirmation(
  body: (ctx: { handle: Handle; acts: ReturnType<typeof fakeActivities> }) => Promise<void>,
  acts = fakeActivities(),
) {
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: acts });
  await worker.runUntil(async () => {
    const handle = await start(taskQueue);
    try {
      await linkMailed(acts, 1);
      await body({ handle, acts });
    } finally {
      await endWorkflowTest(handle);
    }
  });
}

function start(taskQueue: string) {
  return env.client.workflow.start('accountConfirmationWorkflow', {
    taskQueue,
    workflowId: `account-confirmation-${randomUUID()}`,
    args: [{ accountId: 'account-1', durations: DURATIONS }],
  });
}




const confirm = (handle: WorkflowHandle, tokenId: string) => held(env, () => handle.executeUpdate(confirmAccountUpdate, { args: [{ tokenId }] }));
const reminders = (acts: ReturnType<typeof fakeActivities>) => acts.issueConfirmationToken.mock.calls.map(([req]) => req.reminder);

describe('accountConfirmationWorkflow', () => {
  it('confirms with the current link: activates the account and completes', async () => {
    await withConfirmation(async ({ handle, acts }) => {
      expect((await confirm(handle, acts.linkId(1))).confirmedAt).toBe('2026-11-26T12:00:00.000Z');
      expect(await handle.result()).toEqual({ outcome: 'CONFIRMED' });
      expect(acts.issueConfirmationToken).toHaveBeenCalledWith(
        expect.objectContaining({ accountId: 'account-1', purpose: 'EMAIL_CONFIRMATION', ttlMs: DURATIONS.tokenTtlMs }),
      );
      expect(acts.activateAccount).toHaveBeenCalledWith({ accountId: 'account-1', tokenId: acts.linkId(1) });
      expect(acts.deliverMail).toHaveBeenCalledWith('mail-1');
      expect(acts.expireAccountConfirmation).not.toHaveBeenCalled();
    });
  });

  it('confirmed the instant its mail is queued: the link is already the current one', async () => {
    const acts = fakeActivities();
    const { answer } = confirmingAtOnce(acts, 1, (tokenId, workflowId) => confirm(env.client.workflow.getHandle(workflowId), tokenId));
    await withConfirmation(async ({ handle }) => {
      expect(await answer).toEqual({ confirmedAt: '2026-11-26T12:00:00.000Z' });
      expect(await handle.result()).toEqual({ outcome: 'CONFIRMED' });
      expect(acts.activateAccount).toHaveBeenCalledWith({ accountId: 'account-1', tokenId: acts.linkId(1) });
    }, acts);
  });

  it('refuses a wrong link and keeps waiting', async () => {
    await withConfirmation(async ({ handle, acts }) => {
      expect(await updateFailureType(confirm(handle, 'forged'))).toBe(AccountConfirmationFailure.TOKEN_NOT_CURRENT);
      expect(acts.activateAccount).not.toHaveBeenCalled();
      expect(await handle.query(accountConfirmationStatusQuery)).toMatchObject({ phase: 'AWAITING_CONFIRMATION', awaiting: 'ACCOUNT_HOLDER' });
      await confirm(handle, acts.linkId(1));
      expect(await handle.result()).toEqual({ outcome: 'CONFIRMED' });
    });
  });

  it('answers the activation’s refusal (a link voided meanwhile) and keeps waiting', async () => {
    const acts = fakeActivities();
    acts.activateAccount.mockRejectedValueOnce(ApplicationFailure.nonRetryable('voided', AccountConfirmationFailure.TOKEN_NOT_CURRENT));
    await withConfirmation(async ({ handle }) => {
      expect(await updateFailureType(confirm(handle, acts.linkId(1)))).toBe(AccountConfirmationFailure.TOKEN_NOT_CURRENT);
      expect((await handle.query(accountConfirmationStatusQuery)).phase).toBe('AWAITING_CONFIRMATION');
      await confirm(handle, acts.linkId(1));
      expect(await handle.result()).toEqual({ outcome: 'CONFIRMED' });
    }, acts);
  });

  it('resend issues a new link and voids the old one', async () => {
    await withConfirmation(async ({ handle, acts }) => {
      await held(env, () => handle.executeUpdate(resendAccountConfirmationUpdate));
      await waitFor(async () => acts.deliverMail.mock.calls.some(([id]) => id === 'mail-2'));
      expect(await updateFailureType(confirm(handle, acts.linkId(1)))).toBe(AccountConfirmationFailure.TOKEN_NOT_CURRENT);
      await confirm(handle, acts.linkId(2));
      expect(await handle.result()).toEqual({ outcome: 'CONFIRMED' });
    });
  });

  it('sends exactly one reminder, with a fresh link', async () => {
    await withConfirmation(async ({ handle, acts }) => {
      await env.sleep(DURATIONS.reminderAfterMs - HOUR);
      expect(acts.issueConfirmationToken).toHaveBeenCalledTimes(1);
      await env.sleep(2 * HOUR);
      await waitFor(async () => (await handle.query(accountConfirmationStatusQuery)).reminderSent);
      await env.sleep(DAY);
      await linkMailed(acts, 2);
      expect(reminders(acts)).toEqual([false, true]);
      await confirm(handle, acts.linkId(2));
      expect(await handle.result()).toEqual({ outcome: 'CONFIRMED' });
    });
  });

  it('removes a never-confirmed account at the expiry', async () => {
    await withConfirmation(async ({ handle, acts }) => {
      expect(await handle.result()).toEqual({ outcome: 'REMOVED' });
      expect(acts.expireAccountConfirmation).toHaveBeenCalledWith('account-1');
      expect(reminders(acts)).toEqual([false, true]);
      const { startTime, closeTime } = await handle.describe();
      expect(closeTime!.getTime() - startTime.getTime()).toBeGreaterThanOrEqual(30 * DAY);
      expect(closeTime!.getTime() - startTime.getTime()).toBeLessThan(31 * DAY);
    });
  });

  it('keeps an active account whose new address was never confirmed', async () => {
    await withConfirmation(async ({ handle }) => {
      expect(await handle.result()).toEqual({ outcome: 'EXPIRED' });
    }, fakeActivities(false));
  });

  it('changeEmail sends a new link to the corrected address, voids the old one and restarts the deadlines', async () => {
    await withConfirmation(async ({ handle, acts }) => {
      await env.sleep(10 * DAY);
      expect(reminders(acts)).toEqual([false, true]);
      const changedAt = (await handle.describe()).startTime.getTime() + 10 * DAY;
      const answer = await held(env, () => handle.executeUpdate(changeEmailUpdate));
      expect(Date.parse(answer.tokenExpiresAt)).toBeGreaterThanOrEqual(changedAt + DURATIONS.tokenTtlMs);
      expect(reminders(acts)).toEqual([false, true, false]);
      await waitFor(async () => acts.deliverMail.mock.calls.some(([id]) => id === 'mail-3'));
      const status = await handle.query(accountConfirmationStatusQuery);
      expect(status).toMatchObject({ phase: 'AWAITING_CONFIRMATION', reminderSent: false, addressChanges: 1, mailsSent: 3 });
      expect(Date.parse(status.expiresAt)).toBeGreaterThanOrEqual(changedAt + DURATIONS.expireAfterMs);
      expect(await updateFailureType(confirm(handle, acts.linkId(2)))).toBe(AccountConfirmationFailure.TOKEN_NOT_CURRENT);

      expect(await handle.result()).toEqual({ outcome: 'REMOVED' });
      expect(reminders(acts)).toEqual([false, true, false, true]);
      const { startTime, closeTime } = await handle.describe();
      expect(closeTime!.getTime() - startTime.getTime()).toBeGreaterThanOrEqual(40 * DAY);
    });
  });

  it('changeEmail links are confirmed like any other', async () => {
    await withConfirmation(async ({ handle, acts }) => {
      await held(env, () => handle.executeUpdate(changeEmailUpdate));
      await confirm(handle, acts.linkId(2));
      expect(await handle.result()).toEqual({ outcome: 'CONFIRMED' });
    });
  });

  it('withdrawEmailChange: the change of a confirmed address withdrawn, nothing is awaited and the process ends WITHDRAWN', async () => {
    await withConfirmation(async ({ handle, acts }) => {
      await held(env, () => handle.executeUpdate(changeEmailUpdate));
      await linkMailed(acts, 2);
      await held(env, () => handle.executeUpdate(withdrawEmailChangeUpdate));
      expect(await handle.result()).toEqual({ outcome: 'WITHDRAWN' });
      expect(await handle.query(accountConfirmationStatusQuery)).toMatchObject({ phase: 'CANCELLED', awaiting: null, addressChanges: 1, mailsSent: 2 });
      expect(acts.activateAccount).not.toHaveBeenCalled();
      expect(acts.expireAccountConfirmation).not.toHaveBeenCalled();
      expect(acts.cancelAccountConfirmation).not.toHaveBeenCalled();
    });
  });

  it('cancelled from supervision: the address is no longer awaited (links voided, a never-confirmed account removed by the activity)', async () => {
    await withConfirmation(async ({ handle, acts }) => {
      await cancelledFromSupervision(handle);
      expect(acts.cancelAccountConfirmation).toHaveBeenCalledWith('account-1');
      expect(acts.expireAccountConfirmation).not.toHaveBeenCalled();
      expect(acts.activateAccount).not.toHaveBeenCalled();
    });
  });
});
