import type { EntityClass, FilterQuery, QueryOrder } from '@mikro-orm/core';
import type { RequestHandler } from 'express';
import type { ZodType } from 'zod';
import type { Scope } from '../../domain/auth/scope';
import { DomainError } from '../../domain/shared/domain-error';
import { authOf } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { idList, listPage, listQuery, sendList } from './list-query';
import { listSort } from './list-sort';
import { z } from './openapi';
import { route, type ApiRouter } from './route';

export interface ReadResource<E extends object, F extends z.ZodObject> {
  /** REST name, e.g. "companies". */
  resource: string;
  entity: EntityClass<E>;
  /** OpenAPI schema of one record. */
  schema: ZodType;
  guard: RequestHandler;
  /** Rows the caller may see. */
  scopeWhere: (scope: Scope) => FilterQuery<E>;
  /** Accepted list filters, and how they become a query. */
  filter: F;
  filterWhere: (filter: Partial<z.infer<F>>) => FilterQuery<E>;
  sortable: string[];
  defaultSort: [string, 'ASC' | 'DESC'];
  toRecord: (entity: E) => unknown;
  /** Relations the records show (loaded with the list and the one record). */
  populate?: readonly string[];
  /** The one-record answer, when it shows more than a list row (default: toRecord). */
  toDetail?: (entity: E) => Promise<unknown>;
}

const IdParams = z.object({ id: z.string().uuid('Identifiant invalide') });

/**
 * GET list and GET one for a resource in react-admin's simple-rest dialect,
 * restricted to the caller's scope: another company's row is a 404.
 */
export function readRoutes<E extends object, F extends z.ZodObject>(api: ApiRouter, ctx: ApiContext, spec: ReadResource<E, F>): void {
  const notFound = () => new DomainError('NOT_FOUND', 'RESOURCE.NOT_FOUND', `Élément introuvable dans ${spec.resource}.`);

  route(
    api,
    {
      method: 'get',
      path: `/api/${spec.resource}`,
      summary: `List ${spec.resource} (react-admin simple-rest: sort, range, filter; Content-Range header)`,
      tags: [spec.resource],
      guards: [spec.guard],
      query: listQuery(spec.filter),
      responses: { 200: { description: 'One page', schema: z.array(spec.schema), headers: { 'Content-Range': `${spec.resource} start-end/total` } } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const { id, ...filter } = page.filter;
      const ids = idList(id);
      const [field, order] = listSort(page, spec.sortable, spec.defaultSort);
      const byId = ids ? [{ id: { $in: ids } }] : [];
      const where = { $and: [spec.scopeWhere(authOf(req).scope), spec.filterWhere(filter as Partial<z.infer<F>>), ...byId] } as FilterQuery<E>;
      const [items, total] = await ctx.orm.em.fork().findAndCount(spec.entity, where, {
        orderBy: { [field]: order as QueryOrder, id: 'ASC' } as never,
        offset: page.offset,
        limit: page.limit,
        populate: spec.populate as never,
      });
      sendList(res, spec.resource, page, items.map(spec.toRecord), total);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: `/api/${spec.resource}/:id`,
      summary: `One of ${spec.resource}`,
      tags: [spec.resource],
      guards: [spec.guard],
      params: IdParams,
      responses: { 200: { description: 'The record', schema: spec.schema }, 404: { description: 'RESOURCE.NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      const where = { $and: [spec.scopeWhere(authOf(req).scope), { id: params.id }] } as FilterQuery<E>;
      const entity = await ctx.orm.em.fork().findOne(spec.entity, where, { populate: spec.populate as never });
      if (!entity) throw notFound();
      res.json(spec.toDetail ? await spec.toDetail(entity) : spec.toRecord(entity));
    },
  );
}
