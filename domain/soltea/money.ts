/** Money is in integer cents; shares in basis points (1 % = 100, 100 % = 10 000). */
export const FULL_SHARE_BP = 10_000;

/**
 * Splits `total` cents in proportion to non-negative integer weights: each
 * part rounded down, then the cents left over one by one to the largest
 * remainders (ties to the earlier part). The parts sum exactly to `total`.
 */
export function largestRemainder(total: number, weights: number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`largestRemainder: total ${total} is not a non-negative integer of cents`);
  const sum = weights.reduce((a, w) => a + BigInt(w), 0n);
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('largestRemainder: weights must be non-negative integers');
  if (sum === 0n) {
    if (total === 0) return weights.map(() => 0);
    throw new RangeError('largestRemainder: nothing to share into');
  }
  const t = BigInt(total);
  const parts = weights.map((w) => (t * BigInt(w)) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (t * BigInt(w)) % sum }));
  let left = Number(t - parts.reduce((a, p) => a + p, 0n));
  remainders.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i] += 1n;
    left--;
  }
  return parts.map(Number);
}

export interface Share {
  establishmentSiret: string;
  shareBp: number;
}

/** An employer's balance split by his shares: each establishment's cents, and what stays unallocated; together exactly the balance. */
export function splitBalance(balanceCents: number, shares: Share[]): { amounts: { establishmentSiret: string; cents: number }[]; unallocatedCents: number } {
  const allocated = shares.reduce((a, s) => a + s.shareBp, 0);
  if (allocated > FULL_SHARE_BP) throw new RangeError(`splitBalance: shares total ${allocated} bp > 100 %`);
  const parts = largestRemainder(balanceCents, [...shares.map((s) => s.shareBp), FULL_SHARE_BP - allocated]);
  return { amounts: shares.map((s, i) => ({ establishmentSiret: s.establishmentSiret, cents: parts[i] })), unallocatedCents: parts[shares.length] };
}

/**
 * What a transfer pays each establishment: the split of the current balance
 * minus what earlier transfers already paid it — a correction that raised
 * the balance pays the difference, one that lowered it claws nothing back.
 */
export function transferDue(balanceCents: number, shares: Share[], alreadyPaid: ReadonlyMap<string, number>): { establishmentSiret: string; cents: number }[] {
  return splitBalance(balanceCents, shares)
    .amounts.map(({ establishmentSiret, cents }) => ({ establishmentSiret, cents: Math.max(0, cents - (alreadyPaid.get(establishmentSiret) ?? 0)) }))
    .filter((a) => a.cents > 0);
}

export interface EligibleEstablishment {
  siret: string;
  region: string;
  /** Trainings for occupations in shortage it offers (the 60 % part is shared by them). */
  shortageTrainings: number;
}

export interface DistributionParameters {
  /** Share of the unallocated funds shared equally among the eligible establishments of each region (40 % in 2025). */
  equalShareBp: number;
}

export const DEFAULT_DISTRIBUTION: DistributionParameters = { equalShareBp: 4_000 };

export interface DistributionLine {
  siret: string;
  equalCents: number;
  shortageCents: number;
}

/**
 * The unallocated funds (per employer region; null for an employer whose
 * region is unknown): the equal share of each region's funds goes in equal
 * parts to that region's eligible establishments (to all of them when the
 * region has none or is unknown); the rest of every region's funds goes to
 * the establishments offering shortage-occupation trainings, in proportion
 * to how many they offer (equally to all when none does). Every cent is
 * given; `undistributedCents` is not zero only when nobody is eligible.
 */
export function distributeUnallocated(
  unallocatedByRegion: ReadonlyMap<string | null, number>,
  establishments: EligibleEstablishment[],
  { equalShareBp }: DistributionParameters,
): { lines: DistributionLine[]; undistributedCents: number } {
  const total = [...unallocatedByRegion.values()].reduce((a, c) => a + c, 0);
  if (!establishments.length) return { lines: [], undistributedCents: total };
  const sorted = [...establishments].sort((a, b) => a.siret.localeCompare(b.siret));
  const lines = new Map(sorted.map((e) => [e.siret, { siret: e.siret, equalCents: 0, shortageCents: 0 }]));
  let shortagePool = 0;
  const regions = [...unallocatedByRegion.entries()].sort(([a], [b]) => (a ?? '').localeCompare(b ?? ''));
  for (const [region, cents] of regions) {
    const [equal, rest] = largestRemainder(cents, [equalShareBp, FULL_SHARE_BP - equalShareBp]);
    shortagePool += rest;
    const local = sorted.filter((e) => e.region === region);
    const recipients = local.length ? local : sorted;
    largestRemainder(equal, recipients.map(() => 1)).forEach((c, i) => (lines.get(recipients[i].siret)!.equalCents += c));
  }
  const offering = sorted.filter((e) => e.shortageTrainings > 0);
  const recipients = offering.length ? offering : sorted;
  largestRemainder(shortagePool, recipients.map((e) => (offering.length ? e.shortageTrainings : 1))).forEach(
    (c, i) => (lines.get(recipients[i].siret)!.shortageCents += c),
  );
  return { lines: [...lines.values()], undistributedCents: 0 };
}
