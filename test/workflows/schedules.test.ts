import { ScheduleOverlapPolicy } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { PREVENTION_CHECK_SCHEDULE_ID, SOLTEA_SCHEDULE_ID, applySchedules, parseYearlyStart, scheduleDefinitions, specHash } from '../../worker/schedules';
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

const both = (soltea: string, prevention: string) => ({ [SOLTEA_SCHEDULE_ID]: soltea, [PREVENTION_CHECK_SCHEDULE_ID]: prevention });

describe('worker/schedules.ts against a Temporal dev server', () => {
  it('creates the SOLTéA and prevention-check Schedules once, leaves them alone at each restart, updates the one whose spec changes — never a duplicate', async () => {
    const defaults = scheduleDefinitions();
    expect(defaults.map((d) => d.scheduleId)).toEqual([SOLTEA_SCHEDULE_ID, PREVENTION_CHECK_SCHEDULE_ID]);
    expect(await applySchedules(env.client, defaults)).toEqual(both('CREATED', 'CREATED'));
    const restarts = await Promise.all([applySchedules(env.client, defaults), applySchedules(env.client, defaults)]);
    expect(restarts).toEqual([both('UNCHANGED', 'UNCHANGED'), both('UNCHANGED', 'UNCHANGED')]);

    const soltea = await env.client.schedule.getHandle(SOLTEA_SCHEDULE_ID).describe();
    expect(soltea.spec.timezone).toBe('Europe/Paris');
    expect(soltea.spec.calendars?.[0]).toMatchObject({ month: [{ start: 'NOVEMBER', end: 'NOVEMBER', step: 1 }], dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 6, end: 6, step: 1 }] });
    expect(soltea.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(soltea.policies.catchupWindow).toBe(30 * 24 * 3600_000);
    expect(soltea.action).toMatchObject({ type: 'startWorkflow', workflowType: 'solteaScheduledStartWorkflow', args: [{ campaignYearOffset: 1, specHash: specHash(defaults[0]) }] });

    const prevention = await env.client.schedule.getHandle(PREVENTION_CHECK_SCHEDULE_ID).describe();
    expect(prevention.spec.timezone).toBe('Europe/Paris');
    expect(prevention.spec.calendars?.[0]).toMatchObject({ month: [{ start: 'DECEMBER', end: 'DECEMBER', step: 1 }], dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 6, end: 6, step: 1 }] });
    expect(prevention.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(prevention.policies.catchupWindow).toBe(30 * 24 * 3600_000);
    expect(prevention.action).toMatchObject({ type: 'startWorkflow', workflowType: 'preventionScheduledCheckStartWorkflow', args: [{ campaignYearOffset: 0, specHash: specHash(defaults[1]) }] });

    const moved = scheduleDefinitions(parseYearlyStart('10-15'));
    expect(await applySchedules(env.client, moved)).toEqual(both('UPDATED', 'UNCHANGED'));
    expect(await applySchedules(env.client, moved)).toEqual(both('UNCHANGED', 'UNCHANGED'));
    const updated = await env.client.schedule.getHandle(SOLTEA_SCHEDULE_ID).describe();
    expect(updated.spec.calendars?.[0]).toMatchObject({ month: [{ start: 'OCTOBER', end: 'OCTOBER', step: 1 }], dayOfMonth: [{ start: 15, end: 15, step: 1 }] });

    const checkMoved = scheduleDefinitions(parseYearlyStart('10-15'), parseYearlyStart('11-20', 'PREVENTION_CHECK_DAY'));
    expect(await applySchedules(env.client, checkMoved)).toEqual(both('UNCHANGED', 'UPDATED'));
    const checkUpdated = await env.client.schedule.getHandle(PREVENTION_CHECK_SCHEDULE_ID).describe();
    expect(checkUpdated.spec.calendars?.[0]).toMatchObject({ month: [{ start: 'NOVEMBER', end: 'NOVEMBER', step: 1 }], dayOfMonth: [{ start: 20, end: 20, step: 1 }], hour: [{ start: 6, end: 6, step: 1 }] });
    expect(await schedulesNamed(SOLTEA_SCHEDULE_ID)).toBe(1);
    expect(await schedulesNamed(PREVENTION_CHECK_SCHEDULE_ID)).toBe(1);
  });

  it('each start day defaults to its own: SOLTéA on 1 November, the prevention check on 1 December', () => {
    expect(parseYearlyStart(undefined)).toEqual({ day: '11-01', hour: 6 });
    expect(parseYearlyStart(undefined, 'PREVENTION_CHECK_DAY')).toEqual({ day: '12-01', hour: 6 });
  });

  it.each(['1-11', '13-01', '02-30', 'demain'])('refuses a start day written %s, naming its variable', (day) => {
    expect(() => parseYearlyStart(day)).toThrow(/SOLTEA_SCHEDULE_DAY/);
    expect(() => parseYearlyStart(day, 'PREVENTION_CHECK_DAY')).toThrow(/PREVENTION_CHECK_DAY/);
  });
});
