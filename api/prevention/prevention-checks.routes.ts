import type { FilterQuery } from '@mikro-orm/core';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit } from '../../domain/audit/audit-trail';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { PreventionCheck, PreventionCheckRun } from '../../domain/prevention/prevention.entities';
import { DomainError } from '../../domain/shared/domain-error';
import {
  PREVENTION_YEARLY_CHECK_WORKFLOW_TYPE,
  defaultCheckDue,
  markCheckDoneUpdate,
  preventionCheckId,
  type PreventionYearlyCheckInput,
} from '../../workflows/prevention-check/prevention-check.messages';
import { authOf, MANAGERS, SUPPORT_ONLY } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { idList, listPage, listQuery, sendList } from '../http/list-query';
import { listSort } from '../http/list-sort';
import { readUntil } from '../http/read-until';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { actingTemporal } from '../workflows/acting-client';
import { startOnce } from '../workflows/start-once';
import { scopeSirenOf } from '../workflows/workflow-record';
import { checkCounts, checkEmployees } from './check-employees.read';
import { supportReadOnly } from './prevention.errors';
import { CheckEmployeeFilter, CheckEmployeeRecord, CheckFilter, CheckRecord, CheckRunFilter, CheckRunIds, CheckRunRecord, CheckRunStart, CheckRunStarted, IdParams } from './prevention.schemas';

const tags = ['prevention'];

const checkNotFound = () => new DomainError('NOT_FOUND', 'PREVENTION.CHECK_NOT_FOUND', 'Vérification annuelle introuvable.');
const checkClosed = () => new DomainError('CONFLICT', 'PREVENTION.CHECK_CLOSED', 'Cette vérification annuelle est close.');
const checkRunExists = (year: number) =>
  new DomainError('CONFLICT', 'PREVENTION.CHECK_RUN_EXISTS', `La vérification annuelle ${year} a déjà été lancée (une par année).`, undefined, { year });
const yearNotOver = (year: number) =>
  new DomainError('INVALID', 'PREVENTION.CHECK_YEAR_FUTURE', `L’année ${year} n’a pas commencé : sa vérification ne peut être lancée.`, { year: 'Année à venir' });
const duePast = () => new DomainError('INVALID', 'PREVENTION.DATE_PAST', 'L’échéance ne peut pas être passée.', { due: 'L’échéance ne peut pas être passée.' });

/** How long starting a run waits for its workflow to record it, so that its row exists when the console lists the runs. */
const FIRST_RECORD_WAIT_MS = 5_000;

/** The checks a caller sees: support all, an administrator his company's. */
const checksIn = (siren: string | null): FilterQuery<PreventionCheck> => (siren === null ? {} : { employerSiren: siren });

/**
 * The employers' yearly checks (read models of their workflows): the list
 * and each check's counts, its employees of the year with their
 * declarations (or none), and « Vérification faite » — the markCheckDone
 * update of the check's workflow, which ends the administrators' task.
 */
export function preventionCheckRoutes(api: ApiRouter, ctx: ApiContext): void {
  async function visibleCheck(req: Parameters<typeof scopeSirenOf>[0], id: string) {
    const check = await ctx.orm.em.fork().findOne(PreventionCheck, { $and: [{ id }, checksIn(scopeSirenOf(req))] });
    if (!check) throw checkNotFound();
    return check;
  }

  const recordOf = async (check: PreventionCheck): Promise<z.infer<typeof CheckRecord>> => ({
    id: check.id,
    year: check.year,
    employerSiren: check.employerSiren,
    workflowId: check.workflowId,
    status: check.status,
    due: check.due,
    remindedAt: check.remindedAt?.toISOString() ?? null,
    doneAt: check.doneAt?.toISOString() ?? null,
    counts: await checkCounts(ctx.orm.em.fork(), check),
  });

  route(
    api,
    {
      method: 'get',
      path: '/api/prevention-checks',
      summary: 'List yearly checks (react-admin simple-rest): support all, an administrator his company’s; with their counts',
      tags,
      guards: [MANAGERS],
      query: listQuery(CheckFilter),
      responses: { 200: { description: 'One page', schema: z.array(CheckRecord), headers: { 'Content-Range': 'prevention-checks start-end/total' } } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const { id, year, employerSiren, status } = page.filter;
      const [field, order] = listSort(page, ['year', 'due', 'employerSiren', 'status', 'createdAt'], ['year', 'DESC']);
      const ids = idList(id);
      const statuses = idList(status);
      const where: FilterQuery<PreventionCheck> = {
        $and: [
          checksIn(scopeSirenOf(req)),
          ids ? { id: { $in: ids } } : {},
          year !== undefined ? { year } : {},
          employerSiren ? { employerSiren } : {},
          statuses ? { status: { $in: statuses } } : {},
        ],
      };
      const [items, total] = await ctx.orm.em.fork().findAndCount(PreventionCheck, where, { orderBy: { [field]: order, id: 'ASC' }, offset: page.offset, limit: page.limit });
      sendList(res, 'prevention-checks', page, await Promise.all(items.map(recordOf)), total);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/prevention-checks/:id',
      summary: 'One yearly check with its counts (employees, with and without a declaration that year, lines awaiting verification)',
      tags,
      guards: [MANAGERS],
      params: IdParams,
      responses: { 200: { description: 'The check', schema: CheckRecord }, 404: { description: 'PREVENTION.CHECK_NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      res.json(await recordOf(await visibleCheck(req, params.id)));
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/prevention-check-employees',
      summary: 'The employees of a check’s year (employment relations, pseudonymous) with the declarations naming them that year; `declared: false` lists those with none (react-admin simple-rest, filter checkId required)',
      tags,
      guards: [MANAGERS],
      query: listQuery(CheckEmployeeFilter),
      responses: { 200: { description: 'One page', schema: z.array(CheckEmployeeRecord), headers: { 'Content-Range': 'prevention-check-employees start-end/total' } } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const { checkId, id } = page.filter;
      // getMany without its check: the rows are a check's, so none answers (never a wider list).
      if (!checkId && id !== undefined) return sendList(res, 'prevention-check-employees', page, [], 0);
      if (!checkId) throw new DomainError('INVALID', 'VALIDATION.FAILED', 'Le filtre checkId est obligatoire.', { checkId: 'Obligatoire' });
      const check = await visibleCheck(req, checkId);
      const { items, total } = await checkEmployees(ctx.orm.em.fork(), check, { declared: page.filter.declared, offset: page.offset, limit: page.limit });
      const records = items.map((e) => ({ id: `${e.employer_siret}|${e.employee_id}`, employeeId: e.employee_id, employerSiret: e.employer_siret, declarations: e.declarations }));
      sendList(res, 'prevention-check-employees', page, records as z.infer<typeof CheckEmployeeRecord>[], total);
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/prevention-checks/:id/done',
      summary: 'An administrator marks his company’s yearly check done (markCheckDone update of its workflow, under his Temporal identity): the task ends',
      tags,
      guards: [MANAGERS],
      params: IdParams,
      responses: { 200: { description: 'The check', schema: CheckRecord }, 403: { description: 'PREVENTION.SUPPORT_READ_ONLY' }, 404: { description: 'PREVENTION.CHECK_NOT_FOUND' }, 409: { description: 'PREVENTION.CHECK_CLOSED' } },
    },
    async ({ params }, req, res) => {
      if (scopeSirenOf(req) === null) throw supportReadOnly();
      const check = await visibleCheck(req, params.id);
      await actingTemporal(ctx.temporal, req)
        .workflow.getHandle(check.workflowId)
        .executeUpdate(markCheckDoneUpdate, { args: [{ actorId: authOf(req).account.id }] })
        .catch((err: unknown) => {
          if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === 'PREVENTION.CHECK_CLOSED') throw checkClosed();
          if (err instanceof WorkflowNotFoundError) throw checkClosed();
          throw err;
        });
      res.json(await recordOf(await visibleCheck(req, params.id)));
    },
  );
  route(
    api,
    {
      method: 'get',
      path: '/api/prevention-check-runs',
      summary: 'The yearly checks’ runs (one per year): employers asked, and at the due day the report — done, not done, lines still pending (react-admin simple-rest, support only)',
      tags,
      guards: [SUPPORT_ONLY],
      query: listQuery(CheckRunFilter, CheckRunIds),
      responses: { 200: { description: 'One page', schema: z.array(CheckRunRecord), headers: { 'Content-Range': 'prevention-check-runs start-end/total' } } },
    },
    async ({ query }, _req, res) => {
      const page = listPage(query);
      const { id, year, status } = page.filter;
      const [field, order] = listSort(page, ['year', 'startedAt', 'reportedAt', 'status'], ['year', 'DESC']);
      const ids = idList(id);
      const statuses = idList(status);
      const where: FilterQuery<PreventionCheckRun> = {
        $and: [ids ? { year: { $in: ids } } : {}, year !== undefined ? { year } : {}, statuses ? { status: { $in: statuses } } : {}],
      };
      const [items, total] = await ctx.orm.em.fork().findAndCount(PreventionCheckRun, where, { orderBy: { [field]: order }, offset: page.offset, limit: page.limit });
      const records = items.map((r) => ({
        id: r.year,
        year: r.year,
        workflowId: r.workflowId,
        status: r.status,
        due: r.due,
        employers: r.employers,
        startedAt: r.startedAt.toISOString(),
        reportedAt: r.reportedAt?.toISOString() ?? null,
        report: r.report ?? null,
      }));
      sendList(res, 'prevention-check-runs', page, records, total);
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/prevention-check-runs',
      summary:
        'Start the yearly check of a year now (workflow prevention-check-<year>, as the prevention-yearly-check Schedule would on its day): one check per employer with employees or lines that year; support only, audited',
      tags,
      guards: [SUPPORT_ONLY],
      body: CheckRunStart,
      responses: {
        202: { description: 'Started; answered once its workflow has recorded the run (5 s at most)', schema: CheckRunStarted },
        400: { description: 'PREVENTION.CHECK_YEAR_FUTURE, PREVENTION.DATE_PAST (due), VALIDATION.*' },
        409: { description: 'PREVENTION.CHECK_RUN_EXISTS (one run per year, ever: by the Schedule or by support)' },
      },
    },
    async ({ body }, req, res) => {
      const today = parisToday(new Date());
      if (body.year > Number(today.slice(0, 4))) throw yearNotOver(body.year);
      const due = body.due ?? defaultCheckDue(body.year);
      if (due < today) throw duePast();
      const em = ctx.orm.em.fork();
      if (await em.count(PreventionCheckRun, { year: body.year })) throw checkRunExists(body.year);
      const workflowId = preventionCheckId(body.year);
      const input: PreventionYearlyCheckInput = { year: body.year, due };
      await startOnce(actingTemporal(ctx.temporal, req), PREVENTION_YEARLY_CHECK_WORKFLOW_TYPE, workflowId, [input], () => checkRunExists(body.year));
      appendAudit(em, { ...auditActor(authOf(req).account), action: 'PREVENTION.CHECK_RUN_STARTED', targetType: 'PreventionCheckRun', targetId: String(body.year), after: { workflowId, due } });
      await em.flush();
      await readUntil(() => ctx.orm.em.fork().count(PreventionCheckRun, { year: body.year }), (n) => n > 0, FIRST_RECORD_WAIT_MS);
      res.status(202).json({ year: body.year, workflowId, due });
    },
  );
}
