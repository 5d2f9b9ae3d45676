import { defineQuery, defineUpdate } from '@temporalio/workflow';

export interface RegistrationDurations {
  tokenTtlMs: number;
  reminderAfterMs: number;
  purgeAfterMs: number;
}

export interface RegistrationInput {
  siren: string;
  companyId: string;
  accountId: string;
  durations: RegistrationDurations;
}

export type RegistrationPhase = 'AWAITING_CONFIRMATION' | 'CONFIRMING' | 'CONFIRMED' | 'PURGED';

export interface RegistrationStatus {
  phase: RegistrationPhase;
  /** When the current confirmation link stops working (ISO). */
  tokenExpiresAt: string | null;
  /** When the registration is purged if still unconfirmed (ISO). */
  purgeAt: string;
  mailsSent: number;
  reminderSent: boolean;
  confirmedAt: string | null;
  /** Who the workflow is waiting for. */
  awaiting: 'PRIMO_AD' | null;
}

export interface RegistrationResult {
  outcome: 'CONFIRMED' | 'PURGED';
}

export interface ConfirmRegistrationRequest {
  tokenId: string;
}

export interface ConfirmRegistrationResponse {
  confirmedAt: string;
}

export interface ResendConfirmationResponse {
  tokenExpiresAt: string;
}

/** Failure types the update validators answer with; the API maps them to codes. */
export const RegistrationFailure = {
  TOKEN_NOT_CURRENT: 'REGISTRATION.TOKEN_SUPERSEDED',
  TOKEN_EXPIRED: 'REGISTRATION.TOKEN_EXPIRED',
  NOT_AWAITING: 'REGISTRATION.ALREADY_CONFIRMED',
} as const;

export const registrationStatusQuery = defineQuery<RegistrationStatus>('status');
export const confirmRegistrationUpdate = defineUpdate<ConfirmRegistrationResponse, [ConfirmRegistrationRequest]>(
  'confirm',
);
export const resendConfirmationUpdate = defineUpdate<ResendConfirmationResponse, []>('resendConfirmation');

export function registrationWorkflowId(siren: string): string {
  return `registration-${siren}`;
}

/** Workflow type name, for clients that start it without importing its body. */
export const REGISTRATION_WORKFLOW_TYPE = 'companyRegistrationWorkflow';
