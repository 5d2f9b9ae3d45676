import { DomainError } from '../../domain/shared/domain-error';
import { CompanySiren } from '../../workflows/search-attributes';
import { authOf, MANAGERS, SUPPORT_ONLY } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { idList, idsFilter, listPage, listQuery, NoFilter, sendList } from '../http/list-query';
import { z } from '../http/openapi';
import { route } from '../http/route';
import { ActivityFailure, activityFailure } from '../workflows/activity-failure';
import { auditSupportAction } from '../workflows/support-audit';
import { scopeSirenOf } from '../workflows/workflow-record';
import { scanIncidents } from './incident-scan';

const Incident = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    runId: z.string(),
    workflowType: z.string(),
    companySiren: z.string().nullable(),
    phase: z.string().nullable(),
    activityId: z.string(),
    activityType: z.string(),
    attempt: z.number(),
    failedAttempts: z.number(),
    ...ActivityFailure,
    nextAttemptAt: z.string().nullable(),
  })
  .openapi('Incident');

/** Activities failing again and again in running processes; support asks for an immediate retry. */
export function incidentRoutes(ctx: ApiContext) {
  const { temporal, config } = ctx;
  const api = newRouter(ctx);

  route(
    api,
    {
      method: 'get',
      path: '/api/incidents',
      summary: 'Activities that failed 3 attempts or more in running processes (computed from Temporal at each call)',
      tags: ['incidents'],
      guards: [MANAGERS],
      query: listQuery(NoFilter, idsFilter(z.string().min(1).max(601))),
      responses: { 200: { description: 'Open incidents, the most failed first', schema: z.array(Incident) } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const { incidents: open } = await scanIncidents(temporal, scopeSirenOf(req));
      const ids = idList(page.filter.id);
      const incidents = ids ? open.filter((i) => ids.includes(i.id)) : open;
      incidents.sort((a, b) => b.failedAttempts - a.failedAttempts || a.id.localeCompare(b.id));
      sendList(res, 'incidents', page, incidents.slice(page.offset, page.offset + page.limit), incidents.length);
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/incidents/:workflowId/:activityId/retry',
      summary: 'Retry a failing activity now (Temporal ResetActivity: attempts start again from 1), audited (support)',
      tags: ['incidents'],
      guards: [SUPPORT_ONLY],
      params: z.object({ workflowId: z.string().min(1).max(300), activityId: z.string().min(1).max(300) }),
      body: z.object({ reason: z.multilineText().trim().max(500).optional() }).openapi('RetryIncident'),
      responses: { 202: { description: 'Scheduled again' }, 404: { description: 'INCIDENT.NOT_FOUND' } },
    },
    async ({ params, body: { reason } }, req, res) => {
      const description = await temporal.workflow.getHandle(params.workflowId).describe();
      const activity = (description.raw.pendingActivities ?? []).find((a) => a.activityId === params.activityId);
      if (description.status.name !== 'RUNNING' || !activity) {
        throw new DomainError('NOT_FOUND', 'INCIDENT.NOT_FOUND', 'Cette activité n’est plus en attente : l’incident est clos.');
      }
      const { account } = authOf(req);
      await auditSupportAction(ctx.orm, account, {
        action: 'INCIDENT.RETRY_REQUESTED',
        targetType: 'Activity',
        targetId: `${params.workflowId}/${params.activityId}`,
        companySiren: description.typedSearchAttributes.get(CompanySiren) ?? null,
        before: { activityType: activity.activityType?.name ?? null, attempt: activity.attempt ?? 0, failure: activityFailure(activity.lastFailure, false).failure },
        after: { reason: reason ?? null },
      });
      await temporal.workflowService.resetActivity({
        namespace: config.temporalNamespace,
        execution: { workflowId: params.workflowId, runId: description.runId },
        id: params.activityId,
        identity: `${account.firstName} ${account.lastName} (console)`,
      });
      res.status(202).json({ workflowId: params.workflowId, activityId: params.activityId, requested: 'retry' });
    },
  );

  return api.router;
}
