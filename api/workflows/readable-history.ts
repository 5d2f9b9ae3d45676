import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { tsToDate, tsToMs } from '@temporalio/common/lib/time';
import { temporal as proto } from '@temporalio/proto';
import { failureSummary, type FailureSummary } from '../../domain/supervision/failure-cause.rules';
import { z } from '../http/openapi';

type Event = proto.api.history.v1.IHistoryEvent;
type Failure = proto.api.failure.v1.IFailure;
const { EventType } = proto.api.enums.v1;

export const HistoryEntry = z.object({
  eventId: z.string(),
  eventType: z.string(),
  at: z.string(),
  name: z
    .string()
    .nullable()
    .openapi({ description: 'The activity, signal, update or child workflow the event is about; for a timer, what it is for (its summary, a code), null when the workflow gave none' }),
  by: z.string().nullable().openapi({ description: 'Who sent it (the Temporal identity: a person from the console, a worker…)' }),
  failure: z.object({ cause: z.string(), code: z.string().nullable() }).nullable(),
  reason: z.string().nullable().openapi({ description: 'The reason given to a termination, a reset or a cancellation' }),
  dueAt: z.string().nullable().openapi({ description: 'When the timer started, fired or cancelled here fires (or was to fire)' }),
  phase: z.string().nullable().openapi({ description: 'The business phase a search-attribute upsert moved to' }),
  waitingIn: z.string().nullable().openapi({ description: 'For a timer: the business phase the process was in when it started it' }),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

const summary = (failure: Failure | null | undefined, timedOut = false): FailureSummary | null =>
  failure || timedOut
    ? failureSummary({ type: failure?.applicationFailureInfo?.type ?? null, message: failure?.message ?? '', timedOut: timedOut || !!failure?.timeoutFailureInfo })
    : null;

/**
 * A process's history as people read it: each event with what it is about
 * (which activity, signal, update or child; what a timer is for and the
 * phase it waits in, never its sequence number), who sent it, its failure as
 * a cause and a code (never the raw message), the reason of a termination,
 * when a timer fires and where the business phase moved.
 */
export async function readableHistory(handle: WorkflowHandle): Promise<HistoryEntry[]> {
  const { events } = await handle.fetchHistory();
  const names = new Map<string, string>();
  const timers = new Map<string, Details>();
  let phase: string | null = null;
  return (events ?? []).map((e) => {
    const entry = describe(e, (id) => names.get(String(id ?? '')) ?? null);
    if (entry.name) names.set(String(e.eventId), entry.name);
    if (entry.phase) phase = entry.phase;
    if (e.timerStartedEventAttributes) {
      Object.assign(entry, { name: summaryOf(e), waitingIn: phase });
      timers.set(String(e.eventId), entry);
    }
    const startedBy = e.timerFiredEventAttributes?.startedEventId ?? e.timerCanceledEventAttributes?.startedEventId;
    const timer = startedBy == null ? undefined : timers.get(String(startedBy));
    return {
      eventId: String(e.eventId),
      eventType: EventType[e.eventType ?? 0].replace(/^EVENT_TYPE_/, ''),
      at: e.eventTime ? tsToDate(e.eventTime).toISOString() : '',
      name: null,
      by: null,
      failure: null,
      reason: null,
      dueAt: null,
      phase: null,
      waitingIn: null,
      ...entry,
      ...timer,
    };
  });
}

type Details = Partial<Omit<HistoryEntry, 'eventId' | 'eventType' | 'at'>>;

function describe(a: Event, nameOf: (eventId: unknown) => string | null): Details {
  if (a.workflowExecutionStartedEventAttributes) return { name: a.workflowExecutionStartedEventAttributes.workflowType?.name ?? null, by: a.workflowExecutionStartedEventAttributes.identity || null };
  if (a.activityTaskScheduledEventAttributes) return { name: a.activityTaskScheduledEventAttributes.activityType?.name ?? null };
  if (a.activityTaskStartedEventAttributes) return { name: nameOf(a.activityTaskStartedEventAttributes.scheduledEventId), by: a.activityTaskStartedEventAttributes.identity || null };
  if (a.activityTaskCompletedEventAttributes) return { name: nameOf(a.activityTaskCompletedEventAttributes.scheduledEventId) };
  if (a.activityTaskFailedEventAttributes) {
    return { name: nameOf(a.activityTaskFailedEventAttributes.scheduledEventId), failure: summary(a.activityTaskFailedEventAttributes.failure) };
  }
  if (a.activityTaskTimedOutEventAttributes) return { name: nameOf(a.activityTaskTimedOutEventAttributes.scheduledEventId), failure: summary(a.activityTaskTimedOutEventAttributes.failure, true) };
  if (a.activityTaskCanceledEventAttributes) return { name: nameOf(a.activityTaskCanceledEventAttributes.scheduledEventId) };
  if (a.timerStartedEventAttributes) {
    const { startToFireTimeout } = a.timerStartedEventAttributes;
    return { dueAt: a.eventTime && startToFireTimeout ? new Date(tsToMs(a.eventTime) + tsToMs(startToFireTimeout)).toISOString() : null };
  }
  if (a.workflowExecutionSignaledEventAttributes) return { name: a.workflowExecutionSignaledEventAttributes.signalName ?? null, by: a.workflowExecutionSignaledEventAttributes.identity || null };
  if (a.workflowExecutionUpdateAcceptedEventAttributes) {
    const request = a.workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest;
    return { name: request?.input?.name ?? null, by: request?.meta?.identity || null };
  }
  if (a.workflowExecutionUpdateCompletedEventAttributes) {
    const { acceptedEventId, outcome } = a.workflowExecutionUpdateCompletedEventAttributes;
    return { name: nameOf(acceptedEventId), failure: summary(outcome?.failure) };
  }
  if (a.workflowExecutionCancelRequestedEventAttributes) {
    return { by: a.workflowExecutionCancelRequestedEventAttributes.identity || null, reason: a.workflowExecutionCancelRequestedEventAttributes.cause || null };
  }
  if (a.workflowExecutionTerminatedEventAttributes) {
    return { by: a.workflowExecutionTerminatedEventAttributes.identity || null, reason: a.workflowExecutionTerminatedEventAttributes.reason || null };
  }
  if (a.workflowTaskFailedEventAttributes) {
    const { failure, identity, cause } = a.workflowTaskFailedEventAttributes;
    const reset = cause === proto.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_RESET_WORKFLOW;
    return reset ? { by: identity || null, reason: failure?.message || null } : { failure: summary(failure), by: identity || null };
  }
  if (a.workflowExecutionFailedEventAttributes) return { failure: summary(a.workflowExecutionFailedEventAttributes.failure) };
  if (a.startChildWorkflowExecutionInitiatedEventAttributes) return { name: a.startChildWorkflowExecutionInitiatedEventAttributes.workflowType?.name ?? null };
  const child =
    a.childWorkflowExecutionStartedEventAttributes ??
    a.childWorkflowExecutionCompletedEventAttributes ??
    a.childWorkflowExecutionFailedEventAttributes ??
    a.childWorkflowExecutionCanceledEventAttributes ??
    a.childWorkflowExecutionTerminatedEventAttributes ??
    a.childWorkflowExecutionTimedOutEventAttributes;
  if (child) return { name: child.workflowType?.name ?? null };
  if (a.upsertWorkflowSearchAttributesEventAttributes) {
    const phase = a.upsertWorkflowSearchAttributesEventAttributes.searchAttributes?.indexedFields?.BusinessPhase;
    return { phase: phase ? (phaseOf(phase) ?? null) : null };
  }
  return {};
}

/** A timer's summary (user metadata the workflow gave it), or null. */
function summaryOf(e: Event): string | null {
  const payload = e.userMetadata?.summary;
  if (!payload) return null;
  try {
    const summary = defaultPayloadConverter.fromPayload<unknown>(payload);
    return typeof summary === 'string' && summary ? summary : null;
  } catch {
    return null;
  }
}

function phaseOf(payload: proto.api.common.v1.IPayload): string | undefined {
  try {
    const value = defaultPayloadConverter.fromPayload<unknown>(payload);
    const phase = Array.isArray(value) ? value[0] : value;
    return typeof phase === 'string' ? phase : undefined;
  } catch {
    return undefined;
  }
}
