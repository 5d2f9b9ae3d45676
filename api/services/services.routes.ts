import type { FilterQuery } from '@mikro-orm/core';
import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit } from '../../domain/audit/audit-trail';
import { DeclarativeService } from '../../domain/rights/declarative-service.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { authOf, SIGNED_IN, SUPPORT_ONLY } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { containing, defined } from '../http/filters';
import { idList, listPage, listQuery, sendList } from '../http/list-query';
import { z } from '../http/openapi';
import { route } from '../http/route';
import { listSort } from '../http/list-sort';
import { CodeParams, ServiceCodes, ServiceFilter, ServiceRecord, ServiceUpdate, toServiceRecord } from './services.schemas';

const serviceNotFound = (code: string) => new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', `Service déclaratif ${code} inconnu.`);

/** The declarative services catalogue: read by everyone signed in, edited by support (its key is the code, not a uuid). */
export function serviceRoutes(ctx: ApiContext) {
  const { orm } = ctx;
  const api = newRouter(ctx);

  route(
    api,
    {
      method: 'get',
      path: '/api/services',
      summary: 'List the declarative services (react-admin simple-rest: sort, range, filter; Content-Range header)',
      tags: ['services'],
      guards: [SIGNED_IN],
      query: listQuery(ServiceFilter, ServiceCodes),
      responses: { 200: { description: 'One page', schema: z.array(ServiceRecord), headers: { 'Content-Range': 'services start-end/total' } } },
    },
    async ({ query }, _req, res) => {
      const page = listPage(query, 100);
      const { id, q, accessMode, active } = page.filter;
      const codes = idList(id);
      const [field, order] = listSort(page, ['code', 'label', 'accessMode', 'active'], ['code', 'ASC']);
      const where: FilterQuery<DeclarativeService> = {
        ...defined({ accessMode, active }),
        ...(codes ? { code: { $in: codes } } : {}),
        ...(q ? { $or: [{ code: { $ilike: containing(q) } }, { label: { $ilike: containing(q) } }] } : {}),
      };
      const [items, total] = await orm.em.fork().findAndCount(DeclarativeService, where, {
        orderBy: { [field]: order, code: 'ASC' },
        offset: page.offset,
        limit: page.limit,
      });
      sendList(res, 'services', page, items.map(toServiceRecord), total);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/services/:code',
      summary: 'One declarative service',
      tags: ['services'],
      guards: [SIGNED_IN],
      params: CodeParams,
      responses: { 200: { description: 'The service', schema: ServiceRecord }, 404: { description: 'RESOURCE.NOT_FOUND' } },
    },
    async ({ params }, _req, res) => {
      const service = await orm.em.fork().findOne(DeclarativeService, { code: params.code });
      if (!service) throw serviceNotFound(params.code);
      res.json(toServiceRecord(service));
    },
  );

  route(
    api,
    {
      method: 'put',
      path: '/api/services/:code',
      summary: 'Edit a declarative service: label, access mode, checks, active (support)',
      tags: ['services'],
      guards: [SUPPORT_ONLY],
      params: CodeParams,
      body: ServiceUpdate,
      responses: { 200: { description: 'Updated', schema: ServiceRecord }, 404: { description: 'RESOURCE.NOT_FOUND' } },
    },
    async ({ params, body }, req, res) => {
      const record = await orm.em.fork().transactional(async (em) => {
        const service = await em.findOne(DeclarativeService, { code: params.code });
        if (!service) throw serviceNotFound(params.code);
        const { id, ...before } = toServiceRecord(service);
        Object.assign(service, body);
        appendAudit(em, {
          ...auditActor(authOf(req).account),
          action: 'SERVICE.UPDATED',
          targetType: 'DeclarativeService',
          targetId: service.code,
          before,
          after: { code: id, ...body },
        });
        return toServiceRecord(service);
      });
      res.json(record);
    },
  );

  return api.router;
}
