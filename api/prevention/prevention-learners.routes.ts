import { randomUUID } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit } from '../../domain/audit/audit-trail';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { PreventionDeclaration, PreventionLearner } from '../../domain/prevention/prevention.entities';
import { isSupport, type SiretScope } from '../access/service-access';
import { authOf, SIGNED_IN, type AuthContext } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { containing } from '../http/filters';
import { idList, listPage, listQuery, sendList } from '../http/list-query';
import { listSort } from '../http/list-sort';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { siretMatch } from '../portfolios/identifier.schemas';
import { signalLineDeleted, startCorrectionTasks, type CorrectionShare } from './correction-tasks';
import { mayDeclareFor, mayVerifyFor, preventionScope } from './prevention-access';
import { learnersNotFound, notVerifiable, supportReadOnly } from './prevention.errors';
import { learnerRecord, type DeadlineOf } from './prevention-records';
import { BulkAnswer, CorrectionBody, IdParams, LearnerFilter, LearnerRecord, VerifyBody } from './prevention.schemas';
import { deadlinesOf } from './prevention-windows.read';

const tags = ['prevention'];

/** The lines a scope sees: its learners as their employer, and those of the declarations it made. */
const learnersIn = (scope: SiretScope): FilterQuery<PreventionLearner> =>
  scope.all ? {} : { $or: [{ employerSiret: { $in: scope.sirets } }, { declaration: { declarantSiret: { $in: scope.sirets } } }] };

/**
 * The learners' lines: the employer verifies a training body's lines or
 * asks it for a correction, in bulk, until the window of (his SIREN,
 * quarter) ends — then the window deems the rest verified; the declarer
 * deletes a line (its declaration goes with its last one) and declares
 * again. All audited, without NIR.
 */
export function preventionLearnerRoutes(api: ApiRouter, ctx: ApiContext): void {
  const months = ctx.config.preventionVerificationMonths;

  route(
    api,
    {
      method: 'get',
      path: '/api/prevention-learners',
      summary: 'List learners’ lines (react-admin simple-rest): the caller’s employees’ and those of his declarations; NIR in clear for them, masked for support',
      tags,
      guards: [SIGNED_IN],
      query: listQuery(LearnerFilter),
      responses: { 200: { description: 'One page', schema: z.array(LearnerRecord), headers: { 'Content-Range': 'prevention-learners start-end/total' } } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const { id, declarationId, employerSiret, declarantSiret, quarter, status, q } = page.filter;
      const [field, order] = listSort(page, ['createdAt', 'birthName', 'employerSiret', 'quarter', 'status'], ['createdAt', 'DESC']);
      const em = ctx.orm.em.fork();
      const scope = await preventionScope(ctx, em, authOf(req));
      const ids = idList(id);
      const quarters = idList(quarter);
      const statuses = idList(status);
      const where: FilterQuery<PreventionLearner> = {
        $and: [
          learnersIn(scope),
          ids ? { id: { $in: ids } } : {},
          declarationId ? { declaration: declarationId } : {},
          employerSiret ? { employerSiret: siretMatch(employerSiret) } : {},
          declarantSiret ? { declaration: { declarantSiret: siretMatch(declarantSiret) } } : {},
          quarters ? { quarter: { $in: quarters } } : {},
          statuses ? { status: { $in: statuses } } : {},
          q ? { $or: [{ birthName: { $ilike: containing(q) } }, { firstNames: { $ilike: containing(q) } }] } : {},
        ],
      };
      const [items, total] = await em.findAndCount(PreventionLearner, where, {
        populate: ['declaration'],
        orderBy: { [field]: order, id: 'ASC' },
        offset: page.offset,
        limit: page.limit,
      });
      const deadlineOf = await deadlinesOf(em, items, months);
      sendList(res, 'prevention-learners', page, items.map((l) => learnerRecord(l, l.declaration, scope, deadlineOf)), total);
    },
  );

  /** The lines the caller verifies as their employer, all of them still to verify inside their window — or nothing changes. */
  async function toVerify(em: EntityManager, auth: AuthContext, ids: string[]): Promise<{ lines: PreventionLearner[]; deadlineOf: DeadlineOf }> {
    if (isSupport(auth)) throw supportReadOnly();
    const lines = await em.find(PreventionLearner, { id: { $in: ids } }, { populate: ['declaration'] });
    const allowed = new Map<string, boolean>();
    for (const siret of new Set(lines.map((l) => l.employerSiret))) allowed.set(siret, await mayVerifyFor(ctx, em, auth, siret));
    const missing = ids.filter((id) => !lines.some((l) => l.id === id && allowed.get(l.employerSiret)));
    if (missing.length) throw learnersNotFound(missing);
    const today = parisToday(new Date());
    const deadlineOf = await deadlinesOf(em, lines, months);
    const refused = lines.flatMap((l) => {
      if (l.status !== 'PENDING_VERIFICATION') return [{ id: l.id, reason: l.status }];
      if (today > deadlineOf(l)) return [{ id: l.id, reason: 'WINDOW_OVER' }];
      return [];
    });
    if (refused.length) throw notVerifiable(refused);
    return { lines, deadlineOf };
  }

  /**
   * Sets the lines' outcome only where they are still pending (the window's
   * deadline pages may run at the same time): all or none. A correction
   * request gets an id, stored on its lines and recorded, and each training
   * body's share of it (its declaring SIRET, lines, last day) gets its task,
   * started before the transaction commits: Temporal unreachable refuses the
   * request whole.
   */
  async function decide(auth: AuthContext, ids: string[], status: 'VERIFIED' | 'CORRECTION_REQUESTED', reason: string | null): Promise<number> {
    const requestId = status === 'CORRECTION_REQUESTED' ? randomUUID() : null;
    return ctx.orm.em.fork().transactional(async (em) => {
      const { lines, deadlineOf } = await toVerify(em, auth, ids);
      const changed = await em.nativeUpdate(
        PreventionLearner,
        { id: { $in: ids }, status: 'PENDING_VERIFICATION' },
        { status, decidedAt: new Date(), decidedBy: auth.account.id, correctionReason: reason, correctionRequestId: requestId },
      );
      if (changed !== lines.length) throw notVerifiable(lines.map((l) => ({ id: l.id, reason: 'CHANGED_MEANWHILE' })));
      for (const l of lines) {
        appendAudit(em, {
          ...auditActor(auth.account),
          action: status === 'VERIFIED' ? 'PREVENTION.VERIFIED' : 'PREVENTION.CORRECTION_REQUESTED',
          targetType: 'PreventionLearner',
          targetId: l.id,
          companyId: auth.account.company.id,
          before: { status: l.status },
          after: { status, ...(reason ? { reason } : {}), ...(requestId ? { requestId } : {}), declarationId: l.declaration.id },
        });
      }
      if (requestId) {
        const employerSirens = [...new Set(lines.map((l) => l.employerSiren))].sort();
        await startCorrectionTasks(em, ctx.temporal, { id: requestId, employerSirens, requestedBy: auth.account.id }, sharesOf(lines, deadlineOf));
      }
      return changed;
    });
  }

  route(
    api,
    {
      method: 'post',
      path: '/api/prevention-learners/verify',
      summary: 'The employer verifies training-body lines of his employees, in bulk, while their window is open: all or none; audited',
      tags,
      guards: [SIGNED_IN],
      body: VerifyBody,
      responses: {
        200: { description: 'Lines verified', schema: BulkAnswer },
        404: { description: 'PREVENTION.LEARNER_NOT_FOUND (ids): not lines the caller verifies' },
        409: { description: 'PREVENTION.NOT_VERIFIABLE (lines with their reason): nothing changed' },
      },
    },
    async ({ body }, req, res) => {
      res.json({ changed: await decide(authOf(req), body.ids, 'VERIFIED', null) });
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/prevention-learners/request-correction',
      summary:
        'The employer asks the training body to correct lines (reason), in bulk, while their window is open: all or none; audited. Each training body (declaring SIRET) gets a task (preventionCorrectionWorkflow, in its administrators’ « Mes tâches ») and a mail, started before the request commits: Temporal unreachable refuses it whole',
      tags,
      guards: [SIGNED_IN],
      body: CorrectionBody,
      responses: {
        200: { description: 'Lines sent back', schema: BulkAnswer },
        404: { description: 'PREVENTION.LEARNER_NOT_FOUND (ids)' },
        409: { description: 'PREVENTION.NOT_VERIFIABLE (lines with their reason): nothing changed' },
        503: { description: 'TEMPORAL.UNAVAILABLE: the tasks could not be started, nothing changed' },
      },
    },
    async ({ body }, req, res) => {
      res.json({ changed: await decide(authOf(req), body.ids, 'CORRECTION_REQUESTED', body.reason) });
    },
  );

  route(
    api,
    {
      method: 'delete',
      path: '/api/prevention-learners/:id',
      summary:
        'The declarer deletes a learner’s line (a declaration is never edited: it is declared again); the declaration goes with its last line; audited. A line sent back for correction tells its correction task',
      tags,
      guards: [SIGNED_IN],
      params: IdParams,
      responses: {
        200: { description: 'Deleted; `declarationDeleted` when it was the last line', schema: z.object({ id: z.string(), declarationDeleted: z.boolean() }) },
        404: { description: 'PREVENTION.LEARNER_NOT_FOUND: not a line of the caller’s declarations' },
      },
    },
    async ({ params }, req, res) => {
      const auth = authOf(req);
      if (isSupport(auth)) throw supportReadOnly();
      const answer = await ctx.orm.em.fork().transactional(async (em) => {
        const line = await em.findOne(PreventionLearner, params.id, { populate: ['declaration'] });
        if (!line || !(await mayDeclareFor(ctx, em, auth, line.declaration.declarantSiret))) throw learnersNotFound([params.id]);
        const declaration = line.declaration;
        const audit = { ...auditActor(auth.account), companyId: auth.account.company.id };
        appendAudit(em, { ...audit, action: 'PREVENTION.LEARNER_DELETED', targetType: 'PreventionLearner', targetId: line.id, before: { declarationId: declaration.id, status: line.status, employerSiret: line.employerSiret } });
        em.remove(line);
        await em.flush();
        const left = await em.count(PreventionLearner, { declaration });
        if (!left) {
          appendAudit(em, { ...audit, action: 'PREVENTION.DECLARATION_DELETED', targetType: 'PreventionDeclaration', targetId: declaration.id, before: { declarantSiret: declaration.declarantSiret, quarter: declaration.quarter } });
          await em.nativeDelete(PreventionDeclaration, { id: declaration.id });
          await em.flush();
        }
        return { id: line.id, declarationDeleted: !left, correction: line.correctionRequestId ? { requestId: line.correctionRequestId, declarantSiret: declaration.declarantSiret } : null };
      });
      if (answer.correction) await signalLineDeleted(ctx.temporal, ctx.logger, answer.correction.requestId, answer.correction.declarantSiret);
      res.json({ id: answer.id, declarationDeleted: answer.declarationDeleted });
    },
  );
}

/** Each training body's share of a correction request: its declaring SIRET, its lines, and the latest verification deadline among them. */
function sharesOf(lines: PreventionLearner[], deadlineOf: DeadlineOf): CorrectionShare[] {
  const shares = new Map<string, CorrectionShare>();
  for (const l of lines) {
    const siret = l.declaration.declarantSiret;
    const share = shares.get(siret) ?? { declarantSiret: siret, lines: 0, due: deadlineOf(l) };
    shares.set(siret, { ...share, lines: share.lines + 1, due: deadlineOf(l) > share.due ? deadlineOf(l) : share.due });
  }
  return [...shares.values()];
}
