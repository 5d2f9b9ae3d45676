import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { CampaignRecord, StepSummary } from '../../activities/soltea/campaign.activities';
import { campaignSteps } from '../../domain/soltea/calendar.rules';
import { knownCalendar } from '../../domain/soltea/calendars';
import { NO_COUNTS, type SolteaCampaignInput } from '../../workflows/soltea-campaign/soltea-campaign.messages';
import { createDevServerEnv, workflowBundle } from '../helpers/time-skipping';

let env: TestWorkflowEnvironment;

/** The server suggests continuing as new after 150 events (4 Ki by default): a campaign of long fan-outs does it many times. */
beforeAll(async () => {
  env = await createDevServerEnv({ 'limit.historyCount.suggestContinueAsNew': 150 });
});

afterAll(async () => {
  await env?.teardown();
});

const PAGES = 12;

describe('solteaCampaignWorkflow under a long history', () => {
  it('continues as new in the middle of a step and between steps, without redoing or skipping a page, a step or a report', async () => {
    const pages: { step: string; after: string | null }[] = [];
    const ended: string[] = [];
    const records: CampaignRecord[] = [];
    const page = (after: string | null) => (after === null ? 1 : Number(after.slice('page-'.length)) + 1);
    const acts = {
      loadCampaignCalendar: async () => knownCalendar('calendar-2025')!,
      recordCampaign: async (r: CampaignRecord) => void records.push(r),
      recordMilestoneMove: async () => undefined,
      startStep: async () => undefined,
      runStepPage: async ({ step, after }: { step: string; after: string | null }) => {
        pages.push({ step, after });
        return { next: page(after) < PAGES ? `page-${page(after)}` : null };
      },
      endStep: async ({ step }: { step: string }): Promise<StepSummary> => {
        ended.push(step);
        return { step, status: 'DONE', counts: {}, failures: 0 };
      },
      campaignCounts: async () => NO_COUNTS,
    };
    const taskQueue = `test-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: acts });
    await worker.runUntil(async () => {
      const input: SolteaCampaignInput = { year: 2025, startedBy: null };
      const handle = await env.client.workflow.start('solteaCampaignWorkflow', { taskQueue, workflowId: `soltea-2025-${randomUUID()}`, args: [input] });
      const result = await handle.result();
      expect(result.outcome).toBe('CLOSED');
      const runs = [];
      for await (const run of env.client.workflow.list({ query: `WorkflowId = '${handle.workflowId}'` })) runs.push(run.status.name);
      expect(runs.filter((s) => s === 'CONTINUED_AS_NEW').length).toBeGreaterThan(3);
    });
    const steps = campaignSteps(knownCalendar('calendar-2025')!).map((s) => s.key);
    expect(ended).toEqual(steps);
    const expectedPages = steps.flatMap((step) => Array.from({ length: PAGES }, (_, i) => ({ step, after: i === 0 ? null : `page-${i}` })));
    expect(pages).toEqual(expectedPages);
    expect(records.at(-1)).toMatchObject({ status: 'CLOSED', phase: 'CAMPAIGN_CLOSE' });
  });
});
