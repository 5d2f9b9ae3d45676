import { workflowInfo } from '@temporalio/workflow';
import { startYearOnce } from '../shared/yearly-start';
import { preventionYearlyCheckWorkflow } from './prevention-yearly-check.workflow';
import { preventionCheckId, type PreventionYearlyCheckInput, type ScheduledStartInput } from './prevention-check.messages';

/**
 * What the `prevention-yearly-check` Schedule runs on 1 December: it
 * starts the check of the year it fires in (offset 0), `prevention-check-<year>`,
 * left running on its own until its report, unless that year was already
 * started — by support, or by a catch-up — and ends.
 */
export async function preventionScheduledCheckStartWorkflow({ campaignYearOffset }: ScheduledStartInput): Promise<{ year: number; started: boolean }> {
  return startYearOnce({
    firedAt: workflowInfo().startTime,
    yearOffset: campaignYearOffset,
    workflow: preventionYearlyCheckWorkflow,
    workflowId: preventionCheckId,
    args: (year: number): [PreventionYearlyCheckInput] => [{ year }],
  });
}
