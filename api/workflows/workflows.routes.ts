import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { tsToDate } from '@temporalio/common/lib/time';
import { temporal as proto } from '@temporalio/proto';
import type { Request } from 'express';
import type { Account } from '../../domain/account/account.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { BusinessPhase, CompanySiren } from '../../workflows/search-attributes';
import { authOf, MANAGERS, SUPPORT_ONLY } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { listPage, listQuery, sendList } from '../http/list-query';
import { z } from '../http/openapi';
import { route } from '../http/route';
import { listSort } from '../http/list-sort';
import { batchRoutes } from './batch.routes';
import { consoleCommandsOf } from './console-commands';
import { actingTemporal, consoleIdentity } from './acting-client';
import { activityFailure } from './activity-failure';
import { readableHistory } from './readable-history';
import { allOf, listExecutions, listLatestRuns } from './executions';
import { statsRoute } from './stats.routes';
import { auditSupportAction } from './support-audit';
import { cancelInstead, terminationOf } from './terminated-records';
import { processQuery } from './process-search';
import { workflowIdsClause } from './visibility-query';
import { scopeSirenOf, workflowRecord } from './workflow-record';
import { CancelBody, CommandBody, ResetBody, TerminateBody, WorkflowDetail, WorkflowFilter, WorkflowIds, WorkflowRecord } from './workflows.schemas';

const notFound = () => new DomainError('NOT_FOUND', 'WORKFLOW.NOT_FOUND', 'Processus introuvable.');
const notRunning = () => new DomainError('CONFLICT', 'WORKFLOW.NOT_RUNNING', 'Ce processus est déjà terminé.');
const stepRunning = () =>
  new DomainError('CONFLICT', 'WORKFLOW.STEP_RUNNING', 'Une étape de ce processus s’exécute en ce moment : réessayez dans un instant, ou annulez-le (il attend alors la fin de l’étape).');
const { EventType, PendingActivityState } = proto.api.enums.v1;
const { History } = proto.api.history.v1;
const WorkflowId = z.object({ id: z.string().min(1).max(300) });
const RunId = z.string().uuid('Identifiant d’exécution invalide');
/** The runs a process page lists at most. */
const MAX_RUNS = 50;
/** Columns a process list sorts on; visibility orders by start only, so other orders sort the SORT_WINDOW newest. */
const SORTABLE = ['startedAt', 'closedAt', 'dueDate', 'type', 'phase', 'status'];
const SORT_WINDOW = 1000;
/** Nulls last whatever the direction (a running process has no close date, a closed one no due date). */
const byField = (field: string, order: 'ASC' | 'DESC') => (a: Record<string, unknown>, b: Record<string, unknown>) => {
  const [x, y] = [a[field], b[field]] as (string | null)[];
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  return (x < y ? -1 : 1) * (order === 'ASC' ? 1 : -1);
};
/** A list shows each process once: a continue-as-new's earlier runs only when their status is asked for. */
const LATEST_RUNS = `ExecutionStatus != 'ContinuedAsNew'`;
/** Statuses a reset may repair: stuck (running), failed, timed out, stopped by hand. */
const RESETTABLE = new Set(['RUNNING', 'FAILED', 'TIMED_OUT', 'TERMINATED']);

type WorkflowDescription = Awaited<ReturnType<WorkflowHandle['describe']>>;

/**
 * Supervision over Temporal visibility (no copy in our database): every
 * workflow that sets the common search attributes shows up here, whatever
 * its type. Administrators see only their company's processes.
 */
export function workflowRoutes(ctx: ApiContext) {
  const { temporal, config } = ctx;
  const api = newRouter(ctx);

  /** The process (its latest run, or the run asked for), described, if the caller may see it (another company's → 404). */
  const visible = async (id: string, req: Request, runId?: string) => {
    const handle = temporal.workflow.getHandle(id, runId);
    const description = await handle.describe();
    const siren = scopeSirenOf(req);
    if (siren && description.typedSearchAttributes.get(CompanySiren) !== siren) throw notFound();
    return { handle, description };
  };

  route(
    api,
    {
      method: 'get',
      path: '/api/workflows',
      summary: 'Processes with their business state, from Temporal visibility (filters: type, status, companySiren, phase, awaitedRole, overdue, started/closed between)',
      tags: ['workflows'],
      guards: [MANAGERS],
      query: listQuery(WorkflowFilter, WorkflowIds),
      responses: { 200: { description: 'One page, newest first', schema: z.array(WorkflowRecord) } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const now = new Date();
      const filtered = await processQuery(ctx.orm.em.fork(), page.filter, now, authOf(req).scope, scopeSirenOf(req));
      const visibility = allOf(filtered, page.filter.status ? '' : LATEST_RUNS);
      const [field, order] = listSort(page, SORTABLE, ['startedAt', 'DESC']);
      const visibilityOrder = field === 'startedAt' && order === 'DESC';
      const [{ count }, { executions, earlierRuns }] = await Promise.all([
        temporal.workflow.count(visibility || undefined),
        listLatestRuns(temporal, visibility, visibilityOrder ? page.offset + page.limit : SORT_WINDOW),
      ]);
      const records = executions.map((e) => workflowRecord(e, now, config));
      if (!visibilityOrder) records.sort(byField(field, order));
      sendList(res, 'workflows', page, records.slice(page.offset, page.offset + page.limit), count - earlierRuns);
    },
  );

  statsRoute(api, ctx);
  batchRoutes(api, ctx);

  route(
    api,
    {
      method: 'get',
      path: '/api/workflows/:id',
      summary: 'One process: description, its status query, pending activities (attempts, last failure, next retry), a readable history and its console commands',
      tags: ['workflows'],
      guards: [MANAGERS],
      params: WorkflowId,
      query: z.object({ runId: RunId.optional().openapi({ description: 'An earlier run (see `runs`); default: the latest' }) }),
      responses: { 200: { description: 'The process', schema: WorkflowDetail }, 404: { description: 'WORKFLOW.NOT_FOUND' } },
    },
    async ({ params, query }, req, res) => {
      const { handle, description } = await visible(params.id, req, query.runId);
      const [state, history, runs] = await Promise.all([
        handle.query('status').catch(() => null),
        readableHistory(handle),
        runsOf(temporal, params.id),
      ]);
      res.json({
        ...workflowRecord(description, new Date(), config),
        state,
        runs,
        pendingActivities: (description.raw.pendingActivities ?? []).map((a) => ({
          activityType: a.activityType?.name ?? '',
          attempt: a.attempt ?? 0,
          ...activityFailure(a.lastFailure, scopeSirenOf(req) === null),
          nextAttemptAt: a.nextAttemptScheduleTime ? tsToDate(a.nextAttemptScheduleTime).toISOString() : null,
        })),
        history,
        commands: description.status.name === 'RUNNING' ? consoleCommandsOf(description.type) : [],
        terminable: description.status.name === 'RUNNING' && terminationOf(description.type)?.kind !== 'CANCEL_ONLY',
      });
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/workflows/:id/history.json',
      summary: 'The raw event history as JSON (Temporal’s History message: camelCase fields, enum names, 64-bit numbers as strings, bytes in base64), as a download (support)',
      tags: ['workflows'],
      guards: [SUPPORT_ONLY],
      params: WorkflowId,
      responses: { 200: { description: 'Attachment <workflow id>.history.json' }, 404: { description: 'WORKFLOW.NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      const { handle } = await visible(params.id, req);
      const history = await handle.fetchHistory();
      res.attachment(`${params.id}.history.json`);
      res.type('application/json').send(JSON.stringify(History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String })));
    },
  );

  /**
   * Support actions, audited with who and why. Irreversible ones are
   * recorded before they are sent; a console command only once the
   * workflow accepted it (its validator may refuse it).
   */
  const supportAction = (
    spec: { name: string; summary: string; body: z.ZodType<{ reason?: string }>; params?: z.ZodType<{ id: string; name?: string }>; conflicts?: string },
    plan: (
      handle: WorkflowHandle,
      description: WorkflowDescription,
      name: string | undefined,
      identity: string,
      acting: { temporal: Client; account: Account },
    ) => { audit: string; auditAfter?: boolean; after?: Record<string, unknown>; send: (reason: string | undefined) => Promise<Record<string, unknown>> },
  ) =>
    route(
      api,
      {
        method: 'post',
        path: `/api/workflows/:id/${spec.name}`,
        summary: spec.summary,
        tags: ['workflows'],
        guards: [SUPPORT_ONLY],
        params: spec.params ?? (WorkflowId as z.ZodType<{ id: string; name?: string }>),
        body: spec.body,
        responses: { 202: { description: 'Sent' }, 404: { description: 'WORKFLOW.NOT_FOUND' }, 409: { description: spec.conflicts ?? 'WORKFLOW.NOT_RUNNING, or the workflow refused' } },
      },
      async ({ params, body: { reason } }, req, res) => {
        const { description } = await visible(params.id, req);
        const acting = actingTemporal(temporal, req);
        const { account } = authOf(req);
        const step = plan(acting.workflow.getHandle(params.id), description, params.name, consoleIdentity(account), { temporal: acting, account });
        const audit = () =>
          auditSupportAction(ctx.orm, authOf(req).account, {
            action: step.audit,
            targetType: 'Workflow',
            targetId: params.id,
            companySiren: description.typedSearchAttributes.get(CompanySiren) ?? null,
            before: { status: description.status.name, phase: description.typedSearchAttributes.get(BusinessPhase) ?? null },
            after: { reason: reason ?? null, ...step.after },
          });
        if (!step.auditAfter) await audit();
        const result = await step.send(reason);
        if (step.auditAfter) await audit();
        res.status(202).json({ id: params.id, ...result });
      },
    );
  const running = (description: WorkflowDescription) => {
    if (description.status.name !== 'RUNNING') throw notRunning();
  };

  supportAction({ name: 'cancel', summary: 'Cancel a process gracefully (support)', body: CancelBody }, (handle, description) => {
    running(description);
    return { audit: 'WORKFLOW.CANCEL_REQUESTED', send: async () => (await handle.cancel(), { requested: 'cancel' }) };
  });

  /**
   * A terminate runs no workflow code: a process owning records has them
   * closed by the API right after (terminated-records.ts), or is refused
   * (cancel instead); one with a step running at this instant waits for it.
   */
  supportAction(
    {
      name: 'terminate',
      summary:
        'Terminate a process at once, with a mandatory reason (support). No workflow code runs: the records a process owns are closed by the API right after, audited under the support person (arrival, departure, registration); a candidacy or an address confirmation is refused (cancel it instead)',
      body: TerminateBody,
      conflicts: 'WORKFLOW.NOT_RUNNING, WORKFLOW.CANCEL_INSTEAD (its records close only when cancelled), WORKFLOW.STEP_RUNNING (one of its steps runs at this instant)',
    },
    (handle, description, _name, _identity, acting) => {
      running(description);
      const termination = terminationOf(description.type);
      if (termination?.kind === 'CANCEL_ONLY') throw cancelInstead();
      if (termination && (description.raw.pendingActivities ?? []).some((a) => a.state === PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)) throw stepRunning();
      return {
        audit: 'WORKFLOW.TERMINATED',
        send: async (reason) => {
          await handle.terminate(reason);
          if (!termination) return { requested: 'terminate' };
          const closed = await termination.close({ orm: ctx.orm, ...acting, workflowId: description.workflowId, runId: description.runId, reason: reason ?? '' });
          return { requested: 'terminate', closed };
        },
      };
    },
  );

  supportAction(
    {
      name: 'commands/:name',
      summary: 'Send a running process one of its own updates or signals that the console offers (see `commands` on the process), audited (support)',
      body: CommandBody,
      params: WorkflowId.extend({ name: z.string().regex(/^\w{1,100}$/) }),
    },
    (handle, description, name) => {
      running(description);
      const command = consoleCommandsOf(description.type).find((c) => c.name === name);
      if (!command) throw new DomainError('NOT_FOUND', 'WORKFLOW.COMMAND_NOT_FOUND', 'Cette commande n’existe pas pour ce processus.');
      return {
        audit: 'WORKFLOW.COMMAND_SENT',
        auditAfter: true,
        after: { command: command.name },
        send: async () =>
          command.kind === 'update'
            ? { command: command.name, result: (await handle.executeUpdate(command.name)) ?? null }
            : (await handle.signal(command.name), { command: command.name, result: null }),
      };
    },
  );

  supportAction(
    {
      name: 'reset',
      summary: 'Reset a failed or stuck process to its last workflow-task completion (a new run replays up to there), with a mandatory reason (support)',
      body: ResetBody,
    },
    (handle, description, _name, identity) => {
      if (!RESETTABLE.has(description.status.name)) {
        throw new DomainError('CONFLICT', 'WORKFLOW.NOT_RESETTABLE', 'Seul un processus en cours, en échec, expiré ou arrêté peut être réinitialisé.');
      }
      return {
        audit: 'WORKFLOW.RESET',
        send: async (reason) => {
          const { events } = await handle.fetchHistory();
          const last = [...(events ?? [])].reverse().find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
          if (!last) throw new DomainError('CONFLICT', 'WORKFLOW.NOT_RESETTABLE', 'Ce processus n’a encore terminé aucune tâche de workflow.');
          const { runId } = await temporal.workflowService.resetWorkflowExecution({
            namespace: config.temporalNamespace,
            workflowExecution: { workflowId: description.workflowId, runId: description.runId },
            workflowTaskFinishEventId: last.eventId,
            reason,
            requestId: randomUUID(),
            identity,
          });
          return { requested: 'reset', resetToEventId: String(last.eventId), runId };
        },
      };
    },
  );

  return api.router;
}

/** Every run of a workflow id, newest first (a reset or a continue-as-new starts a new one). */
async function runsOf(temporal: Client, workflowId: string) {
  const runs = await listExecutions(temporal, workflowIdsClause(workflowId), MAX_RUNS);
  return runs.map((e) => ({ runId: e.runId, status: e.status.name, startedAt: e.startTime.toISOString(), closedAt: e.closeTime?.toISOString() ?? null }));
}
