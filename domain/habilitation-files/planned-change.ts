/**
 * The contract between reading a mass habilitation request (a file, or a
 * service across a portfolio) and applying it (DOMAIN.md « Mass
 * habilitation management »): a request becomes, before anything is
 * applied, a list of planned changes — each one cell of the matrix,
 * declarant × SIRET × service — stored with its job (never in a workflow's
 * history) and applied in order, in chunks.
 */

/** What an administrator asks: an establishments file, a habilitations file, or one service added to / removed from the portfolio. */
export const JOB_KINDS = ['ESTABLISHMENTS', 'HABILITATIONS', 'SERVICE'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** The rights of one cell (the matrix's D/P/C): declare, pay, consult. */
export interface CellRights {
  canDeclare: boolean;
  canPay: boolean;
  canConsult: boolean;
}

/** The rights a `1` grants: the matrix's default (declare and consult). */
export const DEFAULT_RIGHTS: CellRights = { canDeclare: true, canPay: false, canConsult: true };

/** One cell to set: GRANT gives exactly `rights` (creating or changing the habilitation), REVOKE removes it. */
export type PlannedChange =
  | { line: number; accountId: string; siret: string; serviceCode: string; action: 'GRANT'; rights: CellRights }
  | { line: number; accountId: string; siret: string; serviceCode: string; action: 'REVOKE' };

/** A line of the request that will not be applied: its number in the file (header = 1), a stable code, the code's parameters, and the line's own text (for the rejected-lines file, in the input's format). */
export interface RejectedLine {
  line: number;
  code: string;
  params: Record<string, string | number>;
  raw: string;
}
