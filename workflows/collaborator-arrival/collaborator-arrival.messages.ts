import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ArrivalCancelCause, ArrivalOutcome, ArrivalStatus, NamedRightCell } from '../../domain/collaborators/collaborators.status';
import type { CandidacyTerms } from '../administrator-candidacy/administrator-candidacy.messages';
import type { ConfirmRegistrationRequest, ConfirmRegistrationResponse } from '../registration/registration.messages';

/** Durations of one arrival (defaults: domain/collaborators/collaborators.defaults.ts). */
export interface ArrivalDurations {
  tokenTtlMs: number;
  /** Counted from the invitation. */
  reminderAfterMs: number;
  /** Counted from the invitation. */
  expireAfterMs: number;
}

export interface ArrivalInput {
  arrivalId: string;
  /** The new collaborator's PENDING account. */
  accountId: string;
  /** Start date (Paris calendar day) and the instant it begins: the invitation goes out then. */
  startDate: string;
  startsAt: string;
  /** The rights granted at confirmation (shown by the status query). */
  rights: NamedRightCell[];
  durations: ArrivalDurations;
  /** Set for an administrator candidate: the candidacy process runs after the confirmation. */
  candidacyTerms: CandidacyTerms | null;
}

/** The `status` query's answer. */
export interface ArrivalState {
  status: ArrivalStatus;
  startDate: string;
  startsAt: string;
  invitedAt: string | null;
  reminderSent: boolean;
  tokenExpiresAt: string | null;
  expiresAt: string | null;
  confirmedAt: string | null;
  rights: NamedRightCell[];
  candidacyWorkflowId: string | null;
  /** Who must act now. */
  awaiting: 'ACCOUNT_HOLDER' | null;
}

export interface ArrivalResult {
  outcome: ArrivalOutcome;
  accountId: string;
}

export interface CancelArrivalRequest {
  actorId: string | null;
  /** A person's own words. */
  reason?: string | null;
  /** Cancelled by the process of a departure: why, as a code. */
  cause?: ArrivalCancelCause;
}

export interface RescheduleArrivalRequest {
  actorId: string;
  startDate: string;
  startsAt: string;
}

/** Failure types of the updates; the API maps them to HTTP once (api/errors/failure-status.ts). */
export const ArrivalFailure = {
  NOT_PENDING: 'ARRIVAL.NOT_PENDING',
  ALREADY_STARTED: 'ARRIVAL.ALREADY_STARTED',
  IN_PROGRESS: 'ARRIVAL.IN_PROGRESS',
} as const;

export const arrivalStatusQuery = defineQuery<ArrivalState>('status');
/** Same name and argument as the other confirmation processes: POST /api/confirmations serves them all. */
export const confirmArrivalUpdate = defineUpdate<ConfirmRegistrationResponse, [ConfirmRegistrationRequest]>('confirm');
export const cancelArrivalUpdate = defineUpdate<ArrivalState, [CancelArrivalRequest]>('cancel');
export const rescheduleArrivalUpdate = defineUpdate<ArrivalState, [RescheduleArrivalRequest]>('reschedule');
/** From a parent departure whose cancellation takes its new collaborator's arrival with it (ignored once over). */
export const cancelArrivalSignal = defineSignal<[CancelArrivalRequest]>('cancelArrival');

export function arrivalWorkflowId(arrivalId: string): string {
  return `arrival-${arrivalId}`;
}

/** Workflow type name, for clients that start it without importing its body. */
export const ARRIVAL_WORKFLOW_TYPE = 'collaboratorArrivalWorkflow';
