import { createHash } from 'node:crypto';
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptions, type ScheduleSpec } from '@temporalio/client';
import { TASK_QUEUE } from '../workflows/task-queue';
import { PREVENTION_SCHEDULED_CHECK_START_WORKFLOW_TYPE } from '../workflows/prevention-check/prevention-check.messages';
import type { ScheduledStartInput } from '../workflows/shared/yearly-start';
import { SOLTEA_SCHEDULED_START_WORKFLOW_TYPE } from '../workflows/soltea-campaign/soltea-campaign.messages';

export const SOLTEA_SCHEDULE_ID = 'soltea-campaign';
export const PREVENTION_CHECK_SCHEDULE_ID = 'prevention-yearly-check';

const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;

/** When the yearly campaigns start: a day of the year (MM-DD) and an hour, in Paris. */
export interface YearlyStart {
  /** `11-01`: the SOLTéA campaign of the next year starts on 1 November, before its establishments window opens mid-November. */
  day: string;
  hour: number;
}

export const DEFAULT_SOLTEA_START: YearlyStart = { day: '11-01', hour: 6 };
/** `12-01`: the prevention check of the year starts on 1 December, its employers reminded mid-December, due on 31 December. */
export const DEFAULT_PREVENTION_CHECK_START: YearlyStart = { day: '12-01', hour: 6 };

/** The environment variable that sets each yearly start, and its default. */
export const YEARLY_START_DEFAULTS = {
  SOLTEA_SCHEDULE_DAY: DEFAULT_SOLTEA_START,
  PREVENTION_CHECK_DAY: DEFAULT_PREVENTION_CHECK_START,
} as const satisfies Record<string, YearlyStart>;

export type YearlyStartVariable = keyof typeof YEARLY_START_DEFAULTS;

/** A Schedule as data: what the worker makes exist. */
export interface ScheduleDefinition {
  scheduleId: string;
  workflowType: string;
  spec: ScheduleSpec;
  policies: NonNullable<ScheduleOptions['policies']>;
  /** The workflow's input, without the fingerprint the worker adds. */
  input: Omit<ScheduledStartInput, 'specHash'>;
}

/** The start set by `variable` (its value `day`, unset: its default); a wrong value fails naming the variable. */
export function parseYearlyStart(day: string | undefined, variable: YearlyStartVariable = 'SOLTEA_SCHEDULE_DAY', hour: number = YEARLY_START_DEFAULTS[variable].hour): YearlyStart {
  const value = day ?? YEARLY_START_DEFAULTS[variable].day;
  const m = /^(\d{2})-(\d{2})$/.exec(value);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 12 || Number(m[2]) < 1 || Number(m[2]) > 28) {
    throw new Error(`${variable} must be MM-DD with a day from 01 to 28, got "${value}"`);
  }
  return { day: value, hour };
}

/** The back-office's Schedules: one per yearly campaign (ARCHITECTURE.md "Schedules are data"). */
export function scheduleDefinitions(soltea: YearlyStart = DEFAULT_SOLTEA_START, prevention: YearlyStart = DEFAULT_PREVENTION_CHECK_START): ScheduleDefinition[] {
  const [month, dayOfMonth] = soltea.day.split('-').map(Number);
  const [preventionMonth, preventionDay] = prevention.day.split('-').map(Number);
  return [
    {
      scheduleId: SOLTEA_SCHEDULE_ID,
      workflowType: SOLTEA_SCHEDULED_START_WORKFLOW_TYPE,
      spec: {
        calendars: [{ comment: 'SOLTéA: the next year’s campaign', month: MONTHS[month - 1], dayOfMonth, hour: soltea.hour, minute: 0, second: 0 }],
        timezone: 'Europe/Paris',
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '30 days' },
      input: { campaignYearOffset: 1 },
    },
    {
      scheduleId: PREVENTION_CHECK_SCHEDULE_ID,
      workflowType: PREVENTION_SCHEDULED_CHECK_START_WORKFLOW_TYPE,
      spec: {
        calendars: [{ comment: 'Passeport de prévention: the yearly check of the year', month: MONTHS[preventionMonth - 1], dayOfMonth: preventionDay, hour: prevention.hour, minute: 0, second: 0 }],
        timezone: 'Europe/Paris',
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '30 days' },
      input: { campaignYearOffset: 0 },
    },
  ];
}

/** Fingerprint of what a definition asks for: stored in the Schedule's action, compared at each start. */
export function specHash(definition: ScheduleDefinition): string {
  const { scheduleId, workflowType, spec, policies, input } = definition;
  return createHash('sha256').update(JSON.stringify({ scheduleId, workflowType, spec, policies, input, taskQueue: TASK_QUEUE })).digest('hex').slice(0, 16);
}

export type ScheduleOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED';

function options(definition: ScheduleDefinition) {
  const args: [ScheduledStartInput] = [{ ...definition.input, specHash: specHash(definition) }];
  return {
    spec: definition.spec,
    policies: definition.policies,
    action: { type: 'startWorkflow' as const, workflowType: definition.workflowType, taskQueue: TASK_QUEUE, workflowId: definition.scheduleId, args },
  };
}

/**
 * Makes each Schedule exist as defined: created when missing, updated when
 * its fingerprint differs, left alone otherwise — so every worker start
 * (several workers, restarts) applies them without ever duplicating one.
 */
export async function applySchedules(client: Client, definitions: ScheduleDefinition[]): Promise<Record<string, ScheduleOutcome>> {
  const outcomes: Record<string, ScheduleOutcome> = {};
  for (const definition of definitions) outcomes[definition.scheduleId] = await applySchedule(client, definition);
  return outcomes;
}

async function applySchedule(client: Client, definition: ScheduleDefinition): Promise<ScheduleOutcome> {
  const wanted = specHash(definition);
  const handle = client.schedule.getHandle(definition.scheduleId);
  try {
    const current = await handle.describe();
    const action = current.action.type === 'startWorkflow' ? current.action : null;
    const applied = (action?.args?.[0] as Partial<ScheduledStartInput> | undefined)?.specHash;
    if (applied === wanted) return 'UNCHANGED';
    await handle.update((previous) => ({ ...previous, ...options(definition) }));
    return 'UPDATED';
  } catch (err) {
    if (!(err instanceof ScheduleNotFoundError)) throw err;
  }
  try {
    await client.schedule.create({ scheduleId: definition.scheduleId, ...options(definition) });
    return 'CREATED';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return applySchedule(client, definition);
    throw err;
  }
}
