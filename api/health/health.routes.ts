import { newRouter, type ApiContext } from '../context';
import { z } from '../http/openapi';
import { route } from '../http/route';

const Health = z
  .object({ status: z.enum(['ok', 'degraded']), database: z.enum(['ok', 'down']), temporal: z.enum(['ok', 'down']) })
  .openapi('Health');

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

const probe = (check: () => Promise<unknown>) =>
  within(check(), 2000).then(
    () => 'ok' as const,
    () => 'down' as const,
  );

export function healthRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  route(
    api,
    {
      method: 'get',
      path: '/api/health',
      summary: 'Liveness of the API and of what it depends on',
      tags: ['health'],
      public: true,
      responses: { 200: { description: 'All parts answer', schema: Health }, 503: { description: 'A part is down', schema: Health } },
    },
    async (_input, _req, res) => {
      const [database, temporal] = await Promise.all([
        probe(() => ctx.orm.em.getConnection().execute('select 1')),
        // A deadline, not only a timeout: the client stops retrying when the probe gives up.
        probe(() => ctx.temporal.connection.withDeadline(Date.now() + 2000, () => ctx.temporal.workflowService.getSystemInfo({}))),
      ]);
      const ok = database === 'ok' && temporal === 'ok';
      res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, temporal });
    },
  );
  return api.router;
}
