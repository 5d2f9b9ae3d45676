import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import type { Request } from 'express';
import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit } from '../../domain/audit/audit-trail';
import { HabilitationJob } from '../../domain/habilitation-jobs/habilitation-job.entities';
import { isClosedJob } from '../../domain/habilitation-jobs/habilitation-job.status';
import { DomainError } from '../../domain/shared/domain-error';
import {
  BULK_HABILITATION_JOB_WORKFLOW_TYPE,
  HabilitationJobFailure,
  cancelJobUpdate,
  confirmRemovalsUpdate,
  habilitationJobWorkflowId,
  type BulkHabilitationJobInput,
} from '../../workflows/bulk-habilitation-job/bulk-habilitation-job.messages';
import { isSupport } from '../access/service-access';
import { authOf, MANAGERS } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { readUntil } from '../http/read-until';
import { route, type ApiRouter } from '../http/route';
import { actingTemporal } from '../workflows/acting-client';
import { startOnce } from '../workflows/start-once';
import { alreadyStarted, applyingStarted, dryRunKo, jobClosed, notAwaitingConfirmation, notStarted, supportReadOnly } from './habilitation-jobs.errors';
import { JobIdParams, JobRecord, toJobRecord } from './habilitation-jobs.schemas';
import { findJob } from './habilitation-job.read';

const tags = ['habilitation-jobs'];

/** How long an action waits for the job's process to record its step, so that the answer shows it. */
const RECORD_WAIT_MS = 5_000;

/** The workflow's refusals (HabilitationJobFailure) as the API's errors. */
const REFUSALS: Record<string, () => Error> = {
  [HabilitationJobFailure.NOT_AWAITING_CONFIRMATION]: notAwaitingConfirmation,
  [HabilitationJobFailure.APPLYING_STARTED]: applyingStarted,
  [HabilitationJobFailure.CLOSED]: jobClosed,
};

function refused(err: unknown): never {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type && REFUSALS[err.cause.type]) throw REFUSALS[err.cause.type]();
  if (err instanceof WorkflowNotFoundError) throw jobClosed();
  throw err;
}

/**
 * A job's process steered over HTTP (STYLE 16: process actions are
 * sub-routes): confirm starts bulkHabilitationJobWorkflow (ids only);
 * confirm-removals and cancel are its updates, under the caller's Temporal
 * identity. Administrators of the job's company; support may only cancel.
 */
export function habilitationJobActionRoutes(api: ApiRouter, ctx: ApiContext): void {
  const jobOf = (req: Request, id: string) => findJob(ctx.orm.em.fork(), authOf(req).scope, id);
  const recorded = (id: string, done: (job: HabilitationJob) => boolean) =>
    readUntil(() => ctx.orm.em.fork().findOneOrFail(HabilitationJob, { id }), done, RECORD_WAIT_MS);

  route(
    api,
    {
      method: 'post',
      path: '/api/habilitation-jobs/:id/confirm',
      summary: 'Confirm a job’s dry-run: starts its process (habilitation-job-<id>), which joins its portfolio’s queue — or, quarantined (removals above 20 % of the portfolio’s habilitations), waits for confirm-removals. A KO dry-run is never confirmed. Administrators of the job’s company.',
      tags,
      guards: [MANAGERS],
      params: JobIdParams,
      responses: {
        202: { description: 'Started; the job as its process has recorded it (5 s at most)', schema: JobRecord },
        403: { description: 'HABILITATION_JOB.SUPPORT_READ_ONLY' },
        404: { description: 'HABILITATION_JOB.NOT_FOUND' },
        409: { description: 'HABILITATION_JOB.DRY_RUN_KO, HABILITATION_JOB.ALREADY_STARTED, HABILITATION_JOB.CLOSED (cancelled)' },
      },
    },
    async ({ params }, req, res) => {
      const auth = authOf(req);
      const job = await jobOf(req, params.id);
      if (isSupport(auth)) throw supportReadOnly();
      if (job.outcome === 'KO') throw dryRunKo();
      if (job.workflowId) throw alreadyStarted();
      // Closed without a process: cancelled before it was ever confirmed.
      if (isClosedJob(job.status)) throw jobClosed();
      if (job.status !== 'PLANNED') throw alreadyStarted();
      const input: BulkHabilitationJobInput = { jobId: job.id };
      const workflowId = habilitationJobWorkflowId(job.id);
      const em = ctx.orm.em.fork();
      // The job is claimed for its process first: a cancel of the never-confirmed job (or a second confirm) racing this one finds it taken.
      const claimed = await em.nativeUpdate(HabilitationJob, { id: job.id, status: 'PLANNED', workflowId: null }, { workflowId });
      if (!claimed) {
        const now = await em.findOneOrFail(HabilitationJob, { id: job.id });
        throw !now.workflowId && isClosedJob(now.status) ? jobClosed() : alreadyStarted();
      }
      try {
        await startOnce(actingTemporal(ctx.temporal, req), BULK_HABILITATION_JOB_WORKFLOW_TYPE, workflowId, [input], alreadyStarted);
      } catch (err) {
        // Not started (Temporal unreachable…): the job is left as it was, to be confirmed or cancelled again.
        if (!(err instanceof DomainError)) await em.nativeUpdate(HabilitationJob, { id: job.id, status: 'PLANNED' }, { workflowId: null });
        throw err;
      }
      appendAudit(em, { ...auditActor(auth.account), action: 'HABILITATION_JOB.CONFIRMED', targetType: 'HabilitationJob', targetId: job.id, companyId: job.company.id, after: { workflowId } });
      await em.flush();
      res.status(202).json(toJobRecord(await recorded(job.id, (j) => j.status !== 'PLANNED')));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/habilitation-jobs/:id/confirm-removals',
      summary: 'Confirm a quarantined job’s removals (confirmRemovals update of its process): it joins its portfolio’s queue. Administrators of the job’s company.',
      tags,
      guards: [MANAGERS],
      params: JobIdParams,
      responses: {
        200: { description: 'The job', schema: JobRecord },
        403: { description: 'HABILITATION_JOB.SUPPORT_READ_ONLY' },
        404: { description: 'HABILITATION_JOB.NOT_FOUND' },
        409: { description: 'HABILITATION_JOB.NOT_STARTED, HABILITATION_JOB.NOT_AWAITING_CONFIRMATION, HABILITATION_JOB.CLOSED' },
      },
    },
    async ({ params }, req, res) => {
      const auth = authOf(req);
      const job = await jobOf(req, params.id);
      if (isSupport(auth)) throw supportReadOnly();
      if (!job.workflowId) throw notStarted();
      // A job recorded closed is answered so, even while its process is still ending.
      if (isClosedJob(job.status)) throw jobClosed();
      await actingTemporal(ctx.temporal, req)
        .workflow.getHandle(job.workflowId)
        .executeUpdate(confirmRemovalsUpdate, { args: [{ actorId: auth.account.id }] })
        .catch(refused);
      res.json(toJobRecord(await recorded(job.id, (j) => j.status !== 'AWAITING_CONFIRMATION')));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/habilitation-jobs/:id/cancel',
      summary: 'Cancel a job before it applies anything: never confirmed (PLANNED), in the database; awaiting its removals’ confirmation or queued, by the cancel update of its process. Refused once applying. The job’s company’s administrators and support.',
      tags,
      guards: [MANAGERS],
      params: JobIdParams,
      responses: {
        200: { description: 'The job, CANCELLED', schema: JobRecord },
        404: { description: 'HABILITATION_JOB.NOT_FOUND' },
        409: { description: 'HABILITATION_JOB.APPLYING_STARTED, HABILITATION_JOB.CLOSED' },
      },
    },
    async ({ params }, req, res) => {
      const auth = authOf(req);
      const job = await jobOf(req, params.id);
      if (isClosedJob(job.status)) throw jobClosed();
      if (!job.workflowId && job.status === 'PLANNED') {
        const em = ctx.orm.em.fork();
        // Only while still never confirmed: a confirm that won the race leaves the job to its process.
        const cancelled = await em.nativeUpdate(HabilitationJob, { id: job.id, status: 'PLANNED', workflowId: null }, { status: 'CANCELLED', finishedAt: new Date() });
        if (cancelled) {
          appendAudit(em, { ...auditActor(auth.account), action: 'HABILITATION_JOB.CANCELLED', targetType: 'HabilitationJob', targetId: job.id, companyId: job.company.id, before: { status: 'PLANNED' } });
          await em.flush();
          res.json(toJobRecord(await em.findOneOrFail(HabilitationJob, { id: job.id })));
          return;
        }
      }
      const workflowId = job.workflowId ?? habilitationJobWorkflowId(job.id);
      await actingTemporal(ctx.temporal, req).workflow.getHandle(workflowId).executeUpdate(cancelJobUpdate, { args: [{ actorId: auth.account.id }] }).catch(refused);
      res.json(toJobRecord(await recorded(job.id, (j) => isClosedJob(j.status))));
    },
  );
}
