import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { CampaignActivities, CampaignRecord } from '../../activities/soltea/campaign.activities';
import { campaignSteps, isMilestoneKey, type CampaignCalendar, type CampaignStep } from '../../domain/soltea/calendar.rules';
import { moveRefusal, movedCalendar, type MoveRequest } from '../../domain/soltea/calendar-moves.rules';
import type { CampaignStatus, MilestoneMoveRecord } from '../../domain/soltea/campaign.status';
import { DATABASE_STEP } from '../confirmation/activity-options';
import { businessStateAttributes } from '../search-attributes';
import { exclusiveSection } from '../shared/exclusive-section';
import { closedOnCancellation } from '../shared/on-cancellation';
import { untilDeadline } from '../shared/updatable-deadline';
import {
  NO_COUNTS,
  campaignStatusQuery,
  moveMilestoneUpdate,
  type CampaignCounts,
  type CampaignState,
  type MoveMilestoneRequest,
  type SolteaCampaignInput,
  type SolteaCampaignResult,
  type StepInProgress,
} from './soltea-campaign.messages';

const { loadCampaignCalendar, recordCampaign, recordMilestoneMove, startStep, endStep, campaignCounts } = proxyActivities<CampaignActivities>(DATABASE_STEP);

/** A page of a fan-out: a few hundred items in one transaction, heartbeating. */
const { runStepPage } = proxyActivities<CampaignActivities>({ ...DATABASE_STEP, startToCloseTimeout: '5 minutes', heartbeatTimeout: '30 seconds' });

export const DEFAULT_PAGE_SIZE = 500;

/**
 * A year's SOLTéA campaign (started by the `soltea-campaign` Schedule, or by
 * support): each milestone of its calendar, and each reminder before a
 * period closes, fires by itself at its date, once and in order; support
 * moves future milestones by the validated `moveMilestone` update (audited,
 * shown on the timeline), which wakes the wait on the new date. A step's
 * work is paged in activities, idempotent per item, with a run report; a
 * long history continues as new, in the middle of a step if need be.
 * Cancelled, it closes its read model as cancelled.
 */
export async function solteaCampaignWorkflow(input: SolteaCampaignInput): Promise<SolteaCampaignResult> {
  const { year } = input;
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
  const carried = input.carried;
  let calendar: CampaignCalendar | null = carried?.calendar ?? input.calendar ?? null;
  const fired = new Set<string>(carried?.fired ?? []);
  const moves: MilestoneMoveRecord[] = [...(carried?.moves ?? [])];
  let counts: CampaignCounts = carried?.counts ?? NO_COUNTS;
  let inProgress: StepInProgress | null = carried?.inProgress ?? null;
  let status: CampaignStatus = 'RUNNING';
  let running: string | null = inProgress?.key ?? null;
  /** The last milestone reached (a reminder is not one), `STARTED` before the first. */
  let phase = [...fired].filter(isMilestoneKey).pop() ?? 'STARTED';
  const section = exclusiveSection();

  setHandler(campaignStatusQuery, state);

  setHandler(
    moveMilestoneUpdate,
    (request) =>
      section.run(async () => {
        const refusal = refusalOf(request);
        if (refusal) throw refused(refusal);
        const before = calendar!;
        calendar = movedCalendar(before, request.moves);
        const move: MilestoneMoveRecord = {
          at: new Date().toISOString(),
          actorId: request.actorId,
          reason: request.reason.trim(),
          legalReference: request.legalReference.trim(),
          moves: request.moves.map(({ milestone }) => ({ milestone, from: before.milestones[milestone].date, to: calendar!.milestones[milestone].date })),
          version: calendar.version,
        };
        moves.push(move);
        await recordMilestoneMove({ year, move });
        await record();
        return state();
      }),
    {
      validator: (request: MoveMilestoneRequest) => {
        const refusal = refusalOf(request);
        if (refusal) throw refused(refusal);
      },
    },
  );

  return closedOnCancellation(
    async () => {
      calendar ??= await loadCampaignCalendar({ year });
      await section.run(record);
      for (let step = nextStep(); step; step = nextStep()) {
        if (inProgress?.key !== step.key) {
          const waiting = step;
          await untilDeadline(() => Date.parse(nextStep()?.at ?? waiting.at));
          step = nextStep()!;
        }
        fired.add(step.key);
        running = step.key;
        await runStep(step.key, inProgress?.key === step.key ? inProgress.after : null, true);
        running = null;
        inProgress = null;
        if (step.milestone) phase = step.key;
        counts = await campaignCounts({ year });
        await section.run(record);
        if (workflowInfo().continueAsNewSuggested) await continueLater(null);
      }
      status = 'CLOSED';
      await section.run(record);
      await condition(allHandlersFinished);
      return { outcome: 'CLOSED', counts };
    },
    async () => {
      status = 'CANCELLED';
      if (calendar) await record();
    },
  );

  /** A step's pages, then its report; `fresh` opens the report (again, harmlessly, after a continue-as-new). */
  async function runStep(key: string, from: string | null, fresh: boolean): Promise<void> {
    if (fresh) await startStep({ year, step: key });
    for (let after = from; ; ) {
      const { next } = await runStepPage({ year, step: key, after, limit: pageSize });
      if (next === null) break;
      after = next;
      if (workflowInfo().continueAsNewSuggested) await continueLater({ key, after });
    }
    await endStep({ year, step: key });
  }

  async function continueLater(step: StepInProgress | null): Promise<never> {
    await condition(() => !section.busy && allHandlersFinished());
    return continueAsNew<typeof solteaCampaignWorkflow>({
      year,
      startedBy: input.startedBy ?? null,
      pageSize,
      carried: { calendar: calendar!, fired: [...fired].filter((k) => k !== step?.key), moves, counts, inProgress: step },
    });
  }

  /** The first step of the current calendar not done yet (the one running counts as done). */
  function nextStep(): CampaignStep | undefined {
    return calendar ? campaignSteps(calendar).find((s) => !fired.has(s.key)) : undefined;
  }

  function refusalOf(request: MoveMilestoneRequest) {
    if (!calendar || status !== 'RUNNING') return { code: 'SOLTEA.CAMPAIGN_CLOSED' } as const;
    const asked: MoveRequest = { moves: request.moves, reason: request.reason, legalReference: request.legalReference };
    return moveRefusal(calendar, fired, asked, new Date());
  }

  function refused(refusal: { code: string }) {
    return ApplicationFailure.create({ type: refusal.code, message: refusal.code, details: [refusal], nonRetryable: true });
  }

  function state(): CampaignState {
    const next = nextStep();
    return {
      year,
      status,
      phase,
      running,
      next: next ? { key: next.key, at: next.at } : null,
      calendar,
      fired: [...fired],
      moves,
      counts,
    };
  }

  async function record(): Promise<void> {
    const next = nextStep();
    upsertSearchAttributes(businessStateAttributes({ phase: status === 'RUNNING' ? phase : status, awaitedRole: null, dueDate: next && status === 'RUNNING' ? new Date(next.at) : null }));
    const current: CampaignRecord = {
      year,
      workflowId: workflowInfo().workflowId,
      status,
      phase,
      calendar: calendar!,
      moves,
      next: next && status === 'RUNNING' ? { key: next.key, at: next.at } : null,
      report: status === 'CLOSED' ? { counts } : null,
    };
    await recordCampaign(current);
  }
}
