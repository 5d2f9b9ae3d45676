import { randomUUID } from 'node:crypto';
import { isGrpcServiceError } from '@temporalio/client';
import { tsToDate } from '@temporalio/common/lib/time';
import { temporal as proto } from '@temporalio/proto';
import { DomainError } from '../../domain/shared/domain-error';
import { authOf, SUPPORT_ONLY } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { allOf } from './executions';
import { auditSupportAction } from './support-audit';
import { visibilityQuery } from './visibility-query';
import { BatchBody, BatchJob, BatchPreviewBody, type WorkflowFilter } from './workflows.schemas';

/** gRPC status codes the batch service answers with. */
const GRPC = { NOT_FOUND: 5, RESOURCE_EXHAUSTED: 8 };
const { BatchOperationState } = proto.api.enums.v1;

/** The running processes a batch acts on: the list's filter, running ones only, any company (support). */
const batchQuery = (filter: WorkflowFilter, now: Date) => allOf(visibilityQuery(filter, now, null), `ExecutionStatus = 'Running'`);

/**
 * Cancel or terminate by filter, as a Temporal batch operation (the server
 * walks the visibility query and reports progress): preview the count, run
 * with that count confirmed, follow the job.
 */
export function batchRoutes(api: ApiRouter, ctx: ApiContext): void {
  const { temporal, config } = ctx;
  const namespace = config.temporalNamespace;

  route(
    api,
    {
      method: 'post',
      path: '/api/workflows/batch/preview',
      summary: 'How many running processes a batch with this filter would act on (support)',
      tags: ['workflows'],
      guards: [SUPPORT_ONLY],
      body: BatchPreviewBody,
      responses: { 200: { description: 'The count', schema: z.object({ count: z.number() }) } },
    },
    async ({ body }, _req, res) => {
      const { count } = await temporal.workflow.count(batchQuery(body.filter, new Date()));
      res.json({ count });
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/workflows/batch',
      summary: 'Cancel or terminate every running process matching a filter, as a Temporal batch operation; audited (support)',
      tags: ['workflows'],
      guards: [SUPPORT_ONLY],
      body: BatchBody,
      responses: {
        202: { description: 'Started: follow GET /api/workflows/batch/{jobId}', schema: z.object({ jobId: z.string(), count: z.number() }) },
        409: { description: 'WORKFLOW.BATCH_COUNT_CHANGED, WORKFLOW.BATCH_BUSY' },
      },
    },
    async ({ body }, req, res) => {
      const query = batchQuery(body.filter, new Date());
      const { count } = await temporal.workflow.count(query);
      if (count !== body.expectedCount) {
        throw new DomainError('CONFLICT', 'WORKFLOW.BATCH_COUNT_CHANGED', `Le filtre désigne maintenant ${count} processus (et non ${body.expectedCount}) : vérifiez avant de confirmer.`);
      }
      const { account } = authOf(req);
      const jobId = `console-${body.action}-${randomUUID()}`;
      await auditSupportAction(ctx.orm, account, {
        action: body.action === 'cancel' ? 'WORKFLOW.BATCH_CANCEL_REQUESTED' : 'WORKFLOW.BATCH_TERMINATED',
        targetType: 'WorkflowBatch',
        targetId: jobId,
        companySiren: null,
        after: { filter: body.filter, query, count, reason: body.reason },
      });
      const identity = `${account.firstName} ${account.lastName} (console)`;
      try {
        await temporal.workflowService.startBatchOperation({
          namespace,
          jobId,
          visibilityQuery: query,
          reason: body.reason,
          ...(body.action === 'cancel' ? { cancellationOperation: { identity } } : { terminationOperation: { identity } }),
        });
      } catch (err) {
        if (isGrpcServiceError(err) && err.code === GRPC.RESOURCE_EXHAUSTED) {
          throw new DomainError('CONFLICT', 'WORKFLOW.BATCH_BUSY', 'Une autre opération par lot est en cours : réessayez quand elle sera finie.');
        }
        throw err;
      }
      res.status(202).json({ jobId, count });
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/workflows/batch/:jobId',
      summary: 'Progress of a batch operation (support)',
      tags: ['workflows'],
      guards: [SUPPORT_ONLY],
      params: z.object({ jobId: z.string().regex(/^console-(cancel|terminate)-[0-9a-f-]{36}$/, 'Identifiant de lot invalide') }),
      responses: { 200: { description: 'Its state and counters', schema: BatchJob }, 404: { description: 'WORKFLOW.BATCH_NOT_FOUND' } },
    },
    async ({ params }, _req, res) => {
      const job = await temporal.workflowService.describeBatchOperation({ namespace, jobId: params.jobId }).catch((err) => {
        if (isGrpcServiceError(err) && err.code === GRPC.NOT_FOUND) throw new DomainError('NOT_FOUND', 'WORKFLOW.BATCH_NOT_FOUND', 'Opération par lot introuvable.');
        throw err;
      });
      res.json({
        jobId: params.jobId,
        action: params.jobId.split('-')[1],
        state: BatchOperationState[job.state ?? 0].replace(/^BATCH_OPERATION_STATE_/, ''),
        total: Number(job.totalOperationCount ?? 0),
        completed: Number(job.completeOperationCount ?? 0),
        failed: Number(job.failureOperationCount ?? 0),
        reason: job.reason ?? '',
        startedAt: job.startTime ? tsToDate(job.startTime).toISOString() : null,
        closedAt: job.closeTime ? tsToDate(job.closeTime).toISOString() : null,
      });
    },
  );
}
