import { ScheduleOverlapPolicy } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { SOLTEA_SCHEDULE_ID, applySchedules, parseYearlyStart, scheduleDefinitions, specHash } from '../../worker/schedules';
import { createDevServerEnv } from '../helpers/time-skipping';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createDevServerEnv();
});

afterAll(async () => {
  await env?.teardown();
});

async function schedulesNamed(id: string): Promise<number> {
  let n = 0;
  for await (const s of env.client.schedule.list()) if (s.scheduleId === id) n++;
  return n;
}

describe('worker/schedules.ts against a Temporal dev server', () => {
  it('creates the SOLTéA Schedule once, leaves it alone at each restart, updates it when its spec changes — never a duplicate', async () => {
    const defaults = scheduleDefinitions();
    expect(await applySchedules(env.client, defaults)).toEqual({ [SOLTEA_SCHEDULE_ID]: 'CREATED' });
    const restarts = await Promise.all([applySchedules(env.client, defaults), applySchedules(env.client, defaults)]);
    expect(restarts).toEqual([{ [SOLTEA_SCHEDULE_ID]: 'UNCHANGED' }, { [SOLTEA_SCHEDULE_ID]: 'UNCHANGED' }]);

    const described = await env.client.schedule.getHandle(SOLTEA_SCHEDULE_ID).describe();
    expect(described.spec.timezone).toBe('Europe/Paris');
    expect(described.spec.calendars?.[0]).toMatchObject({ month: [{ start: 'NOVEMBER', end: 'NOVEMBER', step: 1 }], dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 6, end: 6, step: 1 }] });
    expect(described.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(described.policies.catchupWindow).toBe(30 * 24 * 3600_000);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'solteaScheduledStartWorkflow', args: [{ campaignYearOffset: 1, specHash: specHash(defaults[0]) }] });

    const moved = scheduleDefinitions(parseYearlyStart('10-15'));
    expect(await applySchedules(env.client, moved)).toEqual({ [SOLTEA_SCHEDULE_ID]: 'UPDATED' });
    expect(await applySchedules(env.client, moved)).toEqual({ [SOLTEA_SCHEDULE_ID]: 'UNCHANGED' });
    const updated = await env.client.schedule.getHandle(SOLTEA_SCHEDULE_ID).describe();
    expect(updated.spec.calendars?.[0]).toMatchObject({ month: [{ start: 'OCTOBER', end: 'OCTOBER', step: 1 }], dayOfMonth: [{ start: 15, end: 15, step: 1 }] });
    expect(await schedulesNamed(SOLTEA_SCHEDULE_ID)).toBe(1);
  });

  it.each(['1-11', '13-01', '02-30', 'demain'])('refuses a start day written %s', (day) => {
    expect(() => parseYearlyStart(day)).toThrow(/SOLTEA_SCHEDULE_DAY/);
  });
});
