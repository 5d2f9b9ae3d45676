import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { appendAudit } from '../../domain/audit/audit-trail';
import { HabilitationJob } from '../../domain/habilitation-jobs/habilitation-job.entities';
import { appliedOutcome, type Outcome } from '../../domain/habilitation-jobs/habilitation-job.rules';
import { isClosedJob, type JobStatus } from '../../domain/habilitation-jobs/habilitation-job.status';
import { HabilitationJobFailure, type JobPhase } from '../../workflows/bulk-habilitation-job/bulk-habilitation-job.messages';
import { actorOf } from '../shared/actor';
import { currentWorkflowId } from '../shared/step-key';
import { APPLY_CHUNK, LOCK_CHUNK_CELLS } from './apply-chunk.sql';

export interface HabilitationJobDeps {
  orm: MikroORM;
}

/** What the process needs of its job. */
export interface OpenedJob {
  portfolioId: string;
  companySiren: string;
  quarantined: boolean;
  changesTotal: number;
  changesDone: number;
}

/** A phase the process moved to; `actorId` is who confirmed the removals (QUEUED) or cancelled (CANCELLED), null for the system. */
export interface JobPhaseRecord {
  jobId: string;
  phase: Extract<JobPhase, 'AWAITING_CONFIRMATION' | 'QUEUED' | 'APPLYING' | 'CANCELLED' | 'EXPIRED'>;
  actorId?: string | null;
}

export interface ChunkRequest {
  jobId: string;
  fromSeq: number;
  toSeq: number;
}

/** A chunk's effect: the job's progress after it, and what this call changed (all 0 when the chunk was applied already). */
export interface ChunkResult {
  done: number;
  granted: number;
  changed: number;
  revoked: number;
  rejected: number;
}

/** The audit action of a decision on the job itself (its habilitations have their own). */
const PHASE_AUDIT: Partial<Record<JobPhaseRecord['phase'], string>> = {
  CANCELLED: 'HABILITATION_JOB.CANCELLED',
  EXPIRED: 'HABILITATION_JOB.EXPIRED',
};

/** Steps of bulkHabilitationJobWorkflow: the job's row is its read model, its plan is applied chunk by chunk. */
export function createHabilitationJobActivities({ orm }: HabilitationJobDeps) {
  return {
    /** The job as its process starts: it records its workflow id. A closed job is never opened again. */
    async openJob({ jobId }: { jobId: string }): Promise<OpenedJob> {
      return orm.em.fork().transactional(async (em) => {
        const job = await lockedJob(em, jobId);
        if (isClosedJob(job.status)) throw ApplicationFailure.nonRetryable(`job ${jobId} is ${job.status}`, HabilitationJobFailure.CLOSED);
        job.workflowId = currentWorkflowId();
        await em.populate(job, ['company']);
        return { portfolioId: job.portfolio.id, companySiren: job.company.siren, quarantined: job.quarantined, changesTotal: job.changesTotal, changesDone: job.changesDone };
      });
    },

    /**
     * The job's status follows its process; a closed job stays as it is.
     * Removals confirmed (QUEUED with an actor), cancelled and expired are
     * audited once each.
     */
    async recordJobPhase({ jobId, phase, actorId = null }: JobPhaseRecord): Promise<void> {
      await orm.em.fork().transactional(async (em) => {
        const job = await lockedJob(em, jobId);
        if (isClosedJob(job.status)) return;
        const before = { status: job.status };
        job.status = phase;
        if (phase === 'QUEUED' && actorId) Object.assign(job, { confirmedAt: new Date(), confirmedBy: actorId });
        if (phase === 'CANCELLED' || phase === 'EXPIRED') job.finishedAt = new Date();
        const action = phase === 'QUEUED' && actorId ? 'HABILITATION_JOB.REMOVALS_CONFIRMED' : PHASE_AUDIT[phase];
        if (action) await auditOnce(em, job, action, actorId, before);
      });
    },

    /**
     * Applies seq from..to of the job's plan in one transaction (see
     * APPLY_CHUNK). Chunks go in order: what the job's progress already
     * covers is not applied again, so a retry, or the same chunk twice,
     * changes nothing and writes no second audit event.
     */
    async applyChunk({ jobId, fromSeq, toSeq }: ChunkRequest): Promise<ChunkResult> {
      return orm.em.fork().transactional(async (em) => {
        const job = await lockedJob(em, jobId);
        if (job.status !== 'APPLYING') throw ApplicationFailure.nonRetryable(`job ${jobId} is ${job.status}`, HabilitationJobFailure.NOT_APPLYING);
        const from = Math.max(fromSeq, job.changesDone + 1);
        if (from > toSeq) return { done: job.changesDone, granted: 0, changed: 0, revoked: 0, rejected: 0 };
        await em.execute(LOCK_CHUNK_CELLS, [jobId, from, toSeq]);
        const [result] = await em.execute<ChunkResult[]>(APPLY_CHUNK, [jobId, from, toSeq]);
        return result;
      });
    },

    /** The job is DONE, its outcome made from its dry-run's and the changes rejected when applied (appliedOutcome); once. */
    async finishJob({ jobId }: { jobId: string }): Promise<Outcome> {
      return orm.em.fork().transactional(async (em) => {
        const job = await lockedJob(em, jobId);
        if (job.status === 'DONE') return outcomeOf(job)!;
        if (isClosedJob(job.status)) throw ApplicationFailure.nonRetryable(`job ${jobId} is ${job.status}`, HabilitationJobFailure.CLOSED);
        const before = { status: job.status, ...outcomeOf(job) };
        const { outcome, reason } = appliedOutcome(outcomeOf(job), job);
        Object.assign(job, { status: 'DONE' satisfies JobStatus, outcome, outcomeCode: reason?.code ?? null, outcomeParams: reason?.params ?? null, finishedAt: new Date() });
        await auditOnce(em, job, 'HABILITATION_JOB.DONE', null, before, { outcome, reason, changesDone: job.changesDone, changesRejected: job.changesRejected });
        return { outcome, reason };
      });
    },
  };
}

export type HabilitationJobActivities = ReturnType<typeof createHabilitationJobActivities>;

/** The job's row, locked: its steps (and a retry racing the attempt it replaces) run one at a time. */
async function lockedJob(em: EntityManager, jobId: string): Promise<HabilitationJob> {
  const job = await em.findOne(HabilitationJob, jobId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!job) throw ApplicationFailure.nonRetryable(`no habilitation job ${jobId}`, HabilitationJobFailure.NOT_FOUND);
  return job;
}

/** The outcome recorded on the job (the dry-run's before it is applied). */
function outcomeOf(job: HabilitationJob): Outcome | null {
  if (!job.outcome) return null;
  return { outcome: job.outcome, reason: job.outcomeCode ? { code: job.outcomeCode, params: job.outcomeParams ?? {} } : null };
}

/** One audit event per job and action (its dedupe key): a retried step writes none. */
async function auditOnce(em: EntityManager, job: HabilitationJob, action: string, actorId: string | null, before: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<void> {
  const dedupeKey = `habilitation-job/${job.id}/${action}`;
  if (await em.count(AuditEvent, { dedupeKey })) return;
  appendAudit(em, {
    ...(await actorOf(em, actorId)),
    action,
    targetType: 'HabilitationJob',
    targetId: job.id,
    companyId: job.company.id,
    before,
    after: { status: job.status, ...extra },
    dedupeKey,
  });
}
