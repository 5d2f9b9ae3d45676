import { RequestContext } from '@mikro-orm/core';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pinoHttp } from 'pino-http';
import { accountRoutes } from './accounts/accounts.routes';
import { auditEventRoutes } from './audit-events/audit-events.routes';
import { authenticate } from './auth/auth.middleware';
import { authRoutes } from './auth/auth.routes';
import { companyRoutes } from './companies/companies.routes';
import type { ApiContext, ApiDeps } from './context';
import { errorHandler, notFoundHandler } from './errors/error-handler';
import { establishmentRoutes } from './establishments/establishments.routes';
import { healthRoutes } from './health/health.routes';
import { createRegistry, openApiDocument } from './http/openapi';
import { outboxRoutes } from './outbox/outbox.routes';
import { registrationRoutes } from './registrations/registration.routes';
import { findProjectRoot } from '../platform/project-root';
import { staticUi } from './static-ui';
import { workflowRoutes } from './workflows/workflows.routes';
import { declarantRoutes } from './declarants/declarants.routes';
import { portfolioRoutes } from './portfolios/portfolios.routes';
import { habilitationRoutes } from './habilitations/habilitations.routes';
import { habilitationJobRoutes } from './habilitation-jobs/habilitation-jobs.routes';
import { serviceRoutes } from './services/services.routes';
import { sharedLoaders } from '../domain/access/decision.service';
import { accessRoutes, apiKeyAccessRoutes } from './access/access.routes';
import { apiKeyRoutes } from './api-keys/api-keys.routes';
import { dsnRoutes } from './dsn/dsn.routes';
import { confirmationRoutes } from './confirmations/confirmations.routes';
import { candidacyRoutes } from './candidacies/candidacies.routes';
import { letterRoutes } from './letters/letters.routes';
import { incidentRoutes } from './incidents/incidents.routes';
import { taskRoutes } from './tasks/tasks.routes';
import { arrivalRoutes } from './arrivals/arrivals.routes';
import { departureRoutes } from './departures/departures.routes';
import { obsoleteRightRoutes } from './obsolete-rights/obsolete-rights.routes';
import { solteaRoutes } from './soltea/soltea.routes';
import { preventionRoutes } from './prevention/prevention.routes';

/** The Express app, without listening (api/server.ts listens). */
export function createApp(deps: ApiDeps): Express {
  const ctx: ApiContext = { ...deps, registry: createRegistry(), decisionLoaders: sharedLoaders(() => deps.orm.em.fork()) };
  const app = express();
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(apiKeyAccessRoutes(ctx));
  const trackWrites = deps.accessCache?.trackWrites;
  if (trackWrites) app.use('/api', (req, res, next) => (req.path.startsWith('/access/decisions') ? next() : trackWrites(req, res, next)));

  app.use(helmet({ contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } } }));
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (_req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => !req.url?.startsWith('/api/') },
    }),
  );
  app.use(express.json({ limit: '1mb' }));
  app.use(cookieParser());
  app.use((_req, _res, next) => RequestContext.create(deps.orm.em, next));
  app.use('/api', authenticate(deps.orm));

  for (const routes of [
    healthRoutes,
    authRoutes,
    registrationRoutes,
    companyRoutes,
    establishmentRoutes,
    accountRoutes,
    outboxRoutes,
    auditEventRoutes,
    confirmationRoutes,
    declarantRoutes,
    serviceRoutes,
    portfolioRoutes,
    habilitationRoutes,
    habilitationJobRoutes,
    apiKeyRoutes,
    accessRoutes,
    dsnRoutes,
    workflowRoutes,
    candidacyRoutes,
    letterRoutes,
    incidentRoutes,
    taskRoutes,
    arrivalRoutes,
    departureRoutes,
    obsoleteRightRoutes,
    solteaRoutes,
    preventionRoutes,
  ]) {
    app.use(routes(ctx));
  }
  const document = openApiDocument(ctx.registry);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/api', notFoundHandler);

  const ui = staticUi(path.join(findProjectRoot(), 'admin-ui', 'dist'));
  if (ui) app.use(ui);
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
