import { AccountRole } from '../../domain/account/account.entity';
import type { ActingRole } from '../../domain/auth/scope';
import { byUrgency } from '../../domain/supervision/task-order.rules';
import { authOf, MANAGERS } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { listPage, listQuery, sendList } from '../http/list-query';
import { z } from '../http/openapi';
import { route } from '../http/route';
import { listExecutions } from '../workflows/executions';
import { visibilityQuery } from '../workflows/visibility-query';
import { scopeSirenOf, workflowRecord } from '../workflows/workflow-record';
import { WorkflowFilter, WorkflowIds, WorkflowRecord } from '../workflows/workflows.schemas';
import { taskPage } from './task-pages';

/** The most tasks one inbox reads (it is sorted in memory: visibility cannot order by DueDate on every store). */
export const INBOX_LIMIT = 1000;

/** The awaited role each caller acts as: administrators for their company, support for all. */
const ACTS_AS: Partial<Record<ActingRole, string>> = {
  [AccountRole.ADMINISTRATOR]: 'ADMINISTRATOR',
  [AccountRole.SUPPORT]: 'SUPPORT',
};

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
      summary: 'Running processes awaiting the caller’s role (administrator: his company; support: all), overdue first, then by due date',
      tags: ['tasks'],
      guards: [MANAGERS],
      query: listQuery(TaskFilter, WorkflowIds),
      responses: { 200: { description: 'One page of the inbox', schema: z.array(Task) } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const now = new Date();
      const filter = { ...page.filter, status: 'RUNNING' as const, awaitedRole: ACTS_AS[authOf(req).role] };
      const executions = await listExecutions(ctx.temporal, visibilityQuery(filter, now, scopeSirenOf(req)), INBOX_LIMIT);
      const tasks = executions
        .map((e) => workflowRecord(e, now, ctx.config))
        .map((w) => ({ ...w, page: taskPage(w.type, w.phase, w.id) }))
        .sort(byUrgency);
      sendList(res, 'tasks', page, tasks.slice(page.offset, page.offset + page.limit), tasks.length);
    },
  );
  return api.router;
}
