import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { habilitationsFileHeader, habilitationsFileLine } from '../../domain/habilitation-files/habilitations-file.writer';
import type { EntityManager } from '@mikro-orm/postgresql';
import { authOf, MANAGERS } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { route, type ApiRouter } from '../http/route';
import { IdParams } from '../portfolios/portfolios.schemas';
import { findPortfolio } from '../portfolios/portfolio-scope';
import { FileQuery } from './habilitation-jobs.schemas';
import { exportRows, portfolioLists } from './portfolio-facts.read';

async function* exportFile(em: EntityManager, portfolioId: string, serviceCodes: string[], withLines: boolean): AsyncGenerator<string> {
  yield habilitationsFileHeader(serviceCodes);
  if (!withLines) return;
  for await (const rows of exportRows(em, portfolioId)) yield rows.map((row) => habilitationsFileLine(row, serviceCodes)).join('');
}

/** A file name from the portfolio's name (DOMAIN.md: the real files are named after it), ASCII only. */
const fileNameOf = (name: string, content: string) =>
  `${
    name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .replace(/[^A-Za-z0-9_-]+/g, '-')
      .replace(/^-|-$/g, '') || 'portefeuille'
  }-${content === 'model' ? 'modele' : 'habilitations'}.csv`;

/** The model file of a portfolio (its header: SIRET, the triplet, its services) or the export of its habilitations in the same format, streamed. */
export function habilitationFileRoutes(api: ApiRouter, ctx: ApiContext): void {
  route(
    api,
    {
      method: 'get',
      path: '/api/portfolios/:id/habilitation-file',
      summary:
        'The habilitations file of a portfolio, as French Excel opens it (UTF-8 with BOM, ;, CRLF): content=model, its header alone (SIRET, SIRET déclarant, Nom, Prénom, one column per service of the portfolio); content=export, the same header then one line per declarant × SIRET holding habilitations through it (streamed by pages). What it writes reads back unchanged.',
      tags: ['habilitation-jobs'],
      guards: [MANAGERS],
      params: IdParams,
      query: FileQuery,
      responses: { 200: { description: 'The file (text/csv)' }, 404: { description: 'RESOURCE.NOT_FOUND' } },
    },
    async ({ params, query }, req, res) => {
      const em = ctx.orm.em.fork();
      const portfolio = await findPortfolio(em, authOf(req).scope, params.id);
      const { serviceCodes } = await portfolioLists(em, portfolio.id);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${fileNameOf(portfolio.name, query.content)}"`);
      await pipeline(Readable.from(exportFile(em, portfolio.id, serviceCodes, query.content === 'export')), res);
    },
  );
}
