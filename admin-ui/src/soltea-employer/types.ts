import type { RaRecord } from 'react-admin';

/** SOLTéA as the employer and the establishment see it (api/soltea/soltea.schemas.ts). */

export interface SolteaBalance extends RaRecord {
  year: number;
  employerSiret: string;
  employerSiren: string;
  employerName: string;
  region: string | null;
  amountCents: number;
  contactEmail: string | null;
  frozen: boolean;
  frozenAt: string | null;
  updatedAt: string;
}

export interface DesignationWindow {
  period: 'PERIOD1' | 'PERIOD2';
  opensAt: string;
  closesAt: string;
  opensOn: string;
  lastDay: string;
}

export interface Allocation {
  establishmentSiret: string;
  name: string | null;
  uai: string | null;
  city: string | null;
  percent: number;
  amountCents: number;
}

export interface AllocationView {
  id: string;
  year: number;
  employerSiret: string;
  employerName: string | null;
  balanceCents: number;
  frozen: boolean;
  allocations: Allocation[];
  totalPercent: number;
  unallocatedCents: number;
  designation: { open: boolean; period: 'PERIOD1' | 'PERIOD2' | null; closesAt: string | null; next: DesignationWindow | null };
}

export interface DroppedChoice {
  establishmentSiret: string;
  name: string | null;
  percent: number;
}

export interface EligibleEstablishment extends RaRecord {
  year: number;
  siret: string;
  uai: string;
  name: string;
  city: string;
  region: string;
  category: string;
  shortageTrainings: number;
  bankDetailsPresent: boolean;
}

export interface SolteaGroup extends RaRecord {
  companyId: string;
  name: string;
  establishmentSirets: string[];
  createdAt: string;
}

export type ApplicationStatus = 'SUBMITTED' | 'ACCEPTED' | 'REFUSED';

/** An application describes its establishment as the eligible list does, with its review. */
export interface SolteaApplication extends EligibleEstablishment {
  status: ApplicationStatus;
  refusalReason: string | null;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  editable: boolean;
}

export type TransferStep = 'TRANSFER1' | 'TRANSFER2' | 'UNALLOCATED_DISTRIBUTION';

/** What each transfer paid an establishment, and what those to come are to pay it (GET /api/soltea-applications/:id/projection). */
export interface TransferProjection {
  year: number;
  siret: string;
  bankDetailsPresent: boolean;
  steps: {
    step: TransferStep;
    on: string | null;
    done: boolean;
    paidCents: number;
    notPaidCents: number;
    employers: number;
    lastAt: string | null;
    projected: { cents: number; employers: number } | null;
  }[];
}

/** The 18 INSEE region codes the API accepts. */
export const REGIONS = ['01', '02', '03', '04', '06', '11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94'] as const;
