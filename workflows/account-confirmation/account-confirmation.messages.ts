import { defineQuery, defineUpdate } from '@temporalio/workflow';
import {
  RegistrationFailure,
  type ConfirmRegistrationRequest,
  type ConfirmRegistrationResponse,
  type ResendConfirmationResponse,
} from '../registration/registration.messages';

export interface AccountConfirmationDurations {
  tokenTtlMs: number;
  reminderAfterMs: number;
  /** Counted from the start, or from the last address change. */
  expireAfterMs: number;
}

export interface AccountConfirmationInput {
  accountId: string;
  durations: AccountConfirmationDurations;
}

export type AccountConfirmationPhase = 'AWAITING_CONFIRMATION' | 'CONFIRMING' | 'CONFIRMED' | 'EXPIRED' | 'CANCELLED';

export interface AccountConfirmationStatus {
  phase: AccountConfirmationPhase;
  /** When the current confirmation link stops working (ISO). */
  tokenExpiresAt: string | null;
  /** When the process gives up if the address is still unconfirmed (ISO). */
  expiresAt: string;
  mailsSent: number;
  reminderSent: boolean;
  addressChanges: number;
  confirmedAt: string | null;
  /** Who the workflow is waiting for. */
  awaiting: 'ACCOUNT_HOLDER' | null;
}

/**
 * REMOVED: a never-confirmed account was deleted; EXPIRED: an active account
 * kept its unconfirmed address, or the confirmed one a change was to replace;
 * WITHDRAWN: the change of a confirmed address was withdrawn before its
 * confirmation (the address was set back).
 */
export interface AccountConfirmationResult {
  outcome: 'CONFIRMED' | 'EXPIRED' | 'REMOVED' | 'WITHDRAWN';
}

/**
 * Failure types of the updates. Token failures carry the registration's
 * codes: one confirmation page reads both processes.
 */
export const AccountConfirmationFailure = {
  TOKEN_NOT_CURRENT: RegistrationFailure.TOKEN_NOT_CURRENT,
  TOKEN_EXPIRED: RegistrationFailure.TOKEN_EXPIRED,
  ALREADY_CONFIRMED: 'ACCOUNT.ALREADY_CONFIRMED',
  EXPIRED: 'ACCOUNT.CONFIRMATION_EXPIRED',
  CANCELLED: 'ACCOUNT.CONFIRMATION_CANCELLED',
} as const;

export const accountConfirmationStatusQuery = defineQuery<AccountConfirmationStatus>('status');
/** Same name and argument as the registration's `confirm`, so one confirmation endpoint serves both processes. */
export const confirmAccountUpdate = defineUpdate<ConfirmRegistrationResponse, [ConfirmRegistrationRequest]>('confirm');
export const resendAccountConfirmationUpdate = defineUpdate<ResendConfirmationResponse, []>('resendConfirmation');
/**
 * The address on the account was corrected (the API wrote it and voided the
 * old links): a new link goes to it and the deadlines start again.
 */
export const changeEmailUpdate = defineUpdate<ResendConfirmationResponse, []>('changeEmail');
/**
 * The change of a confirmed address was withdrawn (the API set the address
 * back to the confirmed one and voided the links): nothing is awaited any
 * more, and the process ends WITHDRAWN.
 */
export const withdrawEmailChangeUpdate = defineUpdate<void, []>('withdrawEmailChange');

export function accountConfirmationWorkflowId(accountId: string): string {
  return `account-confirmation-${accountId}`;
}

/** Workflow type name, for clients that start it without importing its body. */
export const ACCOUNT_CONFIRMATION_WORKFLOW_TYPE = 'accountConfirmationWorkflow';
