import type { EntityClass, FilterQuery, QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Scope } from '../../domain/auth/scope';
import { DsnFiling } from '../../domain/dsn/dsn-filing.entity';
import { dsnLinkScope, employmentRelationScope, shownDeclaringAccounts } from '../../domain/dsn/dsn-control.scope';
import { EmploymentRelation } from '../../domain/dsn/employment-relation.entity';
import { authOf, MANAGERS } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { defined } from '../http/filters';
import { idList, listPage, listQuery, sendList } from '../http/list-query';
import { listSort } from '../http/list-sort';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { siretMatch } from '../portfolios/identifier.schemas';
import { DsnLinkFilter, DsnLinkRecord, EmploymentRelationFilter, EmploymentRelationRecord, Ids } from './dsn.schemas';

/**
 * The two control services (declarant/declared links, employer/employee
 * relations): react-admin lists limited to the SIRETs the caller manages.
 * Their ids are numbers, not uuids, hence not api/http/read-resource.ts.
 */
interface ControlList<E extends object, F extends z.ZodObject> {
  resource: string;
  summary: string;
  entity: EntityClass<E>;
  schema: z.ZodType;
  scopeWhere: (scope: Scope) => FilterQuery<E>;
  filter: F;
  filterWhere: (filter: Partial<z.infer<F>> & { id?: string | string[] }) => FilterQuery<E>;
  sortable: string[];
  defaultSort: [string, 'ASC' | 'DESC'];
  /** The page's records, as the caller may see them. */
  toRecords: (entities: E[], em: EntityManager, scope: Scope) => Promise<unknown[]>;
}

const ids = (id: string | string[] | undefined) => {
  const list = idList(id);
  return list && { $in: list };
};

function controlList<E extends object, F extends z.ZodObject>(api: ApiRouter, ctx: ApiContext, spec: ControlList<E, F>): void {
  route(
    api,
    {
      method: 'get',
      path: `/api/${spec.resource}`,
      summary: `${spec.summary} (react-admin simple-rest; support: all, administrators: the SIRETs their company manages — its own establishments and those whose DSN it filed within the look-back, never a SIRET only typed into a portfolio —, declarants: 403)`,
      tags: ['dsn'],
      guards: [MANAGERS],
      query: listQuery(spec.filter, Ids),
      responses: { 200: { description: 'One page', schema: z.array(spec.schema), headers: { 'Content-Range': `${spec.resource} start-end/total` } } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const [field, order] = listSort(page, spec.sortable, spec.defaultSort);
      const { scope } = authOf(req);
      const where = { $and: [spec.scopeWhere(scope), spec.filterWhere(page.filter as Partial<z.infer<F>> & { id?: string | string[] })] } as FilterQuery<E>;
      const em = ctx.orm.em.fork();
      const [items, total] = await em.findAndCount(spec.entity, where, {
        orderBy: { [field]: order as QueryOrder, id: 'ASC' } as never,
        offset: page.offset,
        limit: page.limit,
      });
      sendList(res, spec.resource, page, await spec.toRecords(items, em, scope), total);
    },
  );
}

export function dsnControlRoutes(api: ApiRouter, ctx: ApiContext): void {
  controlList(api, ctx, {
    resource: 'dsn-links',
    summary: 'Declarant/declared links: which firm filed which SIRET’s DSN, for which month',
    entity: DsnFiling,
    schema: DsnLinkRecord,
    scopeWhere: (scope) => dsnLinkScope(scope),
    filter: DsnLinkFilter,
    filterWhere: ({ declaredSiret, declaringSiret, id }) =>
      defined({
        declaredSiret: siretMatch(declaredSiret),
        declaringSiret: siretMatch(declaringSiret),
        id: ids(id),
      }),
    sortable: ['period', 'filedAt', 'declaredSiret', 'declaringSiret'],
    defaultSort: ['period', 'DESC'],
    toRecords: async (filings, em, scope) => {
      const shown = await shownDeclaringAccounts(em, scope, filings.flatMap((f) => (f.declaringAccountId ? [f.declaringAccountId] : [])));
      return filings.map((f) => ({
        id: f.id,
        declaringSiret: f.declaringSiret,
        declaredSiret: f.declaredSiret,
        period: f.period.slice(0, 7),
        filedAt: f.filedAt.toISOString(),
        declaringAccountId: f.declaringAccountId && shown(f.declaringAccountId) ? f.declaringAccountId : null,
      }));
    },
  });

  controlList(api, ctx, {
    resource: 'employment-relations',
    summary: 'Employer/employee relations (pseudonymous employee ids)',
    entity: EmploymentRelation,
    schema: EmploymentRelationRecord,
    scopeWhere: (scope) => employmentRelationScope(scope),
    filter: EmploymentRelationFilter,
    filterWhere: ({ employerSiret, employeeId, id }) =>
      defined({ employerSiret: siretMatch(employerSiret), employeeId, id: ids(id) }),
    sortable: ['employerSiret', 'employeeId', 'startDate', 'endDate'],
    defaultSort: ['startDate', 'DESC'],
    toRecords: async (relations) =>
      relations.map((r) => ({ id: r.id, employerSiret: r.employerSiret, employeeId: r.employeeId, startDate: r.startDate, endDate: r.endDate ?? null })),
  });
}
