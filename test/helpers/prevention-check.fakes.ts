import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { CheckCounts, CheckRecord, CheckReminder, CheckRunRecord, EmployersPage, EmployersPageRequest } from '../../activities/prevention/check.activities';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { workflowBundle } from './time-skipping';
import { serverNow } from './workflow-updates';

const DAY = 24 * 3600_000;

/** Employers of the yearly check's fake pages, in SIREN order. */
export const SIRENS = ['111111118', '222222226', '333333334'];

/** What the fake report answers. */
export const REPORT: CheckCounts = { done: 1, notDone: 2, cancelled: 0, pendingLines: 7 };

/** The day `n` days after `day` (YYYY-MM-DD). */
export const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/** Today in Paris on the test server's (skipped) clock. */
export const serverToday = async (env: TestWorkflowEnvironment) => parisToday(new Date(await env.currentTimeMs()));

/** The year in Paris on the test server's clock. */
export const serverYear = async (env: TestWorkflowEnvironment) => Number((await serverToday(env)).slice(0, 4));

/**
 * The prevention checks' steps as the activities see them (server time for
 * the reminders and the report), over pages of `sirens` in order; each
 * reminder is two mails, `mail-<siren>-1` and `-2`.
 */
export function fakePreventionCheckActivities(sirens: string[] = SIRENS) {
  const runs: CheckRunRecord[] = [];
  const checks: CheckRecord[] = [];
  const reminders: { siren: string; at: number }[] = [];
  const reportsAt: number[] = [];
  let deliveries: Promise<void> = Promise.resolve();
  return {
    runs,
    checks,
    reminders,
    reportsAt,
    /** Mail deliveries wait until `passed` resolves. */
    holdDeliveries(passed: Promise<void>) {
      deliveries = passed;
    },
    acts: {
      recordCheckRun: jest.fn(async (record: CheckRunRecord) => void runs.push(record)),
      checkEmployersPage: jest.fn(async ({ after, limit }: EmployersPageRequest): Promise<EmployersPage> => {
        const rest = sirens.filter((s) => after === null || s > after);
        const page = rest.slice(0, limit);
        return { sirens: page, next: rest.length > limit ? page[page.length - 1] : null };
      }),
      recordCheck: jest.fn(async (record: CheckRecord) => void checks.push(record)),
      remindCheck: jest.fn(async ({ siren }: { year: number; siren: string }): Promise<CheckReminder> => {
        reminders.push({ siren, at: serverNow() });
        return { outboxIds: [`mail-${siren}-1`, `mail-${siren}-2`], remindedAt: new Date(serverNow()).toISOString() };
      }),
      checkReport: jest.fn(async (_request: { year: number }): Promise<CheckCounts> => {
        reportsAt.push(serverNow());
        return REPORT;
      }),
      deliverMail: jest.fn(async (_outboxId: string) => {
        await deliveries;
      }),
    },
  };
}

export type PreventionCheckFakes = ReturnType<typeof fakePreventionCheckActivities>;

/** Runs `body` with a worker of the fakes on a task queue of its own. */
export async function withCheckWorker(env: TestWorkflowEnvironment, fakes: PreventionCheckFakes, body: (taskQueue: string) => Promise<void>): Promise<void> {
  const taskQueue = `test-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: fakes.acts });
  await worker.runUntil(() => body(taskQueue));
}

/** Ends a test's other executions (children, a second start) without recording them. */
export async function terminated(env: TestWorkflowEnvironment, workflowIds: string[]): Promise<void> {
  for (const id of workflowIds) {
    const handle = env.client.workflow.getHandle(id);
    const running = await handle.describe().then(
      (d) => d.status.name === 'RUNNING',
      () => false,
    );
    if (running) await handle.terminate('test over');
  }
}
