import type { Client } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';
import type { Execution } from './workflow-record';

/**
 * At most `limit` executions matching a visibility query (newest first).
 * The server pages by 1000 at most; callers that aggregate say when they hit the cap.
 */
export async function listExecutions(temporal: Client, query: string, limit: number): Promise<Execution[]> {
  const executions: Execution[] = [];
  for await (const execution of temporal.workflow.list({ query: query || undefined, pageSize: Math.min(limit, 1000) })) {
    executions.push(execution);
    if (executions.length >= limit) break;
  }
  return executions;
}

/** How many runs beyond the page a list reads to drop the earlier runs of the processes it shows. */
const EARLIER_RUNS_READ = 1000;

/**
 * The latest run of at most `limit` processes matching a visibility query
 * (newest first): a reset or a continue-as-new leaves earlier runs of the
 * same workflow id in visibility, which the process's page lists instead.
 * `earlierRuns` counts those met on the way, to take them off the total.
 */
export async function listLatestRuns(temporal: Client, query: string, limit: number): Promise<{ executions: Execution[]; earlierRuns: number }> {
  const seen = new Set<string>();
  const executions: Execution[] = [];
  let earlierRuns = 0;
  for await (const execution of temporal.workflow.list({ query: query || undefined, pageSize: Math.min(limit + EARLIER_RUNS_READ, 1000) })) {
    if (seen.has(execution.workflowId)) earlierRuns++;
    else if (executions.length < limit) executions.push(execution);
    else break;
    seen.add(execution.workflowId);
    if (executions.length + earlierRuns >= limit + EARLIER_RUNS_READ) break;
  }
  return { executions, earlierRuns };
}

/** `fn` over every item, never more than `concurrency` at once (a bounded fan-out of Temporal calls). */
export async function mapBounded<T, R>(items: T[], concurrency: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  return results;
}

/** Joins visibility query clauses (empty ones ignored). */
export const allOf = (...clauses: string[]) => clauses.filter(Boolean).join(' AND ');

/** The `status` query's answer of a process still running, or null (closed, or not answering). */
export async function runningState<T>(temporal: Client, workflowId: string, running: boolean, query: QueryDefinition<T>): Promise<T | null> {
  return running ? temporal.workflow.getHandle(workflowId).query(query).catch(() => null) : null;
}
