import type { FilterQuery } from '@mikro-orm/core';
import { SolteaTransfer } from '../../domain/soltea/soltea.entities';
import { authOf, SIGNED_IN } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { idList, listPage, listQuery, sendList } from '../http/list-query';
import { listSort } from '../http/list-sort';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { siretMatch } from '../portfolios/identifier.schemas';
import { inScope } from '../access/service-access';
import { solteaScopes, visibleApplication } from './soltea-access';
import { IdParams, TransferFilter, TransferProjection, TransferRecord } from './soltea.schemas';
import { transferProjection } from './transfer-projection.read';

const transferRecord = (t: SolteaTransfer): z.infer<typeof TransferRecord> => ({
  id: t.id,
  year: t.year,
  step: t.step,
  employerSiret: t.employerSiret || null,
  establishmentSiret: t.establishmentSiret,
  amountCents: t.amountCents,
  status: t.status,
  createdAt: t.createdAt.toISOString(),
});

/**
 * What the transfers paid (written by the campaign's transfer steps): support sees all; an establishment what it receives; an employer what his balance paid.
 * And, for an establishment, what the transfers still to run are to pay it.
 */
export function solteaTransferRoutes(api: ApiRouter, ctx: ApiContext): void {
  route(
    api,
    {
      method: 'get',
      path: '/api/soltea-transfers',
      summary:
        'List transfers (react-admin simple-rest): support sees all; anyone else those to the establishments he sees on SOLTEA_ETAB and those from the employers he may act for on SOLTEA_EMPL',
      tags: ['soltea'],
      guards: [SIGNED_IN],
      query: listQuery(TransferFilter),
      responses: { 200: { description: 'One page', schema: z.array(TransferRecord), headers: { 'Content-Range': 'soltea-transfers start-end/total' } } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const { id, year, establishmentSiret, employerSiret, step, status } = page.filter;
      const [field, order] = listSort(page, ['createdAt', 'amountCents', 'step', 'establishmentSiret', 'employerSiret', 'status', 'year'], ['createdAt', 'DESC']);
      const em = ctx.orm.em.fork();
      const scopes = await solteaScopes(ctx, em, authOf(req));
      const ids = idList(id);
      const steps = idList(step);
      const statuses = idList(status);
      const where: FilterQuery<SolteaTransfer> = {
        $and: [
          scopes.employers.all ? {} : { $or: [inScope('establishmentSiret', scopes.establishments), inScope('employerSiret', scopes.employers)] },
          ids ? { id: { $in: ids } } : {},
          year !== undefined ? { year } : {},
          establishmentSiret ? { establishmentSiret: siretMatch(establishmentSiret) } : {},
          employerSiret ? { employerSiret: siretMatch(employerSiret) } : {},
          steps ? { step: { $in: steps } } : {},
          statuses ? { status: { $in: statuses } } : {},
        ],
      };
      const [items, total] = await em.findAndCount(SolteaTransfer, where, { orderBy: { [field]: order, id: 'ASC' }, offset: page.offset, limit: page.limit });
      sendList(res, 'soltea-transfers', page, items.map(transferRecord), total);
    },
  );
  route(
    api,
    {
      method: 'get',
      path: '/api/soltea-applications/:id/projection',
      summary:
        'What each transfer paid this establishment, and what the transfers still to run are to pay it if balances and choices stay as they are now (same visibility as the application)',
      tags: ['soltea'],
      guards: [SIGNED_IN],
      params: IdParams,
      responses: { 200: { description: 'Per step: received, and projected while to come', schema: TransferProjection }, 404: { description: 'SOLTEA.APPLICATION_NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      const em = ctx.orm.em.fork();
      res.json(await transferProjection(em, await visibleApplication(ctx, em, authOf(req), params.id, false)));
    },
  );
}
