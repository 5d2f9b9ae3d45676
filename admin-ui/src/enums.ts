import type { ChipProps } from '@mui/material';

/** Value sets of the API's enumerations; labels live under `app.enums.<name>.<VALUE>`. */
export const enums = {
  companyStatus: ['PENDING', 'ACTIVE', 'CLOSED'],
  establishmentStatus: ['PENDING', 'ACTIVE', 'CLOSED'],
  accountStatus: ['PENDING', 'ACTIVE', 'LOCKED', 'RADIATED'],
  role: ['SUPPORT', 'ADMINISTRATOR', 'DECLARANT'],
  adminStatus: ['PRIMO_AD', 'CANDIDATE_AD', 'ACTIVE'],
  workflowStatus: ['RUNNING', 'COMPLETED', 'TERMINATED', 'CANCELLED', 'FAILED', 'TIMED_OUT', 'CONTINUED_AS_NEW'],
  registrationPhase: ['AWAITING_CONFIRMATION', 'CONFIRMING', 'CONFIRMED', 'PURGED'],
  workflowType: [
    'companyRegistrationWorkflow',
    'accountConfirmationWorkflow',
    'administratorCandidacyWorkflow',
    'collaboratorArrivalWorkflow',
    'collaboratorDepartureWorkflow',
  ],
  workflowPhase: ['AWAITING_CONFIRMATION', 'CONFIRMING', 'CONFIRMED', 'PURGED', 'EXPIRED'],
  awaitedRole: ['PRIMO_AD', 'ACCOUNT_HOLDER', 'CANDIDATE', 'ADMINISTRATOR', 'SUPPORT'],
  mailStatus: ['PENDING', 'SENT', 'FAILED'],
  accessMode: ['DSN_INHERITED', 'PAYROLL_LINKED', 'SPECIFIC'],
  portfolioKind: ['COMPANY', 'CLIENTS'],
  accessBasis: ['EXPLICIT_HABILITATION', 'DSN_INHERITED', 'IMPLICIT_MANDATE_DSN'],
  candidacyStatus: [
    'AWAITING_EMAIL',
    'AWAITING_APPROVAL',
    'AWAITING_LETTER',
    'AWAITING_KEY',
    'APPROVED',
    'REFUSED',
    'EXPIRED',
    'LOCKED',
    'CANCELLED',
  ],
  candidacyRoute: ['APPROVAL', 'LETTER'],
  letterStatus: ['PENDING', 'POSTED', 'VOIDED'],
  arrivalStatus: ['SCHEDULED', 'AWAITING_CONFIRMATION', 'COMPLETED', 'EXPIRED', 'CANCELLED'],
  arrivalRole: ['DECLARANT', 'ADMINISTRATOR_CANDIDATE'],
  arrivalRightsMode: ['NONE', 'COPY', 'LIST'],
  departureStatus: ['SCHEDULED', 'WAITING_FOR_TARGET', 'COMPLETED', 'CANCELLED'],
  departureRightsMode: ['TRANSFER', 'TRANSFER_NEW', 'REVOKE'],
  rightOutcome: ['TRANSFERRED', 'ALREADY_HELD', 'REVOKED'],
  obsoleteReason: ['ESTABLISHMENT_CLOSED', 'NOT_IN_ANY_PORTFOLIO', 'ACCOUNT_RADIATED', 'SERVICE_NOT_IN_PORTFOLIO'],
} as const;

export type EnumName = keyof typeof enums;

/** Every locale labels every value: a missing one fails the type check. */
export type EnumMessages = { [Name in EnumName]: Record<(typeof enums)[Name][number], string> };

export const enumChoices = (name: EnumName) =>
  enums[name].map((id) => ({ id, name: `app.enums.${name}.${id}` }));

const tones: Record<string, ChipProps['color']> = {
  ACTIVE: 'success',
  COMPLETED: 'success',
  CONFIRMED: 'success',
  SENT: 'success',
  RUNNING: 'info',
  COMPANY: 'primary',
  EXPLICIT_HABILITATION: 'success',
  DSN_INHERITED: 'info',
  IMPLICIT_MANDATE_DSN: 'secondary',
  PENDING: 'warning',
  AWAITING_CONFIRMATION: 'warning',
  CANDIDATE_AD: 'warning',
  PRIMO_AD: 'warning',
  LOCKED: 'error',
  FAILED: 'error',
  TERMINATED: 'error',
  TIMED_OUT: 'error',
  EXPIRED: 'error',
  AWAITING_EMAIL: 'warning',
  AWAITING_APPROVAL: 'warning',
  AWAITING_LETTER: 'warning',
  AWAITING_KEY: 'warning',
  APPROVED: 'success',
  REFUSED: 'error',
  POSTED: 'success',
  SCHEDULED: 'info',
  WAITING_FOR_TARGET: 'warning',
  TRANSFERRED: 'success',
  ALREADY_HELD: 'info',
  REVOKED: 'error',
  ESTABLISHMENT_CLOSED: 'warning',
  NOT_IN_ANY_PORTFOLIO: 'warning',
  ACCOUNT_RADIATED: 'error',
  SERVICE_NOT_IN_PORTFOLIO: 'warning',
};

export const toneOf = (value: string): ChipProps['color'] => tones[value] ?? 'default';
