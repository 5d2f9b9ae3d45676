import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createMailer } from '../activities/mail/mailer';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { createOrm } from '../platform/orm';
import { applySchedules, parseYearlyStart, scheduleDefinitions } from './schedules';
import { createWorker } from './worker';

/** The worker process: `npm run worker`. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('worker', config.logLevel);
  const orm = await createOrm({ databaseUrl: config.databaseUrl });
  const mailer = await createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const worker = await createWorker({
    connection,
    namespace: config.temporalNamespace,
    deps: { orm, mailer, publicUrl: config.publicUrl, letterKey: config.letterKey },
  });
  const schedules = await applyTheSchedules(config.temporalAddress, config.temporalNamespace, config.solteaScheduleDay, config.preventionCheckDay);
  logger.info({ mail: mailer.describe(), temporal: config.temporalAddress, schedules }, 'worker running');
  await worker.run(); // returns after SIGINT/SIGTERM: the SDK drains in-flight tasks first
  logger.info('worker stopped');
  await connection.close();
  await mailer.close();
  await orm.close();
}

/** The Schedules exist as worker/schedules.ts defines them, whichever worker starts first. */
async function applyTheSchedules(address: string, namespace: string, solteaDay: string | undefined, preventionDay: string | undefined) {
  const connection = await Connection.connect({ address });
  try {
    return await applySchedules(new Client({ connection, namespace }), scheduleDefinitions(parseYearlyStart(solteaDay), parseYearlyStart(preventionDay, 'PREVENTION_CHECK_DAY')));
  } finally {
    await connection.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
