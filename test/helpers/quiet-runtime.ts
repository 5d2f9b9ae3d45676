import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';

// Workers in tests log errors only (the SDK core warns about the test servers' versions).
Runtime.install({
  logger: new DefaultLogger('ERROR'),
  telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), console: {} } },
});
