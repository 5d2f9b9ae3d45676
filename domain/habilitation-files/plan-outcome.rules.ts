import type { PlanReport } from './file-plan';
import { FILE_CODES, type Reason } from './habilitation-file.reasons';

/**
 * A request's outcome as its dry-run foresees it (DOMAIN.md): OK when no
 * line is rejected, PARTIAL (« OK partiel ») when some are and the others
 * apply, KO when nothing can be applied — and why: the request refused
 * (header refused, empty file, header alone, reading stopped, service not
 * in the portfolio…), or every line rejected. Pure function.
 */
export interface PlanOutcome {
  outcome: 'OK' | 'PARTIAL' | 'KO';
  reason: Reason | null;
}

export function planOutcome({ counts, refusal }: PlanReport): PlanOutcome {
  if (refusal) return { outcome: 'KO', reason: refusal };
  const { linesRead, rejected } = counts;
  if (linesRead > 0 && rejected === linesRead) return { outcome: 'KO', reason: { code: FILE_CODES.allRejected, params: { rejected } } };
  if (rejected) return { outcome: 'PARTIAL', reason: { code: FILE_CODES.linesRejected, params: { rejected, linesRead } } };
  return { outcome: 'OK', reason: null };
}
