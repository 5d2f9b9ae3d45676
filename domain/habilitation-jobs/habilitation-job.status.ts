/**
 * Plain unions of a mass habilitation job (DOMAIN.md « Mass habilitation
 * management »), shared by its entity, its workflows, its activities and
 * the API.
 */

/**
 * PLANNED: its plan is stored (the dry-run), no process yet.
 * AWAITING_CONFIRMATION: quarantined, its removals wait for a second confirmation.
 * QUEUED: waiting for its turn in its portfolio's queue. APPLYING: its changes go in, chunk by chunk.
 * DONE: applied (see its outcome); CANCELLED and EXPIRED: nothing applied.
 */
export const JOB_STATUSES = ['PLANNED', 'AWAITING_CONFIRMATION', 'QUEUED', 'APPLYING', 'DONE', 'CANCELLED', 'EXPIRED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const CLOSED_JOB_STATUSES = ['DONE', 'CANCELLED', 'EXPIRED'] as const satisfies readonly JobStatus[];
export const isClosedJob = (s: JobStatus) => (CLOSED_JOB_STATUSES as readonly string[]).includes(s);

/** OK: every line applied; PARTIAL: some lines or changes rejected; KO: nothing could be applied. */
export const JOB_OUTCOMES = ['OK', 'PARTIAL', 'KO'] as const;
export type JobOutcome = (typeof JOB_OUTCOMES)[number];

/** Why an outcome is what it is: a stable code and its parameters, worded by the console (the dry-run's own, or OUTCOME_CODES). */
export interface OutcomeReason {
  code: string;
  params: Record<string, string | number>;
}

/** Outcomes the dry-run could not foresee: changes rejected when applied. */
export const OUTCOME_CODES = {
  /** KO: every planned change was rejected when applied. */
  ALL_CHANGES_REJECTED: 'HABILITATION_JOB.ALL_CHANGES_REJECTED',
  /** PARTIAL: some were. */
  CHANGES_REJECTED: 'HABILITATION_JOB.CHANGES_REJECTED',
} as const;

export const CHANGE_ACTIONS = ['GRANT', 'REVOKE'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/**
 * Why a planned change was skipped when applied — the cell or the portfolio
 * changed since the plan: a rejected line of the job carrying the change's
 * seq. The matrix's own codes (api/habilitations), and HOLDER_GONE for a
 * declarant radiated or gone from the company.
 */
export const APPLY_REJECTIONS = {
  /** The cell is held through another portfolio: changed from that one only, never overwritten. */
  OTHER_PORTFOLIO: 'HABILITATION.OTHER_PORTFOLIO',
  HOLDER_GONE: 'HABILITATION.HOLDER_GONE',
  SIRET_NOT_IN_PORTFOLIO: 'HABILITATION.SIRET_NOT_IN_PORTFOLIO',
  SERVICE_NOT_IN_PORTFOLIO: 'HABILITATION.SERVICE_NOT_IN_PORTFOLIO',
} as const;
