import { Portfolio } from '../../domain/rights/portfolio.entity';
import { authOf, MANAGERS } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { containing, defined } from '../http/filters';
import { readRoutes } from '../http/read-resource';
import { route } from '../http/route';
import { portfolioContentRoutes } from './portfolio-content.routes';
import { portfolioScope } from './portfolio-scope';
import { IdParams, PortfolioCreate, PortfolioFilter, PortfolioRecord, PortfolioRename, toPortfolioRecord } from './portfolios.schemas';
import { createPortfolio, deletePortfolio, renamePortfolio } from './portfolios.service';

/** Portfolios: support for every company, an administrator for his own; declarants are refused. */
export function portfolioRoutes(ctx: ApiContext) {
  const { orm } = ctx;
  const api = newRouter(ctx);
  readRoutes(api, ctx, {
    resource: 'portfolios',
    entity: Portfolio,
    schema: PortfolioRecord,
    guard: MANAGERS,
    scopeWhere: portfolioScope,
    filter: PortfolioFilter,
    filterWhere: ({ q, companyId, kind }) => ({ ...defined({ company: companyId, kind }), ...(q ? { name: { $ilike: containing(q) } } : {}) }),
    sortable: ['name', 'kind', 'createdAt'],
    defaultSort: ['name', 'ASC'],
    toRecord: toPortfolioRecord,
  });

  route(
    api,
    {
      method: 'post',
      path: '/api/portfolios',
      summary: 'Create a client portfolio of the caller’s company (support names the company)',
      tags: ['portfolios'],
      guards: [MANAGERS],
      body: PortfolioCreate,
      responses: { 201: { description: 'Created', schema: PortfolioRecord }, 400: { description: 'VALIDATION.FAILED' }, 404: { description: 'RESOURCE.NOT_FOUND' } },
    },
    async ({ body }, req, res) => {
      res.status(201).json(toPortfolioRecord(await createPortfolio(orm, authOf(req), body)));
    },
  );

  route(
    api,
    {
      method: 'put',
      path: '/api/portfolios/:id',
      summary: 'Rename a portfolio',
      tags: ['portfolios'],
      guards: [MANAGERS],
      params: IdParams,
      body: PortfolioRename,
      responses: { 200: { description: 'Renamed', schema: PortfolioRecord }, 404: { description: 'RESOURCE.NOT_FOUND' } },
    },
    async ({ params, body }, req, res) => {
      res.json(toPortfolioRecord(await renamePortfolio(orm, authOf(req), params.id, body.name)));
    },
  );

  route(
    api,
    {
      method: 'delete',
      path: '/api/portfolios/:id',
      summary: 'Delete a client portfolio and the habilitations granted through it',
      tags: ['portfolios'],
      guards: [MANAGERS],
      params: IdParams,
      responses: { 204: { description: 'Deleted' }, 404: { description: 'RESOURCE.NOT_FOUND' }, 409: { description: 'PORTFOLIO.COMPANY_PORTFOLIO' } },
    },
    async ({ params }, req, res) => {
      await deletePortfolio(orm, authOf(req), params.id);
      res.status(204).end();
    },
  );

  portfolioContentRoutes(api, ctx);
  return api.router;
}
