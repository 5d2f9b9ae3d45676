import 'reflect-metadata';
import { appendFileSync } from 'node:fs';
import { DefaultLogger, makeTelemetryFilterString, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import type { MailContent } from '../../activities/mail/mail-content';
import type { Mailer } from '../../activities/mail/mailer';
import { createCampaignActivities } from '../../activities/soltea/campaign.activities';
import { createOrm } from '../../platform/orm';

/**
 * A worker in a process of its own (forked with -r test/helpers/ts-register.js),
 * so a test can SIGKILL it: the campaign activities on FANOUT_TASK_QUEUE, the
 * shared workflow bundle, and a mailer that appends each mail it is handed
 * (outbox id and key, recipient) to FANOUT_MAIL_LOG — written at once, so
 * what a killed worker sent is on disk.
 */
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

async function main(): Promise<void> {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), console: {} } },
  });
  const log = env('FANOUT_MAIL_LOG');
  const delayMs = Number(process.env.FANOUT_MAIL_DELAY_MS ?? 0);
  const mailer: Mailer = {
    async send(mail: MailContent & { id?: string; dedupeKey?: string }) {
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      appendFileSync(log, `${JSON.stringify({ id: mail.id, key: mail.dedupeKey, to: mail.to, pid: process.pid })}\n`);
    },
    async close() {},
    describe: () => `mail log ${log}`,
  };
  const orm = await createOrm({ databaseUrl: env('FANOUT_DATABASE_URL'), poolMax: 4 });
  const connection = await NativeConnection.connect({ address: env('FANOUT_TEMPORAL_ADDRESS') });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: env('FANOUT_TASK_QUEUE'),
    workflowBundle: { codePath: env('TEST_WORKFLOW_BUNDLE') },
    activities: createCampaignActivities({ orm, mailer, publicUrl: 'http://console.test' }),
  });
  process.send?.('ready');
  process.once('SIGTERM', () => worker.shutdown());
  await worker.run();
  await orm.close(true);
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
