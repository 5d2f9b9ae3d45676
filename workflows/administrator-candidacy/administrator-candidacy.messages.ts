import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CandidacyOutcome, CandidacyRoute, CandidacyStatus } from '../../domain/candidacy/candidacy.status';
import type { ConfirmRegistrationRequest, ConfirmRegistrationResponse } from '../registration/registration.messages';

/** Durations and limits of one candidacy (defaults: domain/candidacy/candidacy.defaults.ts). */
export interface CandidacyTerms {
  tokenTtlMs: number;
  reminderAfterMs: number;
  letterOfferAfterMs: number;
  expireAfterMs: number;
  postWithinMs: number;
  keyValidityMs: number;
  maxWrongKeys: number;
  maxLetters: number;
}

export interface CandidacyInput {
  candidacyId: string;
  /** The candidate's account (ADMINISTRATOR, CANDIDATE_AD). */
  accountId: string;
  terms: CandidacyTerms;
  /** Set when the address was already proved (a collaborator's arrival): the approval opens at once. */
  emailConfirmedAt?: string;
}

export interface AdministratorAsked {
  id: string;
  lastName: string;
  firstName: string;
}

export interface CandidacyLetterState {
  id: string;
  sequence: number;
  postBy: string;
  postedAt: string | null;
  keyExpiresAt: string | null;
  supportAlerted: boolean;
}

/** The `status` query's answer: what the console shows of the running process. */
export interface CandidacyState {
  status: CandidacyStatus;
  route: CandidacyRoute;
  /** Who must act now: CANDIDATE, ADMINISTRATOR, SUPPORT, or nobody. */
  awaiting: 'CANDIDATE' | 'ADMINISTRATOR' | 'SUPPORT' | null;
  /** Next deadline of the current phase (ISO). */
  dueDate: string | null;
  /** Day 30, or the key's expiry once the letter is posted (ISO). */
  expiresAt: string | null;
  emailConfirmedAt: string | null;
  approvalRequestedAt: string | null;
  reminderSent: boolean;
  letterRouteOffered: boolean;
  administratorsAsked: AdministratorAsked[];
  attemptsLeft: number;
  lettersSent: number;
  letter: CandidacyLetterState | null;
}

export interface CandidacyResult {
  outcome: CandidacyOutcome;
}

export interface DecisionRequest {
  deciderId: string;
  decision: 'ACCEPT' | 'REFUSE';
  reason?: string;
}

/** The candidate's typed key, hashed by the API: the key never enters the workflow's history. */
export interface KeyRequest {
  keyHash: string;
  /** The candidate who typed it (absent from updates sent before it was carried). */
  actorId?: string;
}

export interface LetterPostedRequest {
  letterId: string;
  actorId: string;
}

export interface ActorRequest {
  actorId: string;
  reason?: string;
}

/** Failure types the updates answer with; the API maps them to HTTP once (api/errors/failure-status.ts). */
export const CandidacyFailure = {
  NOT_AN_ACTIVE_ADMINISTRATOR: 'CANDIDACY.NOT_AN_ACTIVE_ADMINISTRATOR',
  SELF_DECISION: 'CANDIDACY.SELF_DECISION',
  ALREADY_DECIDED: 'CANDIDACY.ALREADY_DECIDED',
  NOT_AWAITING_APPROVAL: 'CANDIDACY.NOT_AWAITING_APPROVAL',
  REASON_REQUIRED: 'CANDIDACY.REASON_REQUIRED',
  LETTER_ROUTE_NOT_OFFERED: 'CANDIDACY.LETTER_ROUTE_NOT_OFFERED',
  NOT_AWAITING_LETTER: 'CANDIDACY.NOT_AWAITING_LETTER',
  LETTER_NOT_CURRENT: 'CANDIDACY.LETTER_NOT_CURRENT',
  NOT_AWAITING_KEY: 'CANDIDACY.NOT_AWAITING_KEY',
  WRONG_KEY: 'CANDIDACY.WRONG_KEY',
  LOCKED: 'CANDIDACY.LOCKED',
  KEY_EXPIRED: 'CANDIDACY.KEY_EXPIRED',
  TOO_MANY_LETTERS: 'CANDIDACY.TOO_MANY_LETTERS',
  NOTHING_TO_RESEND: 'CANDIDACY.NOTHING_TO_RESEND',
  NOT_LOCKED: 'CANDIDACY.NOT_LOCKED',
  IN_PROGRESS: 'CANDIDACY.IN_PROGRESS',
  CLOSED: 'CANDIDACY.CLOSED',
} as const;

/** Details of a WRONG_KEY failure (its first detail), copied into the API's answer. */
export interface WrongKeyDetails {
  attemptsLeft: number;
}

export const candidacyStatusQuery = defineQuery<CandidacyState>('status');
/** Same name and argument as the other confirmation processes: POST /api/confirmations serves them all. */
export const confirmCandidateEmailUpdate = defineUpdate<ConfirmRegistrationResponse, [ConfirmRegistrationRequest]>('confirm');
export const decideCandidacyUpdate = defineUpdate<CandidacyState, [DecisionRequest]>('decide');
/** The candidate who chooses it (updates sent before it was carried have no argument). */
export const chooseLetterRouteUpdate = defineUpdate<CandidacyState, [ActorRequest]>('chooseLetterRoute');
export const letterPostedUpdate = defineUpdate<CandidacyState, [LetterPostedRequest]>('letterPosted');
export const submitKeyUpdate = defineUpdate<CandidacyState, [KeyRequest]>('submitKey');
export const requestNewLetterUpdate = defineUpdate<CandidacyState, [ActorRequest]>('requestNewLetter');
export const cancelCandidacyUpdate = defineUpdate<CandidacyState, [ActorRequest]>('cancel');
export const resendCandidacyMailUpdate = defineUpdate<CandidacyState, [ActorRequest]>('resendMail');
/** Support unlocks a candidacy locked by wrong keys (a reason required): the candidate has his attempts again. */
export const unlockCandidacyUpdate = defineUpdate<CandidacyState, [ActorRequest]>('unlock');

export function candidacyWorkflowId(candidacyId: string): string {
  return `candidacy-${candidacyId}`;
}

export function candidacyIdOf(workflowId: string): string {
  return workflowId.replace(/^candidacy-/, '');
}

/** Workflow type name, for clients that start it without importing its body. */
export const CANDIDACY_WORKFLOW_TYPE = 'administratorCandidacyWorkflow';
