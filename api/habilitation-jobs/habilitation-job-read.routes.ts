import type { FilterQuery } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HabilitationJob } from '../../domain/habilitation-jobs/habilitation-job.entities';
import { isClosedJob } from '../../domain/habilitation-jobs/habilitation-job.status';
import { jobStatusQuery, type JobState } from '../../workflows/bulk-habilitation-job/bulk-habilitation-job.messages';
import { authOf, MANAGERS } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { idList, listPage, listQuery, sendList } from '../http/list-query';
import { listSort } from '../http/list-sort';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { JobDetail, JobFilter, JobIdParams, JobRecord, toJobRecord } from './habilitation-jobs.schemas';
import { findJob, jobScope } from './habilitation-job.read';
import { rejectedLinesFile } from './rejected-lines.file';

const tags = ['habilitation-jobs'];

/** How long the detail waits for the running process's status query. */
const LIVE_QUERY_MS = 3_000;

/** The process's own view (done/total, jobs ahead) while it runs; null when it does not, or does not answer in time. */
async function liveState(temporal: Client, job: HabilitationJob): Promise<JobState | null> {
  if (!job.workflowId || job.status === 'PLANNED' || isClosedJob(job.status)) return null;
  const handle = temporal.workflow.getHandle(job.workflowId);
  return temporal.connection.withDeadline(Date.now() + LIVE_QUERY_MS, () => handle.query(jobStatusQuery)).catch(() => null);
}

/** Mass habilitation jobs read: the list (react-admin), one job with its live progress, its rejected lines as a file. */
export function habilitationJobReadRoutes(api: ApiRouter, ctx: ApiContext): void {
  route(
    api,
    {
      method: 'get',
      path: '/api/habilitation-jobs',
      summary: 'List mass habilitation jobs (react-admin simple-rest): an administrator his company’s, support all; filter by portfolio, status',
      tags,
      guards: [MANAGERS],
      query: listQuery(JobFilter),
      responses: { 200: { description: 'One page, newest first by default', schema: z.array(JobRecord), headers: { 'Content-Range': 'habilitation-jobs start-end/total' } } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const { id, portfolioId, status } = page.filter;
      const [field, order] = listSort(page, ['createdAt', 'status', 'fileName', 'kind', 'outcome'], ['createdAt', 'DESC']);
      const ids = idList(id);
      const statuses = idList(status);
      const where: FilterQuery<HabilitationJob> = {
        $and: [jobScope(authOf(req).scope), ids ? { id: { $in: ids } } : {}, portfolioId ? { portfolio: portfolioId } : {}, statuses ? { status: { $in: statuses } } : {}],
      };
      const [items, total] = await ctx.orm.em.fork().findAndCount(HabilitationJob, where, { orderBy: { [field]: order, id: 'ASC' }, offset: page.offset, limit: page.limit });
      sendList(res, 'habilitation-jobs', page, items.map(toJobRecord), total);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/habilitation-jobs/:id',
      summary: 'One mass habilitation job, with its process’s live status (phase, jobs ahead in its portfolio’s queue, done/total) while it runs',
      tags,
      guards: [MANAGERS],
      params: JobIdParams,
      responses: { 200: { description: 'The job', schema: JobDetail }, 404: { description: 'HABILITATION_JOB.NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      const job = await findJob(ctx.orm.em.fork(), authOf(req).scope, params.id);
      const live = await liveState(ctx.temporal, job);
      const detail: z.infer<typeof JobDetail> = {
        ...toJobRecord(job),
        live: live && { phase: live.phase, jobsAhead: live.jobsAhead, done: live.done, total: live.total, expiresAt: live.expiresAt },
      };
      res.json(detail);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/habilitation-jobs/:id/rejected-lines.csv',
      summary: 'A job’s rejected lines as a CSV in the input’s own format (UTF-8 with BOM, ;): the input’s header, each rejected line’s text, a reason column; changes refused when applied rebuilt from the change',
      tags,
      guards: [MANAGERS],
      params: JobIdParams,
      responses: { 200: { description: 'The file (text/csv)' }, 404: { description: 'HABILITATION_JOB.NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      const job = await findJob(ctx.orm.em.fork(), authOf(req).scope, params.id);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="rejets-${job.id}.csv"`);
      await pipeline(Readable.from(rejectedLinesFile(ctx.orm.em.fork(), job)), res);
    },
  );
}
