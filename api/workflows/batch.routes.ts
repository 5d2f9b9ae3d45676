import { randomUUID } from 'node:crypto';
import { isGrpcServiceError } from '@temporalio/client';
import { tsToDate } from '@temporalio/common/lib/time';
import { temporal as proto } from '@temporalio/proto';
import { DomainError } from '../../domain/shared/domain-error';
import { authOf, SUPPORT_ONLY } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { Company } from '../../domain/company/company.entity';
import { CompanySiren } from '../../workflows/search-attributes';
import { consoleIdentity } from './acting-client';
import { allOf, listExecutions } from './executions';
import { auditSupportAction } from './support-audit';
import { processQuery } from './process-search';
import { RECORD_OWNING_TYPES } from './terminated-records';
import { BatchBody, BatchJob, BatchPreview, BatchPreviewBody, type WorkflowFilter } from './workflows.schemas';

/** gRPC status codes the batch service answers with. */
const GRPC = { NOT_FOUND: 5, RESOURCE_EXHAUSTED: 8 };
const { BatchOperationState } = proto.api.enums.v1;

/** How many running processes a preview reads to count them per company. */
export const BATCH_PREVIEW_LIMIT = 5000;

/**
 * The running processes a batch acts on: the list's filter, running ones
 * only. A filter that names no company reaches every company: the caller
 * must say so (`allCompanies: true`), so a mistyped or forgotten filter
 * never widens a batch to everything.
 */
async function batchQuery(ctx: ApiContext, { filter, allCompanies }: { filter: WorkflowFilter; allCompanies?: true }, now: Date): Promise<string> {
  if (!filter.companySiren && !allCompanies) {
    throw new DomainError('INVALID', 'WORKFLOW.BATCH_SCOPE_REQUIRED', 'Choisissez une entreprise, ou confirmez que le lot concerne toutes les entreprises.', {
      'filter.companySiren': 'Entreprise (SIREN) à choisir',
      allCompanies: 'À confirmer pour agir sur toutes les entreprises',
    });
  }
  return allOf(await processQuery(ctx.orm.em.fork(), filter, now, { kind: 'all' }, null), `ExecutionStatus = 'Running'`);
}

/** Running processes of a batch per company, from the newest BATCH_PREVIEW_LIMIT, with the companies' names. */
async function countByCompany(ctx: ApiContext, query: string) {
  const executions = await listExecutions(ctx.temporal, query, BATCH_PREVIEW_LIMIT + 1);
  const counts = new Map<string | null, number>();
  for (const e of executions.slice(0, BATCH_PREVIEW_LIMIT)) {
    const siren = e.typedSearchAttributes.get(CompanySiren) ?? null;
    counts.set(siren, (counts.get(siren) ?? 0) + 1);
  }
  const sirens = [...counts.keys()].filter((s): s is string => s !== null);
  const companies = await ctx.orm.em.fork().find(Company, { siren: { $in: sirens } }, { fields: ['siren', 'legalName'] });
  const names = new Map(companies.map((c) => [c.siren, c.legalName] as const));
  const byCompany = [...counts]
    .map(([companySiren, count]) => ({ companySiren, legalName: companySiren ? (names.get(companySiren) ?? null) : null, count }))
    .sort((a, b) => b.count - a.count || (a.companySiren ?? '').localeCompare(b.companySiren ?? ''));
  return { byCompany, truncated: executions.length > BATCH_PREVIEW_LIMIT };
}

/**
 * A batch terminate runs on the server, where nobody closes what a process
 * owns (terminated-records.ts): one reaching a process that owns records is
 * refused — a batch cancel closes them, each by its own workflow.
 */
async function refuseTerminatingRecords(ctx: ApiContext, query: string): Promise<void> {
  const owning = allOf(query, `WorkflowType IN (${RECORD_OWNING_TYPES.map((t) => `'${t}'`).join(', ')})`);
  const { count } = await ctx.temporal.workflow.count(owning);
  if (count > 0) {
    throw new DomainError(
      'CONFLICT',
      'WORKFLOW.CANCEL_INSTEAD',
      `${count} processus de ce lot tiennent des données (candidature, arrivée, départ, confirmation d’adresse, inscription) qu’un arrêt immédiat laisserait en suspens : annulez le lot au lieu de le terminer, ou filtrez un autre type.`,
    );
  }
}

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
      responses: { 200: { description: 'The count, and the count per company', schema: BatchPreview }, 400: { description: 'WORKFLOW.BATCH_SCOPE_REQUIRED' } },
    },
    async ({ body }, _req, res) => {
      const query = await batchQuery(ctx, body, new Date());
      const [{ count }, perCompany] = await Promise.all([temporal.workflow.count(query), countByCompany(ctx, query)]);
      res.json({ count, ...perCompany });
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/workflows/batch',
      summary:
        'Cancel or terminate every running process matching a filter, as a Temporal batch operation; audited (support). A terminate is refused when it reaches processes that own records (candidacies, arrivals, departures, address confirmations, registrations): cancel those',
      tags: ['workflows'],
      guards: [SUPPORT_ONLY],
      body: BatchBody,
      responses: {
        202: { description: 'Started: follow GET /api/workflows/batch/{jobId}', schema: z.object({ jobId: z.string(), count: z.number() }) },
        400: { description: 'WORKFLOW.BATCH_SCOPE_REQUIRED' },
        409: { description: 'WORKFLOW.BATCH_COUNT_CHANGED, WORKFLOW.BATCH_BUSY, WORKFLOW.CANCEL_INSTEAD (a terminate reaching processes that own records: cancel them instead)' },
      },
    },
    async ({ body }, req, res) => {
      const query = await batchQuery(ctx, body, new Date());
      const { count } = await temporal.workflow.count(query);
      if (count !== body.expectedCount) {
        throw new DomainError('CONFLICT', 'WORKFLOW.BATCH_COUNT_CHANGED', `Le filtre désigne maintenant ${count} processus (et non ${body.expectedCount}) : vérifiez avant de confirmer.`);
      }
      if (body.action === 'terminate') await refuseTerminatingRecords(ctx, query);
      const { account } = authOf(req);
      const jobId = `console-${body.action}-${randomUUID()}`;
      await auditSupportAction(ctx.orm, account, {
        action: body.action === 'cancel' ? 'WORKFLOW.BATCH_CANCEL_REQUESTED' : 'WORKFLOW.BATCH_TERMINATED',
        targetType: 'WorkflowBatch',
        targetId: jobId,
        companySiren: null,
        after: { filter: body.filter, allCompanies: body.allCompanies ?? false, query, count, reason: body.reason },
      });
      const identity = consoleIdentity(account);
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
