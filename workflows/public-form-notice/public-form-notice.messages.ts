import { defineQuery } from '@temporalio/workflow';

/**
 * Why a public form (company registration, administrator candidacy) started
 * nothing. The form answers as if it had started its process, whatever the
 * portal holds, so that nobody learns from it which companies or identities
 * exist; the reason goes by mail to the address typed in.
 */
export type PublicFormNoticeKind =
  | 'REGISTRATION.COMPANY_EXISTS'
  | 'REGISTRATION.ALREADY_RUNNING'
  | 'REGISTRATION.SIRET_TAKEN'
  | 'CANDIDACY.COMPANY_NOT_FOUND'
  | 'ACCOUNT.IDENTITY_TAKEN';

/** What the mail tells, and to whom: the address and identity as typed in the form. */
export interface PublicFormNotice {
  kind: PublicFormNoticeKind;
  to: string;
  lastName: string;
  firstName: string;
  /** The SIRET typed in; a registration's is its head office's, whose first 9 digits are the SIREN. */
  siret: string;
}

export interface PublicFormNoticeDurations {
  /** From the start: while it lasts, the same notice posted again is a no-op. */
  quietPeriodMs: number;
}

export interface PublicFormNoticeInput {
  notice: PublicFormNotice;
  durations: PublicFormNoticeDurations;
}

export type PublicFormNoticePhase = 'MAILING' | 'MAILED';

export interface PublicFormNoticeStatus {
  phase: PublicFormNoticePhase;
  kind: PublicFormNoticeKind;
  /** When the mail left (ISO); null while it is being delivered. */
  mailedAt: string | null;
  /** Until when the same notice is not sent again (ISO). */
  quietUntil: string;
}

export interface PublicFormNoticeResult {
  outboxId: string;
}

export const publicFormNoticeStatusQuery = defineQuery<PublicFormNoticeStatus>('status');

/** One notice at a time per fingerprint of what it tells (kind, address, identity). */
export function publicFormNoticeWorkflowId(fingerprint: string): string {
  return `public-form-notice-${fingerprint}`;
}

/** Workflow type name, for clients that start it without importing its body. */
export const PUBLIC_FORM_NOTICE_WORKFLOW_TYPE = 'publicFormNoticeWorkflow';
