import { OUTCOME_CODES, type JobOutcome, type OutcomeReason } from './habilitation-job.status';

export interface Outcome {
  outcome: JobOutcome;
  reason: OutcomeReason | null;
}

/**
 * A job's outcome once applied, from its dry-run's (null: none recorded,
 * taken as OK) and the changes rejected when applied: a dry-run KO stays
 * KO (nothing was applied); every change rejected is KO; a dry-run PARTIAL
 * stays PARTIAL; some changes rejected make it PARTIAL; otherwise OK.
 */
export function appliedOutcome(planned: Outcome | null, { changesTotal, changesRejected }: { changesTotal: number; changesRejected: number }): Outcome {
  if (planned?.outcome === 'KO') return planned;
  const params = { rejected: changesRejected, total: changesTotal };
  if (changesTotal > 0 && changesRejected >= changesTotal) return { outcome: 'KO', reason: { code: OUTCOME_CODES.ALL_CHANGES_REJECTED, params } };
  if (planned?.outcome === 'PARTIAL') return planned;
  if (changesRejected > 0) return { outcome: 'PARTIAL', reason: { code: OUTCOME_CODES.CHANGES_REJECTED, params } };
  return { outcome: 'OK', reason: null };
}
