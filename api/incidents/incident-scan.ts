import type { Client } from '@temporalio/client';
import { tsToDate } from '@temporalio/common/lib/time';
import type { FailureSummary } from '../../domain/supervision/failure-cause.rules';
import { failedAttempts, isIncident } from '../../domain/supervision/incident.rules';
import { BusinessPhase, CompanySiren } from '../../workflows/search-attributes';
import { activityFailure } from '../workflows/activity-failure';
import { allOf, listExecutions, mapBounded } from '../workflows/executions';

/** How many running processes one scan describes, and how many at once (see README, « Incidents »). */
export const INCIDENT_SCAN = { maxWorkflows: 2000, concurrency: 8 };

export interface Incident {
  id: string;
  workflowId: string;
  runId: string;
  workflowType: string;
  companySiren: string | null;
  phase: string | null;
  activityId: string;
  activityType: string;
  attempt: number;
  failedAttempts: number;
  failure: FailureSummary | null;
  /** Support only (see activityFailure). */
  failureDetail: string | null;
  nextAttemptAt: string | null;
}

/**
 * Open incidents, computed now from Temporal (no copy kept): every running
 * process in scope is described, and its pending activities that failed
 * INCIDENT_FAILED_ATTEMPTS times are incidents. `scopeSiren` null is
 * support's view (all companies, with the failures' technical detail). A retry that succeeds
 * leaves nothing pending, so the incident is gone from the next scan.
 */
export async function scanIncidents(temporal: Client, scopeSiren: string | null): Promise<{ incidents: Incident[]; truncated: boolean }> {
  const query = allOf(`ExecutionStatus = 'Running'`, scopeSiren ? `CompanySiren = '${scopeSiren}'` : '');
  const running = await listExecutions(temporal, query, INCIDENT_SCAN.maxWorkflows + 1);
  const truncated = running.length > INCIDENT_SCAN.maxWorkflows;
  const described = await mapBounded(running.slice(0, INCIDENT_SCAN.maxWorkflows), INCIDENT_SCAN.concurrency, (e) =>
    temporal.workflow
      .getHandle(e.workflowId, e.runId)
      .describe()
      .catch(() => null), // closed or deleted since it was listed
  );
  const incidents = described.flatMap((d) => {
    if (!d) return [];
    return (d.raw.pendingActivities ?? []).flatMap((a) => {
      const state = { attempt: a.attempt ?? 0, lastFailure: a.lastFailure?.message ?? null };
      if (!isIncident(state)) return [];
      const activityId = a.activityId ?? '';
      return [
        {
          id: `${d.workflowId}/${activityId}`,
          workflowId: d.workflowId,
          runId: d.runId,
          workflowType: d.type,
          companySiren: d.typedSearchAttributes.get(CompanySiren) ?? null,
          phase: d.typedSearchAttributes.get(BusinessPhase) ?? null,
          activityId,
          activityType: a.activityType?.name ?? '',
          attempt: state.attempt,
          failedAttempts: failedAttempts(state),
          ...activityFailure(a.lastFailure, scopeSiren === null),
          nextAttemptAt: a.nextAttemptScheduleTime ? tsToDate(a.nextAttemptScheduleTime).toISOString() : null,
        },
      ];
    });
  });
  return { incidents, truncated };
}
