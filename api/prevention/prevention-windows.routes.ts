import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { PreventionWindow } from '../../domain/prevention/prevention.entities';
import { DomainError } from '../../domain/shared/domain-error';
import { moveDeadlineUpdate } from '../../workflows/prevention-window/prevention-window.messages';
import { authOf, MANAGERS, SUPPORT_ONLY } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { idList, listPage, listQuery, sendList } from '../http/list-query';
import { listSort } from '../http/list-sort';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { actingTemporal } from '../workflows/acting-client';
import { scopeSirenOf } from '../workflows/workflow-record';
import { DeadlineMoveBody, IdParams, WindowFilter, WindowRecord } from './prevention.schemas';

const tags = ['prevention'];

const windowNotFound = () => new DomainError('NOT_FOUND', 'PREVENTION.WINDOW_NOT_FOUND', 'Fenêtre de vérification introuvable.');

/** The workflow's refusals of a move, as the API answers them (the console words them from the code). */
const MOVE_REFUSALS: Record<string, { kind: 'INVALID' | 'CONFLICT'; field?: string; message: string }> = {
  'PREVENTION.REASON_REQUIRED': { kind: 'INVALID', field: 'reason', message: 'Motif obligatoire (3 caractères au moins).' },
  'PREVENTION.DATE_INVALID': { kind: 'INVALID', field: 'deadline', message: 'Date attendue au format AAAA-MM-JJ.' },
  'PREVENTION.DATE_PAST': { kind: 'CONFLICT', field: 'deadline', message: 'La nouvelle échéance ne peut pas être passée.' },
  'PREVENTION.WINDOW_CLOSED': { kind: 'CONFLICT', message: 'Cette fenêtre est close : son échéance ne se déplace plus.' },
};

function moveRefused(code: string): DomainError {
  const refusal = MOVE_REFUSALS[code];
  return new DomainError(refusal.kind, code, refusal.message, refusal.field ? { [refusal.field]: refusal.message } : undefined);
}

/** Lines still awaiting the employer, per window. */
async function pendingOf(em: EntityManager, windows: PreventionWindow[]): Promise<Map<string, number>> {
  if (!windows.length) return new Map();
  const rows = await em.execute<{ employer_siren: string; quarter: string; n: string }[]>(
    `select l.employer_siren, l.quarter, count(*) as n from prevention_learner l
      join jsonb_to_recordset(?::jsonb) as w(siren text, quarter text) on w.siren = l.employer_siren and w.quarter = l.quarter
     where l.status = 'PENDING_VERIFICATION' group by l.employer_siren, l.quarter`,
    [JSON.stringify(windows.map((w) => ({ siren: w.employerSiren, quarter: w.quarter })))],
  );
  return new Map(rows.map((r) => [`${r.employer_siren}|${r.quarter}`, Number(r.n)]));
}

const windowRecord = (w: PreventionWindow, pending: number): z.infer<typeof WindowRecord> => ({
  id: w.id,
  employerSiren: w.employerSiren,
  quarter: w.quarter,
  workflowId: w.workflowId,
  status: w.status,
  deadline: w.deadline,
  moves: w.moves,
  deemedVerified: w.deemedVerified,
  pending,
  closedAt: w.closedAt?.toISOString() ?? null,
});

/** The verification windows (read model of their workflows): support sees all and moves deadlines; an administrator sees his company's. */
export function preventionWindowRoutes(api: ApiRouter, ctx: ApiContext): void {
  route(
    api,
    {
      method: 'get',
      path: '/api/prevention-windows',
      summary: 'List verification windows (react-admin simple-rest): support all, an administrator his company’s SIREN; with the lines still pending',
      tags,
      guards: [MANAGERS],
      query: listQuery(WindowFilter),
      responses: { 200: { description: 'One page', schema: z.array(WindowRecord), headers: { 'Content-Range': 'prevention-windows start-end/total' } } },
    },
    async ({ query }, req, res) => {
      const scopeSiren = scopeSirenOf(req);
      const page = listPage(query);
      const { id, employerSiren, quarter, status } = page.filter;
      const [field, order] = listSort(page, ['deadline', 'quarter', 'employerSiren', 'status', 'createdAt'], ['deadline', 'ASC']);
      const ids = idList(id);
      const quarters = idList(quarter);
      const statuses = idList(status);
      const where: FilterQuery<PreventionWindow> = {
        $and: [
          scopeSiren === null ? {} : { employerSiren: scopeSiren },
          ids ? { id: { $in: ids } } : {},
          employerSiren ? { employerSiren } : {},
          quarters ? { quarter: { $in: quarters } } : {},
          statuses ? { status: { $in: statuses } } : {},
        ],
      };
      const em = ctx.orm.em.fork();
      const [items, total] = await em.findAndCount(PreventionWindow, where, { orderBy: { [field]: order, id: 'ASC' }, offset: page.offset, limit: page.limit });
      const pending = await pendingOf(em, items);
      sendList(res, 'prevention-windows', page, items.map((w) => windowRecord(w, pending.get(`${w.employerSiren}|${w.quarter}`) ?? 0)), total);
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/prevention-windows/:id/deadline-moves',
      summary: 'Move a window’s deadline with a reason (moveDeadline update, sent under the support person’s Temporal identity; the workflow records who, when, from, to, why)',
      tags,
      guards: [SUPPORT_ONLY],
      params: IdParams,
      body: DeadlineMoveBody,
      responses: {
        200: { description: 'The window after the move', schema: WindowRecord },
        400: { description: 'PREVENTION.REASON_REQUIRED, PREVENTION.DATE_INVALID (field named)' },
        404: { description: 'PREVENTION.WINDOW_NOT_FOUND' },
        409: { description: 'PREVENTION.DATE_PAST, PREVENTION.WINDOW_CLOSED' },
      },
    },
    async ({ params, body }, req, res) => {
      const em = ctx.orm.em.fork();
      const window = await em.findOne(PreventionWindow, params.id);
      if (!window) throw windowNotFound();
      const handle = actingTemporal(ctx.temporal, req).workflow.getHandle(window.workflowId);
      await handle.executeUpdate(moveDeadlineUpdate, { args: [{ actorId: authOf(req).account.id, reason: body.reason, deadline: body.deadline }] }).catch((err: unknown) => {
        if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type && MOVE_REFUSALS[err.cause.type]) throw moveRefused(err.cause.type);
        if (err instanceof WorkflowNotFoundError) throw moveRefused('PREVENTION.WINDOW_CLOSED');
        throw err;
      });
      const moved = await em.fork().findOneOrFail(PreventionWindow, params.id);
      res.json(windowRecord(moved, (await pendingOf(em, [moved])).get(`${moved.employerSiren}|${moved.quarter}`) ?? 0));
    },
  );
}
