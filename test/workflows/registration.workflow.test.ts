import { WorkflowUpdateStage } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import {
  confirmRegistrationUpdate,
  RegistrationFailure,
  registrationStatusQuery,
  resendConfirmationUpdate,
  type RegistrationDurations,
} from '../../workflows/registration/registration.messages';
import { waitFor } from '../helpers/eventually';
import { createTimeSkippingEnv, workflowBundle } from '../helpers/time-skipping';
import { endWorkflowTest } from '../helpers/workflow-histories';
import { cancelledFromSupervision, confirmingAtOnce, fakeLinkActivities, gate, held, linkMailed, updateFailureType } from '../helpers/workflow-updates';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const DURATIONS: RegistrationDurations = { tokenTtlMs: 72 * HOUR, reminderAfterMs: 48 * HOUR, purgeAfterMs: 30 * DAY };

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
    activateRegistration: jest.fn(async () => '2026-11-26T12:00:00.000Z'),
    purgeRegistration: jest.fn(async (_companyId: string) => undefined),
  };
}

/** Runs `body` against a started registration with a worker on fake activities. */
async function withRegistration(
  durations: RegistrationDurations,
  body: (ctx: { handle: Awaited<ReturnType<typeof start>>; acts: ReturnType<typeof fakeActivities> }) => Promise<void>,
  acts = fakeActivities(),
) {
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: workflowBundle(),
    activities: acts,
  });
  await worker.runUntil(async () => {
    const handle = await start(taskQueue, durations);
    try {
      await linkMailed(acts, 1);
      await body({ handle, acts });
    } finally {
      await endWorkflowTest(handle);
    }
  });
}

function start(taskQueue: string, durations: RegistrationDurations, workflowId = `registration-${randomUUID()}`) {
  return env.client.workflow.start('companyRegistrationWorkflow', {
    taskQueue,
    workflowId,
    args: [{ siren: '732829320', companyId: 'company-1', accountId: 'account-1', durations }],
  });
}




describe('companyRegistrationWorkflow', () => {
  it('confirms with the current token: activates the registration and completes', async () => {
    await withRegistration(DURATIONS, async ({ handle, acts }) => {
      const answer = await held(env, () => handle.executeUpdate(confirmRegistrationUpdate, { args: [{ tokenId: acts.linkId(1) }] }));
      expect(answer.confirmedAt).toBe('2026-11-26T12:00:00.000Z');
      expect(await handle.result()).toEqual({ outcome: 'CONFIRMED' });
      expect(acts.activateRegistration).toHaveBeenCalledWith({ companyId: 'company-1', accountId: 'account-1', tokenId: acts.linkId(1) });
      expect(acts.deliverMail).toHaveBeenCalledWith('mail-1');
      expect(acts.purgeRegistration).not.toHaveBeenCalled();
      expect((await handle.query(registrationStatusQuery)).phase).toBe('CONFIRMED');
    });
  });

  it('confirmed the instant its mail is queued: the first link is already the current one', async () => {
    const acts = fakeActivities();
    const { answer } = confirmingAtOnce(acts, 1, (tokenId, workflowId) =>
      held(env, () => env.client.workflow.getHandle(workflowId).executeUpdate(confirmRegistrationUpdate, { args: [{ tokenId }] })),
    );
    await withRegistration(
      DURATIONS,
      async ({ handle }) => {
        expect(await answer).toEqual({ confirmedAt: '2026-11-26T12:00:00.000Z' });
        expect(await handle.result()).toEqual({ outcome: 'CONFIRMED' });
        expect(acts.activateRegistration).toHaveBeenCalledWith({ companyId: 'company-1', accountId: 'account-1', tokenId: acts.linkId(1) });
        expect(acts.issueConfirmationToken).toHaveBeenCalledTimes(1);
      },
      acts,
    );
  });

  it('refuses a wrong token and keeps waiting', async () => {
    await withRegistration(DURATIONS, async ({ handle, acts }) => {
      const type = await updateFailureType(held(env, () => handle.executeUpdate(confirmRegistrationUpdate, { args: [{ tokenId: 'forged' }] })));
      expect(type).toBe(RegistrationFailure.TOKEN_NOT_CURRENT);
      expect(acts.activateRegistration).not.toHaveBeenCalled();
      const status = await handle.query(registrationStatusQuery);
      expect(status).toMatchObject({ phase: 'AWAITING_CONFIRMATION', awaiting: 'PRIMO_AD', mailsSent: 1 });
      await held(env, () => handle.executeUpdate(confirmRegistrationUpdate, { args: [{ tokenId: acts.linkId(1) }] }));
      expect(await handle.result()).toEqual({ outcome: 'CONFIRMED' });
    });
  });

  it('refuses a token past its validity', async () => {
    await withRegistration({ ...DURATIONS, tokenTtlMs: HOUR }, async ({ handle, acts }) => {
      await env.sleep(2 * HOUR);
      const type = await updateFailureType(held(env, () => handle.executeUpdate(confirmRegistrationUpdate, { args: [{ tokenId: acts.linkId(1) }] })));
      expect(type).toBe(RegistrationFailure.TOKEN_EXPIRED);
      expect(acts.activateRegistration).not.toHaveBeenCalled();
    });
  });

  it('resend issues a new link and voids the old one', async () => {
    await withRegistration(DURATIONS, async ({ handle, acts }) => {
      await held(env, () => handle.executeUpdate(resendConfirmationUpdate));
      expect(acts.issueConfirmationToken).toHaveBeenCalledTimes(2);
      await waitFor(async () => acts.deliverMail.mock.calls.some(([id]) => id === 'mail-2'));
      const type = await updateFailureType(held(env, () => handle.executeUpdate(confirmRegistrationUpdate, { args: [{ tokenId: acts.linkId(1) }] })));
      expect(type).toBe(RegistrationFailure.TOKEN_NOT_CURRENT);
      await held(env, () => handle.executeUpdate(confirmRegistrationUpdate, { args: [{ tokenId: acts.linkId(2) }] }));
      expect(await handle.result()).toEqual({ outcome: 'CONFIRMED' });
    });
  });

  it('links are issued one at a time, in order: one overtaken by a newer one never becomes current again', async () => {
    const acts = fakeActivities();
    const second = gate();
    const issue = acts.issueConfirmationToken.getMockImplementation()!;
    acts.issueConfirmationToken.mockImplementation(async (req) => {
      if (acts.issueConfirmationToken.mock.calls.length === 2) await second.passed;
      return issue(req);
    });
    await withRegistration(
      DURATIONS,
      async ({ handle }) => {
        const resend = () => held(env, () => handle.startUpdate(resendConfirmationUpdate, { waitForStage: WorkflowUpdateStage.ACCEPTED }));
        const resends = [await resend(), await resend()];
        try {
          await waitFor(async () => acts.issueConfirmationToken.mock.calls.length >= 2);
          await new Promise((resolve) => setTimeout(resolve, 500)); // time enough to issue link 3 alongside link 2, as the old code did
          expect(acts.issueConfirmationToken).toHaveBeenCalledTimes(2);
        } finally {
          second.open();
        }
        await Promise.all(resends.map((r) => r.result()));
        await linkMailed(acts, 3);
        expect(acts.deliverMail.mock.calls.map(([id]) => id)).toEqual(['mail-1', 'mail-2', 'mail-3']);
        const type = await updateFailureType(held(env, () => handle.executeUpdate(confirmRegistrationUpdate, { args: [{ tokenId: acts.linkId(2) }] })));
        expect(type).toBe(RegistrationFailure.TOKEN_NOT_CURRENT);
        await held(env, () => handle.executeUpdate(confirmRegistrationUpdate, { args: [{ tokenId: acts.linkId(3) }] }));
        expect(await handle.result()).toEqual({ outcome: 'CONFIRMED' });
      },
      acts,
    );
  });

  it('sends exactly one reminder, with a fresh link, when nothing happens', async () => {
    await withRegistration(DURATIONS, async ({ handle, acts }) => {
      await env.sleep(DURATIONS.reminderAfterMs - HOUR);
      expect(acts.issueConfirmationToken).toHaveBeenCalledTimes(1);
      await env.sleep(2 * HOUR);
      await waitFor(async () => (await handle.query(registrationStatusQuery)).reminderSent);
      await env.sleep(DAY);
      expect(acts.issueConfirmationToken).toHaveBeenCalledTimes(2);
      expect(acts.issueConfirmationToken.mock.calls.map(([req]) => req.reminder)).toEqual([false, true]);
      expect((await handle.query(registrationStatusQuery)).phase).toBe('AWAITING_CONFIRMATION');
      await held(env, () => handle.executeUpdate(confirmRegistrationUpdate, { args: [{ tokenId: acts.linkId(2) }] }));
      expect(await handle.result()).toEqual({ outcome: 'CONFIRMED' });
    });
  });

  it('purges the registration after 30 days without confirmation', async () => {
    await withRegistration(DURATIONS, async ({ handle, acts }) => {
      expect(await handle.result()).toEqual({ outcome: 'PURGED' });
      expect(acts.purgeRegistration).toHaveBeenCalledWith('company-1');
      expect(acts.issueConfirmationToken.mock.calls.map(([req]) => req.reminder)).toEqual([false, true]);
      expect(acts.activateRegistration).not.toHaveBeenCalled();
      const { startTime, closeTime } = await handle.describe();
      expect(closeTime!.getTime() - startTime.getTime()).toBeGreaterThanOrEqual(30 * DAY);
      expect(closeTime!.getTime() - startTime.getTime()).toBeLessThan(31 * DAY);
    });
  });

  it('refuses a second start for the same company', async () => {
    await withRegistration(DURATIONS, async ({ handle }) => {
      await expect(start(`other-${randomUUID()}`, DURATIONS, handle.workflowId)).rejects.toBeInstanceOf(
        WorkflowExecutionAlreadyStartedError,
      );
    });
  });

  it('cancelled by support before the confirmation: the registration is purged', async () => {
    await withRegistration(DURATIONS, async ({ handle, acts }) => {
      await cancelledFromSupervision(handle);
      expect(acts.purgeRegistration).toHaveBeenCalledWith('company-1');
      expect(acts.activateRegistration).not.toHaveBeenCalled();
    });
  });
});
