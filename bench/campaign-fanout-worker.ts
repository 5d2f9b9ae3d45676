import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Mailer } from '../activities/mail/mailer';
import { createCampaignActivities } from '../activities/soltea/campaign.activities';
import { employerRecipients } from '../activities/soltea/employer-notices';
import { REMINDER_CANDIDATES, remindEmployer, type ReminderCandidate } from '../activities/soltea/reminders';
import { OutboxMessage, OutboxStatus } from '../domain/mail/outbox-message.entity';
import { defaultCalendar } from '../domain/soltea/calendars';
import { createOrm } from '../platform/orm';
import { STEP, type WorkerAnswer, type WorkerCommand } from './campaign-fanout.protocol';

/**
 * The bench's worker process (forked by campaign-fanout.bench.ts): the
 * campaign activities on a Temporal worker (the fan-out), and on demand the
 * same work without Temporal — runStepPage in a plain loop, and the
 * per-item code in a plain loop — so all three run in one process and its
 * peak RSS is the worker's (the workflows bundled ahead by the bench, as in
 * production, so bundling weighs nothing here). Mail goes to a counting
 * mailer (SMTP would measure the mail server).
 */
const PAGE = 500;

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

async function main(): Promise<void> {
  let sent = 0;
  const mailer: Mailer = {
    async send() {
      sent++;
    },
    async close() {},
    describe: () => 'counting mailer',
  };
  const publicUrl = 'http://127.0.0.1:3000';
  const orm = await createOrm({ databaseUrl: env('BENCH_DATABASE_URL'), poolMax: 4 });
  const activities = createCampaignActivities({ orm, mailer, publicUrl });
  const connection = await NativeConnection.connect({ address: env('BENCH_TEMPORAL_ADDRESS') });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: env('BENCH_TASK_QUEUE'),
    workflowBundle: { codePath: env('BENCH_WORKFLOW_BUNDLE') },
    activities,
  });

  /** runStepPage called in a plain loop, as the workflow would page it. */
  async function pageLoop(year: number): Promise<void> {
    await activities.startStep({ year, step: STEP });
    for (let after: string | null = null; ; ) {
      const { next }: { next: string | null } = await activities.runStepPage({ year, step: STEP, after, limit: PAGE });
      if (next === null) break;
      after = next;
    }
    await activities.endStep({ year, step: STEP });
  }

  /** The per-item code in a plain loop: each employer's reminder in its own transaction, then its mail sent and marked. */
  async function itemLoop(year: number): Promise<void> {
    const ctx = { year, step: STEP, period: 'PERIOD1' as const, calendar: defaultCalendar(year), base: publicUrl };
    const rows = await orm.em.fork().execute<ReminderCandidate[]>(REMINDER_CANDIDATES, [year, null, null, 10_000_000]);
    for (const row of rows) {
      const reminder = await orm.em.fork().transactional(async (em) => {
        const to = await employerRecipients(em, [{ siret: row.employer_siret, contactEmail: row.contact_email }]);
        return remindEmployer(em, ctx, row, to.get(row.employer_siret));
      });
      if ('code' in reminder) continue;
      const em = orm.em.fork();
      for (const message of await em.find(OutboxMessage, { id: { $in: reminder.outboxIds } })) {
        await mailer.send(message);
        await em.getConnection().execute('update outbox_message set status = ?, sent_at = now(), attempts = attempts + 1 where id = ?', [OutboxStatus.SENT, message.id]);
      }
    }
  }

  const answer = (a: WorkerAnswer) => process.send!(a);
  process.on('message', (command: WorkerCommand) => {
    void (async () => {
      if (command.run === 'stop') return worker.shutdown();
      if (command.run === 'rss') {
        return answer({ maxRssMiB: process.resourceUsage().maxRSS / 1024, rssMiB: process.memoryUsage().rss / 2 ** 20 });
      }
      const before = sent;
      const start = performance.now();
      await (command.run === 'page-loop' ? pageLoop(command.year) : itemLoop(command.year));
      answer({ ms: performance.now() - start, sent: sent - before });
    })().catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  });
  const running = worker.run();
  answer({ ready: true });
  await running;
  await orm.close(true);
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
