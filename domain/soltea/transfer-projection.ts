import { FULL_SHARE_BP, transferDue, type Share } from './money';

/** The transfers that pay employers' choices (the unallocated distribution pays no employer's). */
export const EMPLOYER_TRANSFER_STEPS = ['TRANSFER1', 'TRANSFER2'] as const;
export type EmployerTransferStep = (typeof EMPLOYER_TRANSFER_STEPS)[number];

export type EmployerTransfer = { due: { establishmentSiret: string; cents: number }[] } | { notEligible: string };

/**
 * What a transfer pays an employer's chosen establishments (transferDue:
 * his current balance by his current shares, less what they were already
 * paid), or the first chosen establishment that is not eligible (not
 * ACCEPTED), which stops his whole transfer until he chooses again.
 */
export function employerTransfer(balanceCents: number, shares: Share[], alreadyPaid: ReadonlyMap<string, number>, eligible: (siret: string) => boolean): EmployerTransfer {
  const ineligible = shares.find((s) => !eligible(s.establishmentSiret));
  return ineligible ? { notEligible: ineligible.establishmentSiret } : { due: transferDue(balanceCents, shares, alreadyPaid) };
}

export interface EmployerOfProjection {
  balanceCents: number;
  frozen: boolean;
  /** All his shares, in establishment SIRET order (as the transfer reads them). */
  shares: Share[];
  /** What his PAID transfers gave each establishment so far. */
  paid: ReadonlyMap<string, number>;
  /** The transfers that already ran for him (rows written, paid or not). */
  ran: ReadonlySet<EmployerTransferStep>;
}

/**
 * Whether a transfer pays this employer — the rule the transfer's paged
 * query applies (activities/soltea/transfers.ts): TRANSFER1 the choices
 * covering the whole balance, not frozen yet; TRANSFER2 every balance.
 */
export function paysAt(step: EmployerTransferStep, e: Pick<EmployerOfProjection, 'balanceCents' | 'frozen' | 'shares'>): boolean {
  if (e.balanceCents <= 0) return false;
  return step === 'TRANSFER2' || (!e.frozen && e.shares.reduce((a, s) => a + s.shareBp, 0) === FULL_SHARE_BP);
}

export interface StepProjection {
  cents: number;
  /** The employers whose balance pays it. */
  employers: number;
}

/**
 * What an establishment is to receive at each transfer still to run, if
 * balances, choices and eligibility stay as they are today: per employer
 * choosing it, what each transfer not yet run for him would pay it — at
 * TRANSFER2 less what TRANSFER1 is expected to pay. Bank details are not
 * looked at: without them the amount is due but not paid.
 */
export function projectTransfers(siret: string, employers: EmployerOfProjection[], eligible: (siret: string) => boolean): Record<EmployerTransferStep, StepProjection> {
  const projection: Record<EmployerTransferStep, StepProjection> = { TRANSFER1: { cents: 0, employers: 0 }, TRANSFER2: { cents: 0, employers: 0 } };
  for (const employer of employers) {
    const paid = new Map(employer.paid);
    for (const step of EMPLOYER_TRANSFER_STEPS) {
      if (employer.ran.has(step) || !paysAt(step, employer)) continue;
      const transfer = employerTransfer(employer.balanceCents, employer.shares, paid, eligible);
      if ('notEligible' in transfer) continue;
      for (const { establishmentSiret, cents } of transfer.due) {
        paid.set(establishmentSiret, (paid.get(establishmentSiret) ?? 0) + cents);
        if (establishmentSiret !== siret) continue;
        projection[step].cents += cents;
        projection[step].employers += 1;
      }
    }
  }
  return projection;
}
