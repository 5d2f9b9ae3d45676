import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PreventionDeclaration, PreventionLearner } from '../../domain/prevention/prevention.entities';
import type { SiretScope } from '../access/service-access';
import { authOf, SIGNED_IN } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { containing } from '../http/filters';
import { idList, listPage, listQuery, sendList } from '../http/list-query';
import { listSort } from '../http/list-sort';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { siretMatch } from '../portfolios/identifier.schemas';
import { declare } from './declaration.service';
import { preventionScope } from './prevention-access';
import { declarationNotFound } from './prevention.errors';
import { declarationRecord, learnerRecord, visibleLearners } from './prevention-records';
import { DeclarationCreate, DeclarationDetail, DeclarationFilter, DeclarationRecord, IdParams } from './prevention.schemas';
import { deadlinesOf } from './prevention-windows.read';

const tags = ['prevention'];

/** The declarations a scope sees: those it declared, and those naming one of its SIRETs as a learner's employer. */
export const declarationsIn = (scope: SiretScope): FilterQuery<PreventionDeclaration> =>
  scope.all ? {} : { $or: [{ declarantSiret: { $in: scope.sirets } }, { learners: { $some: { employerSiret: { $in: scope.sirets } } } }] };

/** Declarations (décret 2025-748): declared by a training body or an employer, read by their declarer and the learners' employers. */
export function preventionDeclarationRoutes(api: ApiRouter, ctx: ApiContext): void {
  const months = ctx.config.preventionVerificationMonths;

  async function detail(em: EntityManager, scope: SiretScope, declaration: PreventionDeclaration) {
    const learners = visibleLearners(scope, declaration, await em.find(PreventionLearner, { declaration }, { orderBy: { birthName: 'ASC', firstNames: 'ASC', id: 'ASC' } }));
    const deadlineOf = await deadlinesOf(em, learners, months);
    return { ...declarationRecord(declaration, learners), learners: learners.map((l) => learnerRecord(l, declaration, scope, deadlineOf)) };
  }

  route(
    api,
    {
      method: 'post',
      path: '/api/prevention-declarations',
      summary:
        'Declare a training (training body for other companies’ employees, or employer for its own): quarter and legal deadline computed, a late one marked late; a training body’s lines wait for the employer’s verification; audited without NIR',
      tags,
      guards: [SIGNED_IN],
      body: DeclarationCreate,
      responses: {
        201: { description: 'Stored, with its learners', schema: DeclarationDetail },
        400: { description: 'VALIDATION.*, PREVENTION.NIR_*, PREVENTION.DATE_*, PREVENTION.EMPLOYER_NOT_ACTIVE, PREVENTION.NOT_OWN_EMPLOYEE, PREVENTION.OWN_EMPLOYEE, PREVENTION.LEARNER_TWICE, PREVENTION.ALREADY_DECLARED (field named)' },
        403: { description: 'PREVENTION.SUPPORT_READ_ONLY' },
        404: { description: 'PREVENTION.DECLARANT_NOT_FOUND: not an establishment the caller declares for' },
        409: { description: 'PREVENTION.NOT_OPEN_YET with opensOn' },
      },
    },
    async ({ body }, req, res) => {
      const auth = authOf(req);
      const em = ctx.orm.em.fork();
      const declaration = await em.transactional((tx) => declare(ctx, tx, auth, body, 'FORM'));
      res.status(201).json(await detail(em, await preventionScope(ctx, em, auth), declaration));
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/prevention-declarations',
      summary: 'List declarations (react-admin simple-rest): those the caller declared, and those naming his establishments as a learner’s employer; support all',
      tags,
      guards: [SIGNED_IN],
      query: listQuery(DeclarationFilter),
      responses: { 200: { description: 'One page', schema: z.array(DeclarationRecord), headers: { 'Content-Range': 'prevention-declarations start-end/total' } } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const { id, declarantSiret, declarantKind, quarter, late, q } = page.filter;
      const [field, order] = listSort(page, ['createdAt', 'trainingEnd', 'quarter', 'deadline', 'daysLate', 'title', 'declarantSiret'], ['createdAt', 'DESC']);
      const em = ctx.orm.em.fork();
      const scope = await preventionScope(ctx, em, authOf(req));
      const ids = idList(id);
      const kinds = idList(declarantKind);
      const quarters = idList(quarter);
      const where: FilterQuery<PreventionDeclaration> = {
        $and: [
          declarationsIn(scope),
          ids ? { id: { $in: ids } } : {},
          declarantSiret ? { declarantSiret: siretMatch(declarantSiret) } : {},
          kinds ? { declarantKind: { $in: kinds } } : {},
          quarters ? { quarter: { $in: quarters } } : {},
          late === undefined ? {} : late ? { daysLate: { $gt: 0 } } : { daysLate: 0 },
          q ? { $or: [{ title: { $ilike: containing(q) } }, { certificationCode: { $ilike: containing(q) } }] } : {},
        ],
      };
      const [items, total] = await em.findAndCount(PreventionDeclaration, where, { orderBy: { [field]: order, id: 'ASC' }, offset: page.offset, limit: page.limit });
      const learners = items.length ? await em.find(PreventionLearner, { declaration: { $in: items.map((d) => d.id) } }) : [];
      const records = items.map((d) =>
        declarationRecord(
          d,
          visibleLearners(
            scope,
            d,
            learners.filter((l) => l.declaration.id === d.id),
          ),
        ),
      );
      sendList(res, 'prevention-declarations', page, records, total);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/prevention-declarations/:id',
      summary: 'One declaration with the learners the caller sees (an employer: his own); NIRs in clear for the declarer and the learner’s employer only',
      tags,
      guards: [SIGNED_IN],
      params: IdParams,
      responses: { 200: { description: 'The declaration', schema: DeclarationDetail }, 404: { description: 'PREVENTION.DECLARATION_NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      const em = ctx.orm.em.fork();
      const scope = await preventionScope(ctx, em, authOf(req));
      const declaration = await em.findOne(PreventionDeclaration, { $and: [{ id: params.id }, declarationsIn(scope)] });
      if (!declaration) throw declarationNotFound();
      res.json(await detail(em, scope, declaration));
    },
  );
}
