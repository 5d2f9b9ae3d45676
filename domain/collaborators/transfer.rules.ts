import type { RightCell, RightOutcome } from './collaborators.status';

/** A habilitation cell is one SIRET × one service for one holder (the unique key of `habilitation`). */
export const cellKey = (r: Pick<RightCell, 'siret' | 'serviceCode'>) => `${r.siret}|${r.serviceCode}`;

export interface TransferPlan {
  /** What the target holds afterwards: one cell per SIRET × service. */
  union: RightCell[];
  /** Per right of the leaver: moved as it was, or merged into a cell the target already held. */
  outcomes: Array<{ right: RightCell; outcome: RightOutcome }>;
}

/**
 * The rule a transfer applies (in SQL: `insert … on conflict do update`):
 * the target ends with the union of both sets, no cell twice; where he
 * already held the cell, he keeps his portfolio and each flag is OR-ed.
 */
export function planTransfer(leaver: RightCell[], target: RightCell[]): TransferPlan {
  const union = new Map(target.map((r) => [cellKey(r), { ...r }]));
  const outcomes = leaver.map((right) => {
    const held = union.get(cellKey(right));
    if (!held) {
      union.set(cellKey(right), { ...right });
      return { right, outcome: 'TRANSFERRED' as const };
    }
    held.canDeclare ||= right.canDeclare;
    held.canPay ||= right.canPay;
    held.canConsult ||= right.canConsult;
    return { right, outcome: 'ALREADY_HELD' as const };
  });
  return { union: [...union.values()], outcomes };
}
