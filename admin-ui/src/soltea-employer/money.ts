/**
 * Pure helpers of the SOLTéA pages: percentages in basis points (two
 * decimals, as the API keeps them), each establishment's share of a balance
 * by the largest remainder (what the API computes: the parts sum exactly to
 * the balance's allocated part), euros and days in the console's language.
 */

/** « 33,33 » or « 33.33 » → 3333; null when not a number with two decimals at most. */
export function basisPoints(text: string): number | null {
  const match = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/**
 * The cents each share receives of `balanceCents`, as the API splits it
 * (domain/soltea/money.ts): the shares and the unallocated rest are the
 * weights, floors first, then the cents left to the largest remainders
 * (ties to the first). Shares over 100 % in total: nothing (the editor refuses them).
 */
export function splitCents(balanceCents: number, sharesBp: number[]): number[] {
  const allocated = sharesBp.reduce((sum, bp) => sum + bp, 0);
  if (allocated > 10_000 || balanceCents <= 0) return sharesBp.map(() => 0);
  const weights = [...sharesBp, 10_000 - allocated];
  const total = BigInt(balanceCents);
  const parts = weights.map((w) => (total * BigInt(w)) / 10_000n);
  const remainders = weights.map((w, i) => ({ i, r: (total * BigInt(w)) % 10_000n }));
  let left = Number(total - parts.reduce((a, p) => a + p, 0n));
  remainders.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  for (const { i } of remainders) {
    if (left === 0) break;
    parts[i] += 1n;
    left--;
  }
  return parts.slice(0, sharesBp.length).map(Number);
}

const tag = (locale: string) => (locale === 'en' ? 'en-GB' : 'fr-FR');

export const euros = (cents: number, locale: string) =>
  new Intl.NumberFormat(tag(locale), { style: 'currency', currency: 'EUR' }).format(cents / 100);

export const percent = (value: number, locale: string) =>
  `${new Intl.NumberFormat(tag(locale), { minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(value)} %`;

/** A calendar day (2026-07-14) as people read it: « 14 juillet 2026 ». */
export const day = (date: string, locale: string) =>
  new Intl.DateTimeFormat(tag(locale), { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T12:00:00Z`));

/** The Paris day of an instant; `lastDay` for a closing instant (the window closes at the end of the day before). */
export const parisDay = (instant: string, locale: string, lastDay = false) =>
  new Intl.DateTimeFormat(tag(locale), { timeZone: 'Europe/Paris', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(Date.parse(instant) - (lastDay ? 1 : 0)),
  );
