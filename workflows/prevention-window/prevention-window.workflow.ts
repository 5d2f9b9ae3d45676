import { ApplicationFailure, allHandlersFinished, condition, continueAsNew, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { DeadlineMoveRecord, PreventionWindowActivities, WindowStatus } from '../../activities/prevention/window.activities';
import { isCalendarDate, parisToday } from '../../domain/collaborators/effective-date.rules';
import { endOfParisDay } from '../../domain/prevention/declaration-dates.rules';
import { DATABASE_STEP } from '../confirmation/activity-options';
import { businessStateAttributes, CompanySiren } from '../search-attributes';
import { exclusiveSection } from '../shared/exclusive-section';
import { closedOnCancellation } from '../shared/on-cancellation';
import { updatableDeadline } from '../shared/updatable-deadline';
import {
  PreventionWindowFailure,
  moveDeadlineUpdate,
  windowStatusQuery,
  type MoveDeadlineRequest,
  type PreventionWindowFailureType,
  type PreventionWindowInput,
  type PreventionWindowResult,
  type WindowPhase,
  type WindowState,
} from './prevention-window.messages';

const { recordWindow } = proxyActivities<PreventionWindowActivities>(DATABASE_STEP);

/** A page of the deadline's lines: one statement over a few hundred rows. */
const { deemVerifiedPage } = proxyActivities<PreventionWindowActivities>({ ...DATABASE_STEP, startToCloseTimeout: '2 minutes' });

export const DEFAULT_PAGE_SIZE = 500;

/** A reason support must give for a move: at least this many characters once trimmed. */
const MIN_REASON_LENGTH = 3;

/**
 * The verification window of one employer (SIREN) and one quarter
 * (DOMAIN.md « Passeport de prévention »): the employer verifies the
 * training bodies' declarations until its deadline day is over in Paris;
 * support may move that day by the validated `moveDeadline` update
 * (recorded with who and why in the read model), which wakes the wait on
 * the new date. At the deadline, the lines still awaiting verification are
 * deemed verified, page by page (continuing as new when the history grows
 * long), and the window closes with their count. Cancelled, it records its
 * read model as cancelled.
 */
export async function preventionVerificationWindowWorkflow(input: PreventionWindowInput): Promise<PreventionWindowResult> {
  const { employerSiren, quarter } = input;
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
  let day = input.deadline;
  const moves: DeadlineMoveRecord[] = [...(input.carried?.moves ?? [])];
  let deemedVerified = input.carried?.deemedVerified ?? 0;
  let status: WindowStatus = 'OPEN';
  /** The deadline was reached: the pages run, nothing moves it any more (a run carried over is always in its pages). */
  let deeming = input.carried !== undefined;
  const deadline = updatableDeadline(Date.parse(endOfParisDay(day)));
  const section = exclusiveSection();

  setHandler(windowStatusQuery, state);

  setHandler(
    moveDeadlineUpdate,
    (request) =>
      section.run(async () => {
        const refusal = refusalOf(request);
        if (refusal) throw refused(refusal);
        const move: DeadlineMoveRecord = { at: new Date().toISOString(), actorId: request.actorId, reason: request.reason.trim(), from: day, to: request.deadline };
        day = request.deadline;
        deadline.moveTo(Date.parse(endOfParisDay(day)));
        moves.push(move);
        await record();
        return state();
      }),
    {
      validator: (request: MoveDeadlineRequest) => {
        const refusal = refusalOf(request);
        if (refusal) throw refused(refusal);
      },
    },
  );

  return closedOnCancellation(
    async () => {
      await section.run(record);
      await deadline.reached();
      deeming = true;
      attributes();
      for (;;) {
        const page = await deemVerifiedPage({ employerSiren, quarter, limit: pageSize });
        // The page's count of the lines deemed so far, not a sum: a page whose worker was lost after it committed
        // is retried, finds the next lines (or none), and the lines it did are counted all the same.
        deemedVerified = page.deemed ?? deemedVerified + page.updated;
        if (!page.more) break;
        if (workflowInfo().continueAsNewSuggested) await continueLater();
      }
      status = 'CLOSED';
      await section.run(record);
      await condition(allHandlersFinished);
      return { outcome: 'CLOSED', deemedVerified };
    },
    async () => {
      status = 'CANCELLED';
      await section.run(record);
    },
  );

  async function continueLater(): Promise<never> {
    await condition(() => !section.busy && allHandlersFinished());
    return continueAsNew<typeof preventionVerificationWindowWorkflow>({ employerSiren, quarter, deadline: day, pageSize, carried: { moves, deemedVerified } });
  }

  /** Why a move is refused now, or null: the window is still open, a reason is given, the day is real and not past in Paris. */
  function refusalOf(request: MoveDeadlineRequest): PreventionWindowFailureType | null {
    if (status !== 'OPEN' || deeming || Date.now() >= deadline.at) return PreventionWindowFailure.WINDOW_CLOSED;
    if (typeof request.reason !== 'string' || request.reason.trim().length < MIN_REASON_LENGTH) return PreventionWindowFailure.REASON_REQUIRED;
    if (typeof request.deadline !== 'string' || !isCalendarDate(request.deadline)) return PreventionWindowFailure.DATE_INVALID;
    if (request.deadline < parisToday(new Date())) return PreventionWindowFailure.DATE_PAST;
    return null;
  }

  function refused(code: PreventionWindowFailureType) {
    return ApplicationFailure.create({ type: code, message: code, details: [{ code }], nonRetryable: true });
  }

  function phase(): WindowPhase {
    if (status !== 'OPEN') return status;
    return deeming ? 'DEEMING_VERIFIED' : 'VERIFICATION_OPEN';
  }

  function state(): WindowState {
    return { employerSiren, quarter, status, phase: phase(), deadline: day, deadlineAt: new Date(deadline.at).toISOString(), moves, counts: { deemedVerified } };
  }

  /** What supervision filters on: the phase, and the end of the deadline day while the window waits for it. */
  function attributes(): void {
    upsertSearchAttributes([
      { key: CompanySiren, value: employerSiren },
      ...businessStateAttributes({ phase: phase(), awaitedRole: null, dueDate: status === 'OPEN' && !deeming ? new Date(deadline.at) : null }),
    ]);
  }

  async function record(): Promise<void> {
    attributes();
    await recordWindow({ employerSiren, quarter, workflowId: workflowInfo().workflowId, status, deadline: day, moves, deemedVerified });
  }
}
