import type { FilterQuery } from '@mikro-orm/core';
import { PortfolioEstablishment } from '../../domain/rights/portfolio-establishment.entity';
import { authOf, MANAGERS } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { identifierStart } from '../http/filters';
import { idList, idsFilter, listPage, listQuery, sendList } from '../http/list-query';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { listSort } from '../http/list-sort';
import { addEstablishments, addService, managedEstablishmentNames, removeEstablishment, removeService } from './portfolio-content.service';
import { findPortfolio } from './portfolio-scope';
import {
  CodeParams,
  EstablishmentsAdd,
  EstablishmentsAdded,
  IdParams,
  PortfolioEstablishmentRecord,
  PortfolioRecord,
  ServiceAdd,
  SiretParams,
  toPortfolioRecord,
} from './portfolios.schemas';
import { reload } from './portfolios.service';

const EstablishmentFilter = z.object({ q: z.string().trim().optional() });
/** Its rows are named by their SIRET. */
const SiretIds = idsFilter(z.string().regex(/^\d{14}$/, 'SIRET : 14 chiffres'));

/** What a portfolio holds: its SIRETs and its declarative services. */
export function portfolioContentRoutes(api: ApiRouter, ctx: ApiContext): void {
  const { orm } = ctx;

  route(
    api,
    {
      method: 'get',
      path: '/api/portfolios/:id/establishments',
      summary: 'The SIRETs of a portfolio, with the establishment’s name when it is registered here and the portfolio’s company manages it (its own establishment, or a DSN it filed within the look-back)',
      tags: ['portfolios'],
      guards: [MANAGERS],
      params: IdParams,
      query: listQuery(EstablishmentFilter, SiretIds),
      responses: { 200: { description: 'One page', schema: z.array(PortfolioEstablishmentRecord) }, 404: { description: 'RESOURCE.NOT_FOUND' } },
    },
    async ({ params, query }, req, res) => {
      const em = orm.em.fork();
      const portfolio = await findPortfolio(em, authOf(req).scope, params.id);
      const page = listPage(query);
      const { q, id } = page.filter;
      const sirets = idList(id);
      const [field, order] = listSort(page, ['siret', 'addedAt'], ['siret', 'ASC']);
      const where: FilterQuery<PortfolioEstablishment> = {
        portfolio,
        $and: [q ? { siret: { $like: identifierStart(q) ?? '' } } : {}, sirets ? { siret: { $in: sirets } } : {}],
      };
      const [rows, total] = await em.findAndCount(PortfolioEstablishment, where, {
        orderBy: { [field]: order, siret: 'ASC' },
        offset: page.offset,
        limit: page.limit,
      });
      const names = await managedEstablishmentNames(em, portfolio.company.id, rows.map((r) => r.siret));
      const records = rows.map((r) => ({ id: r.siret, siret: r.siret, name: names.get(r.siret) ?? null, addedAt: r.addedAt.toISOString() }));
      sendList(res, 'establishments', page, records, total);
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/portfolios/:id/establishments',
      summary: 'Add a SIRET, or the SIRETs of a SIREN: its registered establishments and those whose DSN the portfolio’s company filed within the look-back (never what other firms filed)',
      tags: ['portfolios'],
      guards: [MANAGERS],
      params: IdParams,
      body: EstablishmentsAdd,
      responses: {
        200: { description: 'What was added and what was already there', schema: EstablishmentsAdded },
        400: { description: 'VALIDATION.FAILED (precise identifier message), PORTFOLIO.NOT_OWN_ESTABLISHMENT or PORTFOLIO.SIREN_UNKNOWN' },
        404: { description: 'RESOURCE.NOT_FOUND' },
      },
    },
    async ({ params, body }, req, res) => {
      res.json(await addEstablishments(orm, authOf(req), params.id, body));
    },
  );

  route(
    api,
    {
      method: 'delete',
      path: '/api/portfolios/:id/establishments/:siret',
      summary: 'Remove a SIRET, and the habilitations granted on it through this portfolio',
      tags: ['portfolios'],
      guards: [MANAGERS],
      params: SiretParams,
      responses: { 204: { description: 'Removed' }, 404: { description: 'RESOURCE.NOT_FOUND or PORTFOLIO.ESTABLISHMENT_NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      await removeEstablishment(orm, authOf(req), params.id, params.siret);
      res.status(204).end();
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/portfolios/:id/services',
      summary: 'Add a declarative service to the portfolio',
      tags: ['portfolios'],
      guards: [MANAGERS],
      params: IdParams,
      body: ServiceAdd,
      responses: {
        200: { description: 'The portfolio', schema: PortfolioRecord },
        400: { description: 'PORTFOLIO.SERVICE_UNKNOWN or PORTFOLIO.SERVICE_DSN_INHERITED' },
        404: { description: 'RESOURCE.NOT_FOUND' },
      },
    },
    async ({ params, body }, req, res) => {
      await addService(orm, authOf(req), params.id, body.serviceCode);
      res.json(toPortfolioRecord(await reload(orm, params.id)));
    },
  );

  route(
    api,
    {
      method: 'delete',
      path: '/api/portfolios/:id/services/:code',
      summary: 'Remove a declarative service, and the habilitations of that service granted through this portfolio',
      tags: ['portfolios'],
      guards: [MANAGERS],
      params: CodeParams,
      responses: { 204: { description: 'Removed' }, 404: { description: 'RESOURCE.NOT_FOUND or PORTFOLIO.SERVICE_NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      await removeService(orm, authOf(req), params.id, params.code);
      res.status(204).end();
    },
  );
}
