import 'reflect-metadata';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import { createOrm } from '../platform/orm';
import { onShutdown } from '../platform/shutdown';
import { connectTemporalClient } from '../platform/temporal';
import { startAccessCache } from './access/access-cache';
import { createApp } from './app';

/** The API process: `npm run api`. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('api', config.logLevel);
  const orm = await createOrm({ databaseUrl: config.databaseUrl });
  const temporal = await connectTemporalClient({ address: config.temporalAddress, namespace: config.temporalNamespace });
  const accessCache = await startAccessCache({ databaseUrl: config.databaseUrl, orm, logger });
  const app = createApp({ orm, temporal, config, logger, accessCache });
  const server = app.listen(config.port, config.host, () => {
    logger.info({ url: `http://${config.host}:${config.port}` }, 'API listening');
  });
  onShutdown(logger, async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await temporal.connection.close();
    await accessCache.close();
    await orm.close();
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
