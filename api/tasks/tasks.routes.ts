import { AccountRole } from '../../domain/account/account.entity';
import type { ActingRole } from '../../domain/auth/scope';
import { byUrgency } from '../../domain/supervision/task-order.rules';
import { authOf, MANAGERS } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { listPage, listQuery, sendList } from '../http/list-query';
import { z } from '../http/openapi';
import { route } from '../http/route';
import { DEPARTURE_WORKFLOW_TYPE } from '../../workflows/collaborator-departure/collaborator-departure.messages';
import { allOf, listExecutions } from '../workflows/executions';
import { visibilityQuery } from '../workflows/visibility-query';
import { scopeSirenOf, workflowRecord } from '../workflows/workflow-record';
import { WorkflowFilter, WorkflowIds, WorkflowRecord } from '../workflows/workflows.schemas';
import { taskPage } from './task-pages';

/** The most tasks one inbox reads (it is sorted in memory: visibility cannot order by DueDate on every store). */
export const INBOX_LIMIT = 1000;

/** Tasks awaiting a role, of any process type or of the types listed only. */
interface AwaitedTasks {
  awaitedRole: string;
  types?: string[];
}

/**
 * The tasks each caller acts on (in his scope: an administrator's company,
 * every company for support). An administrator does his administrators'
 * tasks. Support does its own, and of the administrators' tasks those an
 * operator may do in their stead: sending a waiting departure's rights
 * elsewhere (POST /api/departures/:id/target is open to support) — not a
 * candidacy's approval, which only an active administrator of the company
 * may give.
 */
const ACTS_AS: Partial<Record<ActingRole, AwaitedTasks[]>> = {
  [AccountRole.ADMINISTRATOR]: [{ awaitedRole: 'ADMINISTRATOR' }],
  [AccountRole.SUPPORT]: [{ awaitedRole: 'SUPPORT' }, { awaitedRole: 'ADMINISTRATOR', types: [DEPARTURE_WORKFLOW_TYPE] }],
};

/** The visibility clause of the tasks a caller acts on (values are our own constants: no quote reaches here). */
function awaitedClause(tasks: AwaitedTasks[]): string {
  const one = ({ awaitedRole, types }: AwaitedTasks) =>
    allOf(`AwaitedRole = '${awaitedRole}'`, types ? `WorkflowType IN (${types.map((t) => `'${t}'`).join(', ')})` : '');
  return `(${tasks.map((t) => `(${one(t)})`).join(' OR ')})`;
}

const TaskFilter = WorkflowFilter.pick({ type: true, phase: true, companySiren: true, overdue: true });

const Task = WorkflowRecord.extend({
  page: z.string().openapi({ description: 'Console route of the page where the task is done' }),
}).openapi('Task');

/** « Mes tâches »: running processes waiting for someone in the caller's role, overdue first. */
export function taskRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  route(
    api,
    {
      method: 'get',
      path: '/api/tasks',
      summary: 'Running processes awaiting the caller: an administrator, his company’s administrators’ tasks; support, in every company, its own tasks and the administrators’ tasks it may do (waiting departures); overdue first, then by due date',
      tags: ['tasks'],
      guards: [MANAGERS],
      query: listQuery(TaskFilter, WorkflowIds),
      responses: { 200: { description: 'One page of the inbox', schema: z.array(Task) } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const now = new Date();
      const actsAs = ACTS_AS[authOf(req).role] ?? [];
      if (!actsAs.length) return sendList(res, 'tasks', page, [], 0);
      const filter = { ...page.filter, status: 'RUNNING' as const };
      const visibility = allOf(visibilityQuery(filter, now, scopeSirenOf(req)), awaitedClause(actsAs));
      const executions = await listExecutions(ctx.temporal, visibility, INBOX_LIMIT);
      const tasks = executions
        .map((e) => workflowRecord(e, now, ctx.config))
        .map((w) => ({ ...w, page: taskPage(w.type, w.phase, w.id) }))
        .sort(byUrgency);
      sendList(res, 'tasks', page, tasks.slice(page.offset, page.offset + page.limit), tasks.length);
    },
  );
  return api.router;
}
