import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { JobOutcome, JobStatus, OutcomeReason } from '../../domain/habilitation-jobs/habilitation-job.status';

export type { JobOutcome, JobStatus, OutcomeReason };

export const BULK_HABILITATION_JOB_WORKFLOW_TYPE = 'bulkHabilitationJobWorkflow';

/** One process per job: `habilitation-job-<jobId>`. */
export const habilitationJobWorkflowId = (jobId: string) => `habilitation-job-${jobId}`;

/** What a run hands to the next one when it continues as new in the middle of its changes (it holds its portfolio's turn). */
export interface CarriedJob {
  portfolioId: string;
  companySiren: string;
  changesTotal: number;
  /** Changes applied so far (seq 1..done). */
  done: number;
}

/** Ids and counts only: the plan stays in PostgreSQL. Durations and sizes default to HABILITATION_JOB_DEFAULTS. */
export interface BulkHabilitationJobInput {
  jobId: string;
  /** Days a quarantined job waits for its removals' confirmation before it expires (7). */
  confirmationDays?: number;
  /** Planned changes per chunk, one transaction each (5 000, at most 20 000). */
  chunkSize?: number;
  /** How often a queued job makes sure its portfolio's queue runs (10). */
  queueCheckMinutes?: number;
  carried?: CarriedJob;
}

/** The job's status, PLANNED aside: that one is before its process. */
export type JobPhase = Exclude<JobStatus, 'PLANNED'>;

export interface JobState {
  jobId: string;
  /** Null while the process opens the job. */
  phase: JobPhase | null;
  /** While QUEUED: how many jobs of the portfolio pass before it (0: its turn); null until the queue has said. */
  jobsAhead: number | null;
  done: number;
  total: number;
  /** While AWAITING_CONFIRMATION: when it expires (ISO). */
  expiresAt: string | null;
  /** Who confirmed a quarantined job's removals. */
  confirmedBy: string | null;
  outcome: JobOutcome | null;
  reason: OutcomeReason | null;
}

export const jobStatusQuery = defineQuery<JobState>('status');

export interface JobActorRequest {
  /** The account deciding (a UUID); the API checks he may. */
  actorId: string;
}

/** A quarantined job's removals confirmed: it joins its portfolio's queue. Refused (HabilitationJobFailure) unless it awaits that confirmation. */
export const confirmRemovalsUpdate = defineUpdate<JobState, [JobActorRequest]>('confirmRemovals');

/** Cancelled while awaiting confirmation or queued: nothing applied. Refused once applying started, or closed. */
export const cancelJobUpdate = defineUpdate<JobState, [JobActorRequest]>('cancel');

/** From the portfolio's queue: how many jobs pass before this one; 0 is its turn. */
export interface QueueTurn {
  ahead: number;
}

export const queueTurnSignal = defineSignal<[QueueTurn]>('queueTurn');

export interface BulkHabilitationJobResult {
  status: Extract<JobStatus, 'DONE' | 'CANCELLED' | 'EXPIRED'>;
  outcome: JobOutcome | null;
  reason: OutcomeReason | null;
}

/** Failure types: update refusals, a bad input, and the steps' permanent failures. */
export const HabilitationJobFailure = {
  NOT_AWAITING_CONFIRMATION: 'HABILITATION_JOB.NOT_AWAITING_CONFIRMATION',
  APPLYING_STARTED: 'HABILITATION_JOB.APPLYING_STARTED',
  /** Done, cancelled or expired. */
  CLOSED: 'HABILITATION_JOB.CLOSED',
  ACTOR_INVALID: 'HABILITATION_JOB.ACTOR_INVALID',
  INPUT_INVALID: 'HABILITATION_JOB.INPUT_INVALID',
  NOT_FOUND: 'HABILITATION_JOB.NOT_FOUND',
  /** A chunk asked of a job that is not APPLYING. */
  NOT_APPLYING: 'HABILITATION_JOB.NOT_APPLYING',
} as const;

export type HabilitationJobFailureType = (typeof HabilitationJobFailure)[keyof typeof HabilitationJobFailure];
