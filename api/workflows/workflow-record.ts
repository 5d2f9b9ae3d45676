import type { WorkflowExecutionInfo } from '@temporalio/client';
import type { Request } from 'express';
import type { RuntimeConfig } from '../../platform/config';
import { AwaitedRole, BusinessPhase, CompanySiren, DueDate, SubjectAccount } from '../../workflows/search-attributes';
import { authOf } from '../auth/auth.middleware';
import { temporalUiLink } from '../http/temporal-ui';

export type Execution = Pick<
  WorkflowExecutionInfo,
  'workflowId' | 'runId' | 'type' | 'status' | 'startTime' | 'closeTime' | 'typedSearchAttributes'
>;

/** The caller's company SIREN when he is limited to it (administrators); null for support, who sees all. */
export function scopeSirenOf(req: Request): string | null {
  const { scope, account } = authOf(req);
  return scope.kind === 'all' ? null : account.company.siren;
}

/**
 * A process as supervision shows it: Temporal's facts and the business state
 * its search attributes carry. A closed process awaits nobody: its last
 * awaited role and due date are history, not a task.
 */
export function workflowRecord(e: Execution, now: Date, config: Pick<RuntimeConfig, 'temporalUiUrl' | 'temporalNamespace'>) {
  const running = e.status.name === 'RUNNING';
  const due = (running && e.typedSearchAttributes.get(DueDate)) || null;
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
    awaitedRole: (running && e.typedSearchAttributes.get(AwaitedRole)) || null,
    dueDate: due ? due.toISOString() : null,
    overdue: !!due && due < now,
    temporalUiUrl: temporalUiLink(config.temporalUiUrl, config.temporalNamespace, e),
  };
}
