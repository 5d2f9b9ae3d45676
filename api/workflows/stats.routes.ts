import { defaultPayloadConverter, type Client } from '@temporalio/client';
import { MANAGERS } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import type { ApiRouter } from '../http/route';
import { route } from '../http/route';
import { scanIncidents } from '../incidents/incident-scan';
import { allOf, listExecutions, mapBounded } from './executions';
import { VISIBILITY_STATUS, visibilityQuery } from './visibility-query';
import { scopeSirenOf, workflowRecord } from './workflow-record';
import { WorkflowStats } from './workflows.schemas';

/** Running processes read to count them by type and phase (visibility groups by ExecutionStatus only). */
export const STATS_RUNNING_LIMIT = 5000;
const DAYS = 30;
const DAY_MS = 86_400_000;

/** GET /api/workflows/stats: the console home's figures, over Temporal visibility, in the caller's scope. */
export function statsRoute(api: ApiRouter, ctx: ApiContext): void {
  const { temporal } = ctx;
  route(
    api,
    {
      method: 'get',
      path: '/api/workflows/stats',
      summary: 'Running processes by type and phase, counts by status, overdue, open incidents, started/completed per day over 30 days',
      tags: ['workflows'],
      guards: [MANAGERS],
      responses: { 200: { description: 'Figures in the caller’s scope', schema: WorkflowStats } },
    },
    async (_input, req, res) => {
      const now = new Date();
      const siren = scopeSirenOf(req);
      const scope = siren ? `CompanySiren = '${siren}'` : '';
      const [running, byStatus, overdue, incidents, perDay] = await Promise.all([
        listExecutions(temporal, allOf(`ExecutionStatus = 'Running'`, scope), STATS_RUNNING_LIMIT + 1),
        countByStatus(temporal, scope),
        temporal.workflow.count(visibilityQuery({ overdue: true }, now, siren)),
        scanIncidents(temporal, siren),
        startedAndCompletedPerDay(temporal, scope, now),
      ]);
      const groups = new Map<string, { type: string; phase: string | null; count: number }>();
      for (const w of running.slice(0, STATS_RUNNING_LIMIT).map((e) => workflowRecord(e, now, ctx.config))) {
        const key = `${w.type}\u0000${w.phase ?? ''}`;
        const group = groups.get(key) ?? { type: w.type, phase: w.phase, count: 0 };
        group.count++;
        groups.set(key, group);
      }
      res.json({
        running: [...groups.values()].sort((a, b) => a.type.localeCompare(b.type) || (a.phase ?? '').localeCompare(b.phase ?? '')),
        runningTotal: byStatus.RUNNING ?? 0,
        truncated: running.length > STATS_RUNNING_LIMIT,
        byStatus,
        overdue: overdue.count,
        openIncidents: incidents.incidents.length,
        perDay,
      });
    },
  );
}

/** One CountWorkflowExecutions … GROUP BY ExecutionStatus, keyed by the API's status names. */
async function countByStatus(temporal: Client, scope: string): Promise<Record<string, number>> {
  const { groups } = await temporal.workflowService.countWorkflowExecutions({
    namespace: temporal.options.namespace,
    query: `${scope} GROUP BY ExecutionStatus`.trim(),
  });
  const names = Object.fromEntries(Object.entries(VISIBILITY_STATUS).map(([name, visible]) => [visible, name]));
  const counts: Record<string, number> = {};
  for (const group of groups ?? []) {
    const value = defaultPayloadConverter.fromPayload<string>(group.groupValues![0]);
    counts[names[value] ?? value] = Number(group.count ?? 0);
  }
  return counts;
}

/** Started and completed processes per UTC day, the last 30 days (two counts a day, a few at once). */
async function startedAndCompletedPerDay(temporal: Client, scope: string, now: Date) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days = Array.from({ length: DAYS }, (_, i) => today - (DAYS - 1 - i) * DAY_MS);
  const between = (field: string, day: number) =>
    `${field} >= '${new Date(day).toISOString()}' AND ${field} < '${new Date(day + DAY_MS).toISOString()}'`;
  return mapBounded(days, 6, async (day) => {
    const [started, completed] = await Promise.all([
      temporal.workflow.count(allOf(scope, between('StartTime', day))),
      temporal.workflow.count(allOf(scope, `ExecutionStatus = 'Completed'`, between('CloseTime', day))),
    ]);
    return { day: new Date(day).toISOString().slice(0, 10), started: started.count, completed: completed.count };
  });
}
