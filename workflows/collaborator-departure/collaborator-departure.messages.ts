import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DepartureRightsMode, DepartureStatus, DepartureWaitingReason } from '../../domain/collaborators/collaborators.status';
import type { ArrivalInput } from '../collaborator-arrival/collaborator-arrival.messages';

export interface DepartureDurations {
  /** Date reached but the target (or the successor) not ready: checked again this often. */
  recheckEveryMs: number;
}

/** An existing collaborator of the company receives the rights, or nobody (revoked). */
export type DepartureTarget = { mode: 'TRANSFER'; toAccountId: string } | { mode: 'REVOKE' };

export type DepartureRights =
  | DepartureTarget
  /** The new collaborator's arrival runs as a child; the rights wait for it (held once the leaver is radiated). */
  | { mode: 'TRANSFER_NEW'; arrival: ArrivalInput };

export interface DepartureInput {
  departureId: string;
  accountId: string;
  effectiveDate: string;
  /** The instant the effective date begins (Paris). */
  effectiveAt: string;
  rights: DepartureRights;
  durations: DepartureDurations;
}

/** The `status` query's answer. */
export interface DepartureState {
  status: DepartureStatus;
  effectiveDate: string;
  effectiveAt: string;
  rightsMode: DepartureRightsMode;
  toAccountId: string | null;
  arrivalWorkflowId: string | null;
  /** Why it waits past its date: a code with parameters, put in words by the console. */
  waitingReason: DepartureWaitingReason | null;
  transferred: number | null;
  revoked: number | null;
  /** The leaver's account is closed (from the date on, even while his rights wait). */
  leaverRadiated: boolean;
  /** Who must act now: the company's administrators (who can send the rights elsewhere), when the departure waits past its date. */
  awaiting: 'ADMINISTRATOR' | null;
}

export interface DepartureResult {
  outcome: 'COMPLETED' | 'CANCELLED';
}

export interface CancelDepartureRequest {
  actorId: string;
  reason?: string | null;
}

export interface RescheduleDepartureRequest {
  actorId: string;
  effectiveDate: string;
  effectiveAt: string;
}

/** Where the rights go instead (the new collaborator, if one was awaited, is no longer). */
export interface RetargetDepartureRequest {
  actorId: string;
  rights: DepartureTarget;
}

/** Failure types of the updates; the API maps them to HTTP once (api/errors/failure-status.ts). */
export const DepartureFailure = {
  NOT_PENDING: 'DEPARTURE.NOT_PENDING',
  ALREADY_STARTED: 'DEPARTURE.ALREADY_STARTED',
  SAME_TARGET: 'DEPARTURE.SAME_TARGET',
} as const;

export const departureStatusQuery = defineQuery<DepartureState>('status');
export const cancelDepartureUpdate = defineUpdate<DepartureState, [CancelDepartureRequest]>('cancel');
export const rescheduleDepartureUpdate = defineUpdate<DepartureState, [RescheduleDepartureRequest]>('reschedule');
export const retargetDepartureUpdate = defineUpdate<DepartureState, [RetargetDepartureRequest]>('retarget');
/**
 * Support's « check again now » (a console command): a departure waiting
 * past its date tries again at once (a target just activated, a successor
 * just validated) instead of at the next hourly check; one started before
 * leavers were radiated at the date radiates its leaver then.
 */
export const recheckDepartureSignal = defineSignal('recheck');

export function departureWorkflowId(departureId: string): string {
  return `departure-${departureId}`;
}

export function departureIdOf(workflowId: string): string {
  return workflowId.replace(/^departure-/, '');
}

/** Workflow type name, for clients that start it without importing its body. */
export const DEPARTURE_WORKFLOW_TYPE = 'collaboratorDepartureWorkflow';
