import { ApplicationFailure, ChildWorkflowCancellationType, allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { CheckCounts, PreventionCheckActivities } from '../../activities/prevention/check.activities';
import { isCalendarDate } from '../../domain/collaborators/effective-date.rules';
import { endOfParisDay } from '../../domain/prevention/declaration-dates.rules';
import { DATABASE_STEP } from '../confirmation/activity-options';
import { businessStateAttributes } from '../search-attributes';
import { closedOnCancellation } from '../shared/on-cancellation';
import { untilDeadline } from '../shared/updatable-deadline';
import { startChildOnce } from '../shared/yearly-start';
import { preventionEmployerCheckWorkflow } from './prevention-employer-check.workflow';
import {
  PREVENTION_CHECK_DEFAULTS,
  PreventionCheckFailure,
  defaultCheckDue,
  employerCheckId,
  yearlyCheckStatusQuery,
  type PreventionYearlyCheckInput,
  type YearlyCheckPhase,
  type YearlyCheckResult,
  type YearlyCheckState,
} from './prevention-check.messages';

const { recordCheckRun, checkReport } = proxyActivities<PreventionCheckActivities>(DATABASE_STEP);

/** A page of employers: one indexed query over a few hundred companies. */
const { checkEmployersPage } = proxyActivities<PreventionCheckActivities>({ ...DATABASE_STEP, startToCloseTimeout: '2 minutes' });

const NO_REPORT: CheckCounts = { done: 0, notDone: 0, cancelled: 0, pendingLines: 0 };

/**
 * The yearly prevention check of a year (DOMAIN.md « Passeport de
 * prévention »), started by the `prevention-yearly-check` Schedule on
 * 1 December or by support: it pages the employers to check (ACTIVE
 * companies with employees or learners' lines that year) and starts one
 * `prevention-check-<year>-<siren>` per employer, a page's children at
 * once (an employer already started is fine: never twice), counting them
 * into its run (prevention_check_run); a run continues as new when its
 * history grows long or it started `childrenPerRun` children. Then it
 * waits until its due day is over in Paris and records the report: checks
 * done, not done, cancelled, lines of the year still awaiting verification.
 * Cancelled, its run is recorded CANCELLED (the employers' checks go on).
 */
export async function preventionYearlyCheckWorkflow(input: PreventionYearlyCheckInput): Promise<YearlyCheckResult> {
  const { year } = input;
  const due = input.due ?? defaultCheckDue(year);
  const reminderDaysBefore = input.reminderDaysBefore ?? PREVENTION_CHECK_DEFAULTS.reminderDaysBefore;
  const pageSize = input.pageSize ?? PREVENTION_CHECK_DEFAULTS.pageSize;
  const childrenPerRun = input.childrenPerRun ?? PREVENTION_CHECK_DEFAULTS.childrenPerRun;
  const limits = [pageSize, childrenPerRun].every((n) => Number.isInteger(n) && n >= 1 && n <= PREVENTION_CHECK_DEFAULTS.childrenPerRun);
  if (!isCalendarDate(due) || !Number.isInteger(reminderDaysBefore) || reminderDaysBefore < 0 || !limits) {
    throw ApplicationFailure.nonRetryable(`a check due on a calendar day, pages and runs of 1 to ${PREVENTION_CHECK_DEFAULTS.childrenPerRun} employers`, PreventionCheckFailure.INPUT_INVALID);
  }
  const dueAt = Date.parse(endOfParisDay(due));
  let after: string | null = input.carried?.after ?? null;
  let employers = input.carried?.employers ?? 0;
  /** Children this run started: the server keeps each pending until it closes, and refuses a run too many. */
  let startedHere = 0;
  let phase: YearlyCheckPhase = 'STARTING_CHECKS';
  let report: CheckCounts = NO_REPORT;

  setHandler(yearlyCheckStatusQuery, state);

  return closedOnCancellation(
    async () => {
      await record();
      for (;;) {
        const page = await checkEmployersPage({ year, after, limit: pageSize });
        const started = await Promise.all(page.sirens.map(startCheck));
        startedHere += started.filter(Boolean).length;
        employers += page.sirens.length;
        await record();
        if (page.next === null) break;
        after = page.next;
        if (workflowInfo().continueAsNewSuggested || startedHere + pageSize > childrenPerRun) await continueLater(page.next);
      }
      phase = 'CHECKS_OPEN';
      attributes();
      await untilDeadline(() => dueAt);
      report = await checkReport({ year });
      phase = 'REPORTED';
      attributes();
      await condition(allHandlersFinished);
      return { outcome: 'REPORTED', counts: counts() };
    },
    async () => {
      if (phase === 'REPORTED') return;
      phase = 'CANCELLED';
      await record();
    },
  );

  /** Starts the employer's check (independent of this run: it goes on when the run continues as new, ends or is cancelled), unless it already was (by an earlier run, or a second start of the year): answers whether this call started it. */
  function startCheck(siren: string): Promise<boolean> {
    return startChildOnce({
      workflow: preventionEmployerCheckWorkflow,
      workflowId: employerCheckId(year, siren),
      args: [{ year, employerSiren: siren, due, reminderDaysBefore }],
      // Cancelling the yearly check leaves the employers' checks alone, as a continue-as-new does.
      cancellationType: ChildWorkflowCancellationType.ABANDON,
    });
  }

  async function continueLater(from: string): Promise<never> {
    await condition(allHandlersFinished);
    return continueAsNew<typeof preventionYearlyCheckWorkflow>({ year, due, reminderDaysBefore, pageSize, childrenPerRun, carried: { after: from, employers } });
  }

  function counts() {
    return { employers, ...report };
  }

  function state(): YearlyCheckState {
    return { year, phase, due, dueAt: new Date(dueAt).toISOString(), counts: counts() };
  }

  /** What supervision filters on: the phase, and the end of the due day until the report. */
  function attributes(): void {
    const waiting = phase === 'STARTING_CHECKS' || phase === 'CHECKS_OPEN';
    upsertSearchAttributes(businessStateAttributes({ phase, awaitedRole: null, dueDate: waiting ? new Date(dueAt) : null }));
  }

  async function record(): Promise<void> {
    attributes();
    await recordCheckRun({ year, workflowId: workflowInfo().workflowId, status: phase === 'CANCELLED' ? 'CANCELLED' : 'RUNNING', due, employers });
  }
}
