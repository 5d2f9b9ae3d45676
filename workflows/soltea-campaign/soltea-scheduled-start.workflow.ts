import { workflowInfo } from '@temporalio/workflow';
import { startYearOnce } from '../shared/yearly-start';
import { solteaCampaignWorkflow } from './soltea-campaign.workflow';
import { solteaWorkflowId, type ScheduledStartInput, type SolteaCampaignInput } from './soltea-campaign.messages';

/**
 * What the `soltea-campaign` Schedule runs once a year: it starts
 * `soltea-<year>` (left running on its own) unless that year was already
 * started — by support, or by a catch-up — and ends (workflows/shared/yearly-start.ts).
 */
export async function solteaScheduledStartWorkflow({ campaignYearOffset }: ScheduledStartInput): Promise<{ year: number; started: boolean }> {
  return startYearOnce({
    firedAt: workflowInfo().startTime,
    yearOffset: campaignYearOffset,
    workflow: solteaCampaignWorkflow,
    workflowId: solteaWorkflowId,
    args: (year: number): [SolteaCampaignInput] => [{ year, startedBy: null }],
  });
}
