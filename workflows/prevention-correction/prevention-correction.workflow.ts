import { ApplicationFailure, patched, proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import type { PreventionCorrectionActivities } from '../../activities/prevention/correction.activities';
import { isCalendarDate } from '../../domain/collaborators/effective-date.rules';
import { sirenOf } from '../../domain/identifiers/identifiers.rules';
import { endOfParisDay } from '../../domain/prevention/declaration-dates.rules';
import { DATABASE_STEP } from '../confirmation/activity-options';
import { businessStateAttributes, CompanySiren } from '../search-attributes';
import { mailDeliveries } from '../shared/mail-deliveries';
import { closedOnCancellation } from '../shared/on-cancellation';
import { untilDeadline } from '../shared/updatable-deadline';
import {
  PreventionCorrectionFailure,
  correctionStatusQuery,
  lineDeletedSignal,
  type CorrectionPhase,
  type CorrectionResult,
  type CorrectionState,
  type PreventionCorrectionInput,
} from './prevention-correction.messages';

const { awaitCorrectionShare, correctionLinesLeft, queueCorrectionMail } = proxyActivities<PreventionCorrectionActivities>(DATABASE_STEP);

/** Lines are counted again at least this often, so a deletion whose signal was lost (Temporal unreachable after its commit) is seen within a day. */
const RECOUNT_EVERY = 24 * 3600_000;

/**
 * Patch: the task is started before its request commits, so it first waits
 * for the request's transaction and ends ABANDONED when it was rolled back;
 * it becomes the administrators' task only then. Histories recorded before
 * counted the lines at once.
 */
const AWAITS_REQUEST = 'correction-awaits-request';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An employer's correction request, as the task of one training body
 * (DOMAIN.md « Passeport de prévention »: the employer may ask the OF to
 * correct; a declaration is never edited, its lines are deleted and
 * declared again). A task of the training body's administrators (search
 * attributes CompanySiren = its SIREN, AwaitedRole ADMINISTRATOR,
 * BusinessPhase CORRECTION_TO_DO, DueDate = the end of its due day in
 * Paris); the training body is told once by mail. Each line it deletes
 * signals `lineDeleted`, and the workflow reads how many are left (and
 * daily, and at the due day's end, in case a signal was lost): none, it is
 * CORRECTED; its due day over first, EXPIRED. Cancelled, it is no longer
 * awaited. It is started inside the request's transaction, before the
 * commit: its first step waits for that transaction to end, and a request
 * rolled back (Temporal failing for another task, the commit failing)
 * leaves it ABANDONED — never awaited, nobody mailed.
 */
export async function preventionCorrectionWorkflow(input: PreventionCorrectionInput): Promise<CorrectionResult> {
  const { requestId, declarantSiret, lines, due } = input;
  if (!UUID.test(requestId) || !/^\d{14}$/.test(declarantSiret) || !Number.isInteger(lines) || lines < 1 || !isCalendarDate(due)) {
    throw ApplicationFailure.nonRetryable('a request id, a 14-digit SIRET, a whole number of lines and a calendar day', PreventionCorrectionFailure.INPUT_INVALID);
  }
  const dueAt = Date.parse(endOfParisDay(due));
  let phase: CorrectionPhase = 'CORRECTION_TO_DO';
  let left = lines;
  let mails = 0;
  /** Deletions signalled since the lines were last counted. */
  let deletions = 0;
  const deliveries = mailDeliveries();

  setHandler(correctionStatusQuery, state);
  setHandler(lineDeletedSignal, () => void (deletions += 1));

  return closedOnCancellation(
    async () => {
      if (patched(AWAITS_REQUEST)) {
        deletions = 0;
        const share = await awaitCorrectionShare({ requestId, declarantSiret });
        if (!share.recorded) {
          phase = 'ABANDONED';
          attributes();
          return { phase, counts: counts() };
        }
        left = Math.min(lines, share.left);
        attributes();
      } else {
        attributes();
        await count();
      }
      if (left > 0 && Date.now() < dueAt) {
        const mail = await queueCorrectionMail({ requestId, declarantSiret, due });
        mails = mail.outboxIds.length;
        deliveries.deliver(mail.outboxIds);
      }
      while (left > 0 && Date.now() < dueAt) {
        const wakeAt = Math.min(dueAt, Date.now() + RECOUNT_EVERY);
        await untilDeadline(() => wakeAt, () => deletions > 0);
        await count();
      }
      phase = left > 0 ? 'EXPIRED' : 'CORRECTED';
      attributes();
      await deliveries.settled();
      return { phase, counts: counts() };
    },
    async () => {
      phase = 'CANCELLED';
      attributes();
      await deliveries.settled();
    },
  );

  /** Reads the lines left (signals that came meanwhile are read by the next count). */
  async function count(): Promise<void> {
    deletions = 0;
    left = Math.min(lines, await correctionLinesLeft({ requestId, declarantSiret }));
  }

  function counts() {
    return { asked: lines, corrected: lines - left };
  }

  function state(): CorrectionState {
    return { requestId, declarantSiret, phase, due, dueAt: new Date(dueAt).toISOString(), counts: counts(), mails };
  }

  /** What « Mes tâches » and supervision filter on: the training body's administrators' task while it is to do, its outcome after. */
  function attributes(): void {
    const open = phase === 'CORRECTION_TO_DO';
    upsertSearchAttributes([
      { key: CompanySiren, value: sirenOf(declarantSiret) },
      ...businessStateAttributes({ phase, awaitedRole: open ? 'ADMINISTRATOR' : null, dueDate: open ? new Date(dueAt) : null }),
    ]);
  }
}
