import { rightsBits, type CellValue } from './cell-rights.rules';
import { DEFAULT_RIGHTS, type PlannedChange } from './planned-change';
import { ELSEWHERE, HELD, type PortfolioIndex } from './portfolio-index';

/**
 * What a request does to each cell it names, against the portfolio's
 * current habilitations: only real changes become planned changes; a grant
 * of the rights already held, or the removal of nothing, is « unchanged ».
 * linesRead and rejected count lines; the others count cells.
 */
export interface PlanCounts {
  linesRead: number;
  rejected: number;
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

export const noCounts = (): PlanCounts => ({ linesRead: 0, rejected: 0, added: 0, removed: 0, changed: 0, unchanged: 0 });

export type Effect = 'added' | 'removed' | 'changed' | 'unchanged';

export interface PlannedCell {
  effect: Effect;
  change: PlannedChange | null;
}

const UNCHANGED: PlannedCell = Object.freeze({ effect: 'unchanged', change: null });

/**
 * SET: a habilitations file's cell, exactly these rights or none; a cell the
 * declarant holds through another portfolio cannot be set from this one
 * (null: the line is refused). ENSURE: an establishments line's or a service
 * request's addition, which creates what is missing and leaves every
 * existing cell as it is (never lowering rights someone chose).
 */
export function planCell(
  index: PortfolioIndex,
  line: number,
  at: { account: number; siret: number; service: number },
  wanted: Exclude<CellValue, { action: 'KEEP' }>,
  mode: 'SET' | 'ENSURE',
): PlannedCell | null {
  const cell = index.cell(at.account, at.siret, at.service);
  if (cell & ELSEWHERE) return mode === 'SET' ? null : UNCHANGED;
  const accountId = index.accountIds[at.account];
  const siret = index.sirets[at.siret];
  const serviceCode = index.serviceCodes[at.service];
  if (wanted.action === 'REVOKE') return cell & HELD ? { effect: 'removed', change: { line, accountId, siret, serviceCode, action: 'REVOKE' } } : UNCHANGED;
  if (!(cell & HELD)) return { effect: 'added', change: { line, accountId, siret, serviceCode, action: 'GRANT', rights: wanted.rights } };
  if (mode === 'ENSURE' || (cell & 7) === rightsBits(wanted.rights)) return UNCHANGED;
  return { effect: 'changed', change: { line, accountId, siret, serviceCode, action: 'GRANT', rights: wanted.rights } };
}

/** Counts the cells of an accepted line (or request) and gives its changes. */
export function commit(counts: PlanCounts, cells: PlannedCell[]): PlannedChange[] {
  const changes: PlannedChange[] = [];
  for (const { effect, change } of cells) {
    counts[effect]++;
    if (change) changes.push(change);
  }
  return changes;
}

export const range = (n: number) => Array.from({ length: n }, (_, i) => i);

const DEFAULT_GRANT = { action: 'GRANT', rights: DEFAULT_RIGHTS } as const;
const REVOKE = { action: 'REVOKE' } as const;

/** An addition across the portfolio: the default rights (as a `1`) on each of these accounts × SIRETs × services, created where missing. */
export function ensureDefault(index: PortfolioIndex, line: number, accounts: readonly number[], sirets: readonly number[], services: readonly number[]): PlannedCell[] {
  const cells: PlannedCell[] = [];
  for (const siret of sirets) {
    for (const account of accounts) {
      for (const service of services) cells.push(planCell(index, line, { account, siret, service }, DEFAULT_GRANT, 'ENSURE')!);
    }
  }
  return cells;
}

/** A removal across the portfolio: every habilitation granted through it on these SIRETs × services, whoever holds it. */
export function revokeHeld(index: PortfolioIndex, line: number, sirets: readonly number[], services: readonly number[]): PlannedCell[] {
  const cells: PlannedCell[] = [];
  for (const siret of sirets) {
    for (let account = 0; account < index.accountIds.length; account++) {
      for (const service of services) {
        if (index.cell(account, siret, service) & HELD) cells.push(planCell(index, line, { account, siret, service }, REVOKE, 'ENSURE')!);
      }
    }
  }
  return cells;
}
