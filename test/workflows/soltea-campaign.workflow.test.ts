import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { CampaignRecord, StepSummary } from '../../activities/soltea/campaign.activities';
import { campaignSteps, MILESTONES, type CampaignCalendar } from '../../domain/soltea/calendar.rules';
import { knownCalendar } from '../../domain/soltea/calendars';
import type { MilestoneMoveRecord } from '../../domain/soltea/campaign.status';
import {
  NO_COUNTS,
  campaignStatusQuery,
  moveMilestoneUpdate,
  solteaWorkflowId,
  type MoveMilestoneRequest,
  type SolteaCampaignInput,
  type SolteaCampaignResult,
} from '../../workflows/soltea-campaign/soltea-campaign.messages';
import { waitFor } from '../helpers/eventually';
import { createTimeSkippingEnv, workflowBundle } from '../helpers/time-skipping';
import { endWorkflowTest } from '../helpers/workflow-histories';
import { cancelledFromSupervision, held, serverNow, updateFailureType, waitingOnTimer } from '../helpers/workflow-updates';

const DAY = 24 * 3600_000;

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
});

afterAll(async () => {
  await env?.teardown();
});

/** The campaign's steps as the activities see them: when each page ran (server time), and what was recorded. */
function fakeActivities(pagesPerStep = 1) {
  const started: { step: string; at: number }[] = [];
  const records: CampaignRecord[] = [];
  const moves: MilestoneMoveRecord[] = [];
  const pages = new Map<string, number>();
  return {
    started,
    records,
    moves,
    acts: {
      loadCampaignCalendar: jest.fn(async ({ year }: { year: number }) => knownCalendar('calendar-2025', year)!),
      recordCampaign: jest.fn(async (record: CampaignRecord) => void records.push(record)),
      recordMilestoneMove: jest.fn(async ({ move }: { year: number; move: MilestoneMoveRecord }) => void moves.push(move)),
      startStep: jest.fn(async ({ step }: { year: number; step: string }) => void started.push({ step, at: serverNow() })),
      runStepPage: jest.fn(async ({ step }: { year: number; step: string; after: string | null; limit: number }) => {
        const n = (pages.get(step) ?? 0) + 1;
        pages.set(step, n);
        return { next: n < pagesPerStep ? `page-${n}` : null };
      }),
      endStep: jest.fn(async ({ step }: { year: number; step: string }): Promise<StepSummary> => ({ step, status: 'DONE', counts: {}, failures: 0 })),
      campaignCounts: jest.fn(async () => ({ ...NO_COUNTS, remindersSent: pages.size })),
    },
  };
}

type Fakes = ReturnType<typeof fakeActivities>;

/** A future year, so every date of a real calendar shifted to it is ahead of the test server's clock. */
const futureYear = async () => new Date(await env.currentTimeMs()).getUTCFullYear() + 2;

async function withCampaign(calendar: CampaignCalendar, body: (ctx: { handle: WorkflowHandle; fakes: Fakes }) => Promise<void>, fakes = fakeActivities()) {
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: fakes.acts });
  await worker.runUntil(async () => {
    const input: SolteaCampaignInput = { year: calendar.year, calendar, startedBy: 'support-1' };
    const handle = await env.client.workflow.start('solteaCampaignWorkflow', { taskQueue, workflowId: `${solteaWorkflowId(calendar.year)}-${randomUUID()}`, args: [input] });
    try {
      await body({ handle, fakes });
    } finally {
      await endWorkflowTest(handle);
    }
  });
}

const move = (over: Partial<MoveMilestoneRequest> & Pick<MoveMilestoneRequest, 'moves'>): MoveMilestoneRequest => ({
  actorId: 'support-1',
  reason: 'Prolongation de la période 1',
  legalReference: 'arrêté du 6 octobre 2023',
  ...over,
});

/** Time passes on the test server until `at` (ms). */
const until = async (at: number) => env.sleep(Math.max(0, at - (await env.currentTimeMs())));

describe('solteaCampaignWorkflow', () => {
  it('runs the whole 2025 calendar by itself: each milestone and reminder once, in order, at its date', async () => {
    const calendar = knownCalendar('calendar-2025', await futureYear())!;
    await withCampaign(calendar, async ({ handle, fakes }) => {
      const result = await handle.result() as SolteaCampaignResult;
      expect(result.outcome).toBe('CLOSED');
      const expected = campaignSteps(calendar);
      expect(fakes.started.map((s) => s.step)).toEqual(expected.map((s) => s.key));
      expect(expected.map((s) => s.key)).toEqual(expect.arrayContaining([...MILESTONES, 'REMINDER_PERIOD1_7', 'REMINDER_PERIOD1_2', 'REMINDER_PERIOD2_7', 'REMINDER_PERIOD2_2']));
      for (const [i, step] of expected.entries()) {
        const firedAt = fakes.started[i].at;
        expect(firedAt).toBeGreaterThanOrEqual(Date.parse(step.at));
        expect(firedAt - Date.parse(step.at)).toBeLessThan(DAY);
      }
      expect(fakes.acts.endStep).toHaveBeenCalledTimes(expected.length);
      expect(fakes.records.at(-1)).toMatchObject({ status: 'CLOSED', phase: 'CAMPAIGN_CLOSE', next: null });
    });
  });

  it('pages a step until its activity says it is done, then ends its report once', async () => {
    const calendar = knownCalendar('calendar-2025', await futureYear())!;
    await withCampaign(
      calendar,
      async ({ handle, fakes }) => {
        await until(Date.parse(calendar.milestones.PERIOD1_OPEN.at) + DAY);
        await waitFor(async () => (await handle.query(campaignStatusQuery)).fired.includes('PERIOD1_OPEN'));
        const pages = fakes.acts.runStepPage.mock.calls.filter(([p]) => p.step === 'ESTABLISHMENTS_OPEN').map(([p]) => p.after);
        expect(pages).toEqual([null, 'page-1', 'page-2']);
        expect(fakes.acts.endStep.mock.calls.filter(([p]) => p.step === 'ESTABLISHMENTS_OPEN')).toHaveLength(1);
      },
      fakeActivities(3),
    );
  });

  it('2024: period 1 end moved from 2 to 23 August while it is open — transfer 1 and period 2 move with it, and fire at their new dates', async () => {
    const year = await futureYear();
    const calendar = knownCalendar('arrete-2024', year)!;
    await withCampaign(calendar, async ({ handle, fakes }) => {
      await until(Date.parse(calendar.milestones.PERIOD1_OPEN.at) + 10 * DAY);
      const open = await handle.query(campaignStatusQuery);
      expect(open.phase).toBe('PERIOD1_OPEN');

      const alone = move({ moves: [{ milestone: 'PERIOD1_CLOSE', date: `${year}-08-23` }] });
      expect(await updateFailureType(held(env, () => handle.executeUpdate(moveMilestoneUpdate, { args: [alone] })))).toBe('SOLTEA.MOVE_ORDER');

      const together = move({
        moves: [
          { milestone: 'PERIOD1_CLOSE', date: `${year}-08-23` },
          { milestone: 'TRANSFER1', date: `${year}-09-06` },
          { milestone: 'PERIOD2_OPEN', date: `${year}-09-07` },
        ],
        legalReference: 'arrêté du 2 août 2024',
      });
      const after = await held(env, () => handle.executeUpdate(moveMilestoneUpdate, { args: [together] }));
      expect(after.calendar?.milestones.PERIOD1_CLOSE.date).toBe(`${year}-08-23`);
      expect(after.calendar?.version).toBe('arrete-2024-shifted+1');
      expect(after.moves).toHaveLength(1);
      expect(fakes.moves).toEqual([
        expect.objectContaining({
          actorId: 'support-1',
          legalReference: 'arrêté du 2 août 2024',
          moves: [
            { milestone: 'PERIOD1_CLOSE', from: `${year}-08-02`, to: `${year}-08-23` },
            { milestone: 'TRANSFER1', from: `${year}-08-09`, to: `${year}-09-06` },
            { milestone: 'PERIOD2_OPEN', from: `${year}-08-12`, to: `${year}-09-07` },
          ],
        }),
      ]);

      await handle.result();
      const firedAt = (step: string) => fakes.started.find((s) => s.step === step)!.at;
      const moved = after.calendar!;
      expect(firedAt('PERIOD1_CLOSE')).toBeGreaterThanOrEqual(Date.parse(moved.milestones.PERIOD1_CLOSE.at));
      expect(firedAt('PERIOD1_CLOSE') - Date.parse(`${year}-08-23T22:00:00Z`)).toBeLessThan(DAY);
      expect(firedAt('TRANSFER1')).toBeGreaterThanOrEqual(Date.parse(moved.milestones.TRANSFER1.at));
      expect(firedAt('PERIOD2_OPEN')).toBeGreaterThanOrEqual(Date.parse(moved.milestones.PERIOD2_OPEN.at));
      expect(firedAt('REMINDER_PERIOD1_7')).toBeGreaterThanOrEqual(Date.parse(moved.milestones.PERIOD1_CLOSE.at) - 7 * DAY);
      expect(fakes.started.map((s) => s.step)).toEqual(campaignSteps(moved).map((s) => s.key));
    });
  });

  it('refuses in its validator a move into the past, of a milestone already passed, breaking the order, too short, or without reason or legal reference', async () => {
    const year = await futureYear();
    const calendar = knownCalendar('calendar-2025', year)!;
    await withCampaign(calendar, async ({ handle, fakes }) => {
      await until(Date.parse(calendar.milestones.PERIOD1_OPEN.at) + DAY);
      const refused = (request: MoveMilestoneRequest) => updateFailureType(held(env, () => handle.executeUpdate(moveMilestoneUpdate, { args: [request] })));
      expect(await refused(move({ moves: [{ milestone: 'PERIOD1_OPEN', date: `${year}-06-01` }] }))).toBe('SOLTEA.MILESTONE_PASSED');
      expect(await refused(move({ moves: [{ milestone: 'PERIOD1_CLOSE', date: `${year}-05-01` }] }))).toBe('SOLTEA.MOVE_INTO_PAST');
      expect(await refused(move({ moves: [{ milestone: 'TRANSFER2', date: `${year}-12-20` }] }))).toBe('SOLTEA.MOVE_ORDER');
      expect(await refused(move({ moves: [{ milestone: 'PERIOD2_CLOSE', date: `${year}-07-20` }] }))).toBe('SOLTEA.DESIGNATION_TOO_SHORT');
      expect(await refused(move({ moves: [{ milestone: 'PERIOD1_CLOSE', date: `${year}-06-30` }], reason: ' ' }))).toBe('SOLTEA.MOVE_REASON_REQUIRED');
      expect(await refused(move({ moves: [{ milestone: 'PERIOD1_CLOSE', date: `${year}-06-30` }], legalReference: '' }))).toBe('SOLTEA.MOVE_LEGAL_REFERENCE_REQUIRED');
      expect(fakes.acts.recordMilestoneMove).not.toHaveBeenCalled();
      expect((await handle.query(campaignStatusQuery)).calendar).toEqual(calendar);
    });
  });

  it('cancelled from supervision, closes its read model as cancelled', async () => {
    const calendar = knownCalendar('calendar-2025', await futureYear())!;
    await withCampaign(calendar, async ({ handle, fakes }) => {
      await waitingOnTimer(handle);
      expect(fakes.records).toHaveLength(1);
      await cancelledFromSupervision(handle);
      expect(fakes.records.at(-1)).toMatchObject({ status: 'CANCELLED' });
    });
  });
});

describe('solteaScheduledStartWorkflow', () => {
  it('starts the campaign of the next year under its business id, once: a second start (catch-up, support) starts nothing', async () => {
    const taskQueue = `test-${randomUUID()}`;
    const fakes = fakeActivities();
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: fakes.acts });
    await worker.runUntil(async () => {
      const year = new Date(await env.currentTimeMs()).getUTCFullYear() + 1;
      const start = () =>
        env.client.workflow.start('solteaScheduledStartWorkflow', { taskQueue, workflowId: `soltea-campaign-${randomUUID()}`, args: [{ campaignYearOffset: 1, specHash: 'test' }] });
      const campaign = env.client.workflow.getHandle(solteaWorkflowId(year));
      const first = await start();
      try {
        expect(await first.result()).toEqual({ year, started: true });
        expect(await (await start()).result()).toEqual({ year, started: false });
        await waitFor(async () => fakes.records.length > 0);
        expect((await campaign.describe()).status.name).toBe('RUNNING');
        expect(fakes.acts.loadCampaignCalendar).toHaveBeenCalledWith({ year });
      } finally {
        await campaign.terminate('test over');
        await endWorkflowTest(first);
      }
    });
  });
});
