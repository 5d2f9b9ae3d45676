import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { tsToDate } from '@temporalio/common/lib/time';
import { temporal as proto } from '@temporalio/proto';
import { DomainError } from '../../domain/shared/domain-error';
import { AwaitedRole, BusinessPhase, CompanySiren, DueDate, SubjectAccount } from '../../workflows/search-attributes';
import { appendAudit } from '../../domain/audit/audit-trail';
import { Company } from '../../domain/company/company.entity';
import { auditActor } from '../../domain/account/audit-actor';
import { authOf, MANAGERS, SUPPORT_ONLY } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { listPage, ListQuery, sendList } from '../http/list-query';
import { z } from '../http/openapi';
import { route } from '../http/route';
import { temporalUiLink } from '../http/temporal-ui';
import { visibilityQuery } from './visibility-query';
import { CancelBody, TerminateBody, WorkflowDetail, WorkflowFilter, WorkflowRecord } from './workflows.schemas';

type Execution = Pick<WorkflowExecutionInfo, 'workflowId' | 'runId' | 'type' | 'status' | 'startTime' | 'closeTime' | 'typedSearchAttributes'>;

const notFound = () => new DomainError('NOT_FOUND', 'WORKFLOW.NOT_FOUND', 'Processus introuvable.');

/**
 * Supervision over Temporal visibility (no copy in our database): every
 * workflow that sets the common search attributes shows up here, whatever
 * its type. Administrators see only their company's processes.
 */
export function workflowRoutes(ctx: ApiContext) {
  const { temporal, config } = ctx;
  const api = newRouter(ctx);
  const scopeSiren = (req: Parameters<typeof authOf>[0]) => {
    const { scope, account } = authOf(req);
    return scope.kind === 'all' ? null : account.company.siren;
  };
  const record = (e: Execution, now: Date) => {
    const due = e.typedSearchAttributes.get(DueDate) ?? null;
    return {
      id: e.workflowId,
      runId: e.runId,
      type: e.type,
      status: e.status.name,
      startedAt: e.startTime.toISOString(),
      closedAt: e.closeTime ? e.closeTime.toISOString() : null,
      companySiren: e.typedSearchAttributes.get(CompanySiren) ?? null,
      subjectAccount: e.typedSearchAttributes.get(SubjectAccount) ?? null,
      phase: e.typedSearchAttributes.get(BusinessPhase) ?? null,
      awaitedRole: e.typedSearchAttributes.get(AwaitedRole) ?? null,
      dueDate: due ? due.toISOString() : null,
      overdue: e.status.name === 'RUNNING' && !!due && due < now,
      temporalUiUrl: temporalUiLink(config.temporalUiUrl, config.temporalNamespace, e),
    };
  };

  route(
    api,
    {
      method: 'get',
      path: '/api/workflows',
      summary: 'Processes with their business state, from Temporal visibility (filters: type, status, companySiren, phase, awaitedRole, overdue, started/closed between)',
      tags: ['workflows'],
      guards: [MANAGERS],
      query: ListQuery,
      responses: { 200: { description: 'One page, newest first', schema: z.array(WorkflowRecord) } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const now = new Date();
      const visibility = visibilityQuery(WorkflowFilter.parse(page.filter), now, scopeSiren(req));
      const { count } = await temporal.workflow.count(visibility || undefined);
      const executions: Execution[] = [];
      let index = 0;
      for await (const execution of temporal.workflow.list({ query: visibility || undefined, pageSize: Math.min(page.offset + page.limit, 1000) })) {
        if (index++ >= page.offset) executions.push(execution);
        if (executions.length >= page.limit) break;
      }
      sendList(res, 'workflows', page, executions.map((e) => record(e, now)), count);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/workflows/:id',
      summary: 'One process: description, its status query, pending activities (attempts, last failure, next retry) and a readable history',
      tags: ['workflows'],
      guards: [MANAGERS],
      params: z.object({ id: z.string().min(1).max(300) }),
      responses: { 200: { description: 'The process', schema: WorkflowDetail }, 404: { description: 'WORKFLOW.NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      const handle = temporal.workflow.getHandle(params.id);
      const description = await handle.describe();
      const siren = scopeSiren(req);
      if (siren && description.typedSearchAttributes.get(CompanySiren) !== siren) throw notFound();
      const [state, history] = await Promise.all([handle.query('status').catch(() => null), readableHistory(temporal, params.id)]);
      res.json({
        ...record(description, new Date()),
        state,
        pendingActivities: (description.raw.pendingActivities ?? []).map((a) => ({
          activityType: a.activityType?.name ?? '',
          attempt: a.attempt ?? 0,
          lastFailure: a.lastFailure?.message ?? null,
          nextAttemptAt: a.nextAttemptScheduleTime ? tsToDate(a.nextAttemptScheduleTime).toISOString() : null,
        })),
        history,
      });
    },
  );

  /** Support actions: audited with who and why, then sent to Temporal. */
  const act = (action: 'cancel' | 'terminate', summary: string, body: typeof CancelBody | typeof TerminateBody) =>
    route(
      api,
      {
        method: 'post',
        path: `/api/workflows/:id/${action}`,
        summary,
        tags: ['workflows'],
        guards: [SUPPORT_ONLY],
        params: z.object({ id: z.string().min(1).max(300) }),
        body,
        responses: { 202: { description: 'Requested' }, 404: { description: 'WORKFLOW.NOT_FOUND' } },
      },
      async ({ params, body: { reason } }, req, res) => {
        const handle = temporal.workflow.getHandle(params.id);
        const description = await handle.describe();
        if (description.status.name !== 'RUNNING') {
          throw new DomainError('CONFLICT', 'WORKFLOW.NOT_RUNNING', 'Ce processus est déjà terminé.');
        }
        const { account } = authOf(req);
        const siren = description.typedSearchAttributes.get(CompanySiren);
        await ctx.orm.em.fork().transactional(async (em) => {
          const company = siren ? await em.getRepository(Company).findBySiren(siren) : null;
          appendAudit(em, {
            companyId: company?.id ?? null,
            ...auditActor(account),
            action: action === 'cancel' ? 'WORKFLOW.CANCEL_REQUESTED' : 'WORKFLOW.TERMINATED',
            targetType: 'Workflow',
            targetId: params.id,
            before: { status: description.status.name, phase: description.typedSearchAttributes.get(BusinessPhase) ?? null },
            after: { reason: reason ?? null },
          });
        });
        if (action === 'cancel') await handle.cancel();
        else await handle.terminate(reason);
        res.status(202).json({ id: params.id, requested: action });
      },
    );
  act('cancel', 'Cancel a process gracefully (support)', CancelBody);
  act('terminate', 'Terminate a process at once, with a mandatory reason (support)', TerminateBody);

  return api.router;
}

async function readableHistory(temporal: Client, workflowId: string) {
  const { events } = await temporal.workflow.getHandle(workflowId).fetchHistory();
  return (events ?? []).map((e) => ({
    eventId: String(e.eventId),
    eventType: proto.api.enums.v1.EventType[e.eventType ?? 0].replace(/^EVENT_TYPE_/, ''),
    at: e.eventTime ? tsToDate(e.eventTime).toISOString() : '',
  }));
}
