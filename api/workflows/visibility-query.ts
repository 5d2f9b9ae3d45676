import { idList } from '../http/list-query';
import type { WORKFLOW_STATUSES, WorkflowFilter } from './workflows.schemas';

/** SDK status names (as the console spells them) → the names visibility queries use. */
export const VISIBILITY_STATUS: Record<(typeof WORKFLOW_STATUSES)[number], string> = {
  RUNNING: 'Running',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELLED: 'Canceled',
  TERMINATED: 'Terminated',
  CONTINUED_AS_NEW: 'ContinuedAsNew',
  TIMED_OUT: 'TimedOut',
};

/** The processes of a getMany (ids checked by WorkflowIds: no quote reaches here). */
export function workflowIdsClause(id: string | string[]): string {
  const ids = idList(id) ?? [];
  return ids.length ? `WorkflowId IN (${ids.map((i) => `'${i}'`).join(', ')})` : `WorkflowId = ''`;
}

/**
 * The Temporal visibility query for a list filter. Values were checked by
 * the zod schema (no quotes can reach here). `companySiren` of the caller's
 * scope, when given, always applies: an administrator sees only his company.
 */
export function visibilityQuery(filter: WorkflowFilter & { id?: string | string[] }, now: Date, scopeSiren: string | null): string {
  const parts: string[] = [];
  if (filter.id !== undefined) parts.push(workflowIdsClause(filter.id));
  const siren = scopeSiren ?? filter.companySiren;
  if (siren) parts.push(`CompanySiren = '${siren}'`);
  if (scopeSiren && filter.companySiren && filter.companySiren !== scopeSiren) parts.push(`CompanySiren = '${filter.companySiren}'`);
  if (filter.type) parts.push(`WorkflowType = '${filter.type}'`);
  if (filter.status) parts.push(`ExecutionStatus = '${VISIBILITY_STATUS[filter.status]}'`);
  if (filter.phase) parts.push(`BusinessPhase = '${filter.phase}'`);
  if (filter.awaitedRole) parts.push(`ExecutionStatus = 'Running' AND AwaitedRole = '${filter.awaitedRole}'`);
  if (filter.overdue) parts.push(`ExecutionStatus = 'Running' AND DueDate < '${now.toISOString()}'`);
  if (filter.startedAfter) parts.push(`StartTime >= '${filter.startedAfter}'`);
  if (filter.startedBefore) parts.push(`StartTime <= '${filter.startedBefore}'`);
  if (filter.closedAfter) parts.push(`CloseTime >= '${filter.closedAfter}'`);
  if (filter.closedBefore) parts.push(`CloseTime <= '${filter.closedBefore}'`);
  return parts.join(' AND ');
}
