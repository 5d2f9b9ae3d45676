import { FULL_SHARE_BP } from './money';

/** A share as people type it: a percentage with at most two decimals. */
export interface TypedShare {
  establishmentSiret: string;
  percent: number;
}

export type AllocationRefusal =
  | { code: 'SOLTEA.WINDOW_CLOSED'; field: null }
  | { code: 'SOLTEA.CHOICES_FROZEN'; field: null }
  | { code: 'SOLTEA.NO_BALANCE'; field: null }
  | { code: 'SOLTEA.PERCENT_INVALID'; field: string }
  | { code: 'SOLTEA.PERCENT_DECIMALS'; field: string }
  | { code: 'SOLTEA.DUPLICATE_ESTABLISHMENT'; field: string }
  | { code: 'SOLTEA.NOT_ELIGIBLE'; field: string }
  | { code: 'SOLTEA.TOTAL_OVER_100'; field: null; totalBp: number };

/** A percentage in basis points, or null when it has more than two decimals. */
export function basisPoints(percent: number): number | null {
  const bp = Math.round(percent * 100);
  return Math.abs(bp - percent * 100) < 1e-6 ? bp : null;
}

export interface AllocationContext {
  /** A designation period is open. */
  periodOpen: boolean;
  /** The employer's choices were transferred (frozen). */
  frozen: boolean;
  hasBalance: boolean;
  eligible: ReadonlySet<string>;
}

/**
 * Why an employer's new choices are refused, or null: only while a period
 * is open, before they are frozen, with a balance; each share above 0 and
 * at most 100 %, two decimals, once per establishment, to an eligible one;
 * a total of at most 100 %.
 */
export function allocationRefusal(shares: TypedShare[], ctx: AllocationContext): AllocationRefusal | null {
  if (!ctx.periodOpen) return { code: 'SOLTEA.WINDOW_CLOSED', field: null };
  if (ctx.frozen) return { code: 'SOLTEA.CHOICES_FROZEN', field: null };
  if (!ctx.hasBalance) return { code: 'SOLTEA.NO_BALANCE', field: null };
  const seen = new Set<string>();
  let totalBp = 0;
  for (const [i, { establishmentSiret, percent }] of shares.entries()) {
    const field = `allocations.${i}`;
    if (!Number.isFinite(percent) || percent <= 0 || percent > 100) return { code: 'SOLTEA.PERCENT_INVALID', field: `${field}.percent` };
    const bp = basisPoints(percent);
    if (bp === null) return { code: 'SOLTEA.PERCENT_DECIMALS', field: `${field}.percent` };
    if (seen.has(establishmentSiret)) return { code: 'SOLTEA.DUPLICATE_ESTABLISHMENT', field: `${field}.establishmentSiret` };
    seen.add(establishmentSiret);
    if (!ctx.eligible.has(establishmentSiret)) return { code: 'SOLTEA.NOT_ELIGIBLE', field: `${field}.establishmentSiret` };
    totalBp += bp;
  }
  if (totalBp > FULL_SHARE_BP) return { code: 'SOLTEA.TOTAL_OVER_100', field: null, totalBp };
  return null;
}

/** Choices covering the whole balance at a transfer are frozen (DOMAIN.md). */
export const coversWholeBalance = (sharesBp: number[]) => sharesBp.reduce((a, b) => a + b, 0) === FULL_SHARE_BP;
