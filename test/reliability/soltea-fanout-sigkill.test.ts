import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEND_CONCURRENCY } from '../../activities/soltea/employer-notices';
import { calendarOf, MILESTONES, type MilestoneKey } from '../../domain/soltea/calendar.rules';
import type { SolteaCampaignInput } from '../../workflows/soltea-campaign/soltea-campaign.messages';
import { createTestDatabase } from '../helpers/database';
import { eventually } from '../helpers/eventually';
import { seedManyBalances } from '../helpers/soltea.fixtures';
import { createDevServerEnv } from '../helpers/time-skipping';
import { testEnv } from '../helpers/test-env';
import { workerProcesses } from '../helpers/worker-processes';

jest.setTimeout(300_000);

const EMPLOYERS = 10_000;
const YEAR = 2040;
const STEP = 'REMINDER_PERIOD1_7';
const WORKER = path.join(__dirname, '..', 'helpers', 'soltea-fanout-worker.ts');
const REGISTER = path.join(__dirname, '..', 'helpers', 'ts-register.js');

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let temporal: TestWorkflowEnvironment;
let mailLog: string;
const taskQueue = `soltea-fanout-${randomUUID()}`;
const workers = workerProcesses();

beforeAll(async () => {
  db = await createTestDatabase();
  // Suggest continuing as new early, so the fan-out also crosses runs of the workflow.
  temporal = await createDevServerEnv({ 'limit.historyCount.suggestContinueAsNew': 100 });
  mailLog = path.join(await mkdtemp(path.join(os.tmpdir(), 'soltea-fanout-')), 'mails.jsonl');
  await writeFile(mailLog, '');
  await seedManyBalances(db.orm, YEAR, '6', EMPLOYERS);
});

afterAll(async () => {
  await workers.stopAll();
  await temporal?.teardown();
  await db?.drop();
});

/** A worker with the real campaign activities in a process of its own, ready once it polls. */
async function startWorker(): Promise<ChildProcess> {
  const child = workers.adopt(
    fork(WORKER, [], {
      execArgv: ['-r', REGISTER],
      env: {
        ...process.env,
        FANOUT_DATABASE_URL: db.url,
        FANOUT_TEMPORAL_ADDRESS: temporal.address,
        FANOUT_TASK_QUEUE: taskQueue,
        FANOUT_MAIL_LOG: mailLog,
        FANOUT_MAIL_DELAY_MS: '1',
        TEST_WORKFLOW_BUNDLE: testEnv('workflowBundle'),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }),
  );
  await Promise.race([once(child, 'message'), once(child, 'exit').then(() => Promise.reject(new Error(`worker exited: ${workers.output}`)))]);
  return child;
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await db.orm.em.fork().execute<{ n: string }[]>(sql, params);
  return Number(row.n);
}

const reminders = () => count('select count(*) as n from soltea_reminder where year = ? and step = ?', [YEAR, STEP]);

/** A calendar whose period 1 closes in 3 days: the 7-day reminder is due now, everything after it in the future. */
function calendarDueNow() {
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const offsets: Record<MilestoneKey, number> = {
    ESTABLISHMENTS_OPEN: -90,
    ESTABLISHMENTS_CLOSE: -60,
    PERIOD1_OPEN: -30,
    PERIOD1_CLOSE: 3,
    TRANSFER1: 10,
    PERIOD2_OPEN: 12,
    PERIOD2_CLOSE: 80,
    TRANSFER2: 90,
    UNALLOCATED_DISTRIBUTION: 100,
    CAMPAIGN_CLOSE: 110,
  };
  return calendarOf(YEAR, 'test-due-now', Object.fromEntries(MILESTONES.map((k) => [k, day(offsets[k])])) as Record<MilestoneKey, string>, [7]);
}

describe('a reminder fan-out to 10,000 employers whose worker is killed (SIGKILL) in the middle', () => {
  it('another worker finishes it: one reminder row, one outbox message and one mail per employer', async () => {
    const first = await startWorker();
    const input: SolteaCampaignInput = { year: YEAR, calendar: calendarDueNow(), startedBy: null, pageSize: 500 };
    const handle = await temporal.client.workflow.start('solteaCampaignWorkflow', { taskQueue, workflowId: `soltea-${YEAR}-${randomUUID()}`, args: [input] });

    // Kill it in the middle of a page's sending: its rows committed, some of its mails sent, others still PENDING.
    const outbox = (status: string) => count(`select count(*) as n from outbox_message where dedupe_key like ? and status = ?`, [`soltea-${YEAR}/${STEP}/%`, status]);
    const atKill = await eventually(async () => {
      const [sent, pending] = [await outbox('SENT'), await outbox('PENDING')];
      return sent >= 2_000 && pending > 0 && pending < 500 ? { sent, pending } : undefined;
    }, 120_000);
    await workers.kill(first);
    const afterKill = { reminders: await reminders(), sent: await outbox('SENT'), pending: await outbox('PENDING') };
    expect(afterKill.reminders).toBeLessThan(EMPLOYERS);
    expect(afterKill.pending).toBeGreaterThan(0);

    await startWorker();
    const run = await eventually(async () => {
      const [r] = await db.orm.em.fork().execute<{ status: string; counts: Record<string, number> }[]>('select status, counts from soltea_run where year = ? and step = ?', [YEAR, STEP]);
      return r?.status === 'DONE' ? r : undefined;
    }, 240_000).catch((err: Error) => {
      throw new Error(`${err.message}; workers said:\n${workers.output}`);
    });
    await handle.terminate('test done');

    expect(run.counts).toEqual({ reminders: EMPLOYERS, mails: EMPLOYERS, mailsSent: EMPLOYERS, noContact: 0, failures: 0 });
    expect(await reminders()).toBe(EMPLOYERS);
    expect(await count(`select count(distinct employer_siret) as n from soltea_reminder where year = ? and step = ?`, [YEAR, STEP])).toBe(EMPLOYERS);
    expect(await count(`select count(*) as n from outbox_message where dedupe_key like ?`, [`soltea-${YEAR}/${STEP}/%`])).toBe(EMPLOYERS);
    expect(await count(`select count(*) as n from outbox_message where dedupe_key like ? and status = 'SENT'`, [`soltea-${YEAR}/${STEP}/%`])).toBe(EMPLOYERS);

    const mails = (await readFile(mailLog, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id: string; key: string; to: string; pid: number });
    const messagesTo = new Map<string, Set<string>>();
    const deliveriesTo = new Map<string, number>();
    for (const m of mails) {
      messagesTo.set(m.to, (messagesTo.get(m.to) ?? new Set()).add(m.id));
      deliveriesTo.set(m.to, (deliveriesTo.get(m.to) ?? 0) + 1);
    }
    // Every employer got his one message (one outbox id per recipient: what a Message-ID names).
    expect(messagesTo.size).toBe(EMPLOYERS);
    expect([...messagesTo.values()].every((ids) => ids.size === 1)).toBe(true);
    // Both workers sent; a delivery is doubled only when the killed worker was between SMTP's answer and
    // marking its message SENT — at most one per mail in flight (SEND_CONCURRENCY) — never a page's worth.
    expect(new Set(mails.map((m) => m.pid)).size).toBe(2);
    const doubled = [...deliveriesTo.values()].filter((n) => n > 1);
    expect(doubled.every((n) => n === 2)).toBe(true);
    expect(mails.length - EMPLOYERS).toBeLessThanOrEqual(SEND_CONCURRENCY);
    process.stderr.write(
      `[soltea fan-out] killed at ${atKill.sent} mails sent, ${atKill.pending} pending; after the kill ${afterKill.reminders} reminders, ${afterKill.sent} sent, ${afterKill.pending} pending; ` +
        `${mails.length} deliveries for ${EMPLOYERS} messages (${doubled.length} recipients twice)\n`,
    );
  });
});
