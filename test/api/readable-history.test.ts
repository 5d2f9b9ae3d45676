import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { temporal as proto } from '@temporalio/proto';
import { readableHistory } from '../../api/workflows/readable-history';

const { EventType } = proto.api.enums.v1;
/** An event as its JSON-like object (numbers where the decoded message has Long). */
type Event = Record<string, unknown>;

const at = (iso: string) => ({ seconds: Math.floor(Date.parse(iso) / 1000), nanos: 0 });
/** A handle whose history is these events, as the client decodes them (64-bit numbers as Long). */
const handleOf = (events: Event[]) => ({ fetchHistory: async () => proto.api.history.v1.History.fromObject({ events }) }) as unknown as WorkflowHandle;
const phase = (eventId: number, value: string): Event => ({
  eventId,
  eventType: EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
  eventTime: at('2026-12-01T10:00:00Z'),
  upsertWorkflowSearchAttributesEventAttributes: { searchAttributes: { indexedFields: { BusinessPhase: defaultPayloadConverter.toPayload([value]) } } },
});
const timerStarted = (eventId: number, timerId: string, summary?: string): Event => ({
  eventId,
  eventType: EventType.EVENT_TYPE_TIMER_STARTED,
  eventTime: at('2026-12-01T10:00:00Z'),
  timerStartedEventAttributes: { timerId, startToFireTimeout: { seconds: 2 * 24 * 3600 } },
  ...(summary ? { userMetadata: { summary: defaultPayloadConverter.toPayload(summary) } } : {}),
});

describe('readable history: timers', () => {
  it('names a timer by what it is for, the phase it waits in and when it fires — on its start, its firing and its cancellation — never by its sequence number', async () => {
    const history = await readableHistory(
      handleOf([
        phase(5, 'AWAITING_CONFIRMATION'),
        timerStarted(6, '1', 'CONFIRMATION_REMINDER'),
        { eventId: 7, eventType: EventType.EVENT_TYPE_TIMER_FIRED, eventTime: at('2026-12-03T10:00:00Z'), timerFiredEventAttributes: { timerId: '1', startedEventId: 6 } },
        phase(8, 'AWAITING_APPROVAL'),
        timerStarted(9, '2'),
        { eventId: 10, eventType: EventType.EVENT_TYPE_TIMER_CANCELED, eventTime: at('2026-12-03T11:00:00Z'), timerCanceledEventAttributes: { timerId: '2', startedEventId: 9 } },
      ]),
    );
    const timer = { name: 'CONFIRMATION_REMINDER', waitingIn: 'AWAITING_CONFIRMATION', dueAt: '2026-12-03T10:00:00.000Z' };
    expect(history.filter((e) => e.eventType.startsWith('TIMER'))).toEqual([
      expect.objectContaining({ eventType: 'TIMER_STARTED', ...timer }),
      expect.objectContaining({ eventType: 'TIMER_FIRED', ...timer }),
      expect.objectContaining({ eventType: 'TIMER_STARTED', name: null, waitingIn: 'AWAITING_APPROVAL', dueAt: '2026-12-03T10:00:00.000Z' }),
      expect.objectContaining({ eventType: 'TIMER_CANCELED', name: null, waitingIn: 'AWAITING_APPROVAL', dueAt: '2026-12-03T10:00:00.000Z' }),
    ]);
    expect(history.find((e) => e.eventId === '8')).toMatchObject({ phase: 'AWAITING_APPROVAL', waitingIn: null });
  });
});
