import { ParentClosePolicy, WorkflowIdReusePolicy, startChild, workflowInfo } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { solteaCampaignWorkflow } from './soltea-campaign.workflow';
import { solteaWorkflowId, type ScheduledStartInput } from './soltea-campaign.messages';

/**
 * What the `soltea-campaign` Schedule runs once a year. A Schedule names
 * its runs `<id>-<time>`; this names the campaign by its year: it starts
 * `soltea-<year>` (left running on its own) unless that year was already
 * started — by support, or by a catch-up — and ends.
 */
export async function solteaScheduledStartWorkflow({ campaignYearOffset }: ScheduledStartInput): Promise<{ year: number; started: boolean }> {
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(workflowInfo().startTime)) + campaignYearOffset;
  try {
    await startChild(solteaCampaignWorkflow, {
      workflowId: solteaWorkflowId(year),
      args: [{ year, startedBy: null }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { year, started: true };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { year, started: false };
    throw err;
  }
}
