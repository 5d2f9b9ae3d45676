import { ApplicationFailure, allHandlersFinished, condition, patched, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { CheckStatus, PreventionCheckActivities } from '../../activities/prevention/check.activities';
import { isCalendarDate } from '../../domain/collaborators/effective-date.rules';
import { endOfParisDay } from '../../domain/prevention/declaration-dates.rules';
import { DATABASE_STEP } from '../confirmation/activity-options';
import { businessStateAttributes, CompanySiren } from '../search-attributes';
import { exclusiveSection } from '../shared/exclusive-section';
import { mailDeliveries } from '../shared/mail-deliveries';
import { closedOnCancellation } from '../shared/on-cancellation';
import { untilDeadline } from '../shared/updatable-deadline';
import {
  PREVENTION_CHECK_DEFAULTS,
  PreventionCheckFailure,
  defaultCheckDue,
  employerCheckStatusQuery,
  markCheckDoneUpdate,
  type EmployerCheckResult,
  type EmployerCheckState,
  type MarkCheckDoneRequest,
  type PreventionCheckFailureType,
  type PreventionEmployerCheckInput,
} from './prevention-check.messages';

const { recordCheck, remindCheck } = proxyActivities<PreventionCheckActivities>(DATABASE_STEP);

const DAY = 24 * 3600_000;
/** Histories recorded before a cancelled check wrote CANCELLED to its read model replay without that step. */
const CANCELLED_RECORDED = 'prevention-check-cancelled-recorded';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The calendar day `n` days before `day` (YYYY-MM-DD). */
const daysBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);

/**
 * One employer's yearly check of his employees' prevention declarations
 * (DOMAIN.md « Passeport de prévention »): a task of the company's
 * administrators (search attributes CompanySiren, AwaitedRole
 * ADMINISTRATOR, BusinessPhase CHECK_TO_DO, DueDate) until its due day is
 * over in Paris. `reminderDaysBefore` days before that end, a check still
 * open reminds the company's active administrators by mail, once; an
 * administrator marks it done by the validated `markCheckDone` update; at
 * the due day's end a check still open is NOT_DONE. Cancelled, it is no
 * longer awaited, and a check still open is recorded CANCELLED (the
 * administrators' page no longer offers it).
 */
export async function preventionEmployerCheckWorkflow(input: PreventionEmployerCheckInput): Promise<EmployerCheckResult> {
  const { year, employerSiren } = input;
  const due = input.due ?? defaultCheckDue(year);
  const reminderDaysBefore = input.reminderDaysBefore ?? PREVENTION_CHECK_DEFAULTS.reminderDaysBefore;
  if (!isCalendarDate(due) || !Number.isInteger(reminderDaysBefore) || reminderDaysBefore < 0) {
    throw ApplicationFailure.nonRetryable(`a check due on a calendar day, reminded a whole number of days before: ${due}, ${reminderDaysBefore}`, PreventionCheckFailure.INPUT_INVALID);
  }
  const dueAt = Date.parse(endOfParisDay(due));
  const remindAt = Date.parse(endOfParisDay(daysBefore(due, reminderDaysBefore)));
  let status: CheckStatus = 'OPEN';
  let cancelled = false;
  let remindedAt: string | null = null;
  let doneAt: string | null = null;
  let doneBy: string | null = null;
  const section = exclusiveSection();
  const mails = mailDeliveries();
  const closed = () => status !== 'OPEN';

  setHandler(employerCheckStatusQuery, state);

  setHandler(
    markCheckDoneUpdate,
    (request) =>
      section.run(async () => {
        const refusal = refusalOf(request);
        if (refusal) throw refused(refusal);
        status = 'DONE';
        doneAt = new Date().toISOString();
        doneBy = request.actorId;
        await record();
        return state();
      }),
    {
      validator: (request: MarkCheckDoneRequest) => {
        const refusal = refusalOf(request);
        if (refusal) throw refused(refusal);
      },
    },
  );

  return closedOnCancellation(
    async () => {
      await section.run(record);
      if ((await untilDeadline(() => remindAt, closed)) && Date.now() < dueAt) await section.run(remind);
      if (await untilDeadline(() => dueAt, closed)) {
        await section.run(async () => {
          if (status !== 'OPEN') return;
          status = 'NOT_DONE';
          await record();
        });
      }
      await condition(allHandlersFinished);
      await mails.settled();
      return { status: status as EmployerCheckResult['status'], reminded: remindedAt !== null };
    },
    async () => {
      cancelled = true;
      if (patched(CANCELLED_RECORDED) && status === 'OPEN') {
        status = 'CANCELLED';
        await record();
      } else attributes();
      await mails.settled();
    },
  );

  /** The administrators are told the check is still to do (once: the activity keys its mails by year and SIREN). */
  async function remind(): Promise<void> {
    if (status !== 'OPEN') return;
    const reminder = await remindCheck({ year, siren: employerSiren });
    remindedAt = reminder.remindedAt;
    mails.deliver(reminder.outboxIds);
  }

  /** Why marking it done is refused now, or null: the check is still open and its due day not over; the actor is an account id. */
  function refusalOf(request: MarkCheckDoneRequest): PreventionCheckFailureType | null {
    if (status !== 'OPEN' || cancelled || Date.now() >= dueAt) return PreventionCheckFailure.CLOSED;
    if (typeof request?.actorId !== 'string' || !UUID.test(request.actorId)) return PreventionCheckFailure.ACTOR_INVALID;
    return null;
  }

  function refused(code: PreventionCheckFailureType) {
    return ApplicationFailure.create({ type: code, message: code, details: [{ code }], nonRetryable: true });
  }

  function state(): EmployerCheckState {
    return { year, employerSiren, status, due, dueAt: new Date(dueAt).toISOString(), remindedAt, doneAt, doneBy };
  }

  /** What supervision filters on: the administrators' task while it is open, its outcome after. */
  function attributes(): void {
    const open = status === 'OPEN' && !cancelled;
    upsertSearchAttributes([
      { key: CompanySiren, value: employerSiren },
      ...businessStateAttributes({ phase: cancelled ? 'CANCELLED' : open ? 'CHECK_TO_DO' : status, awaitedRole: open ? 'ADMINISTRATOR' : null, dueDate: open ? new Date(dueAt) : null }),
    ]);
  }

  async function record(): Promise<void> {
    attributes();
    await recordCheck({ year, employerSiren, workflowId: workflowInfo().workflowId, status, due, doneAt, doneBy });
  }
}
