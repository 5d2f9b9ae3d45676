import type { FilterQuery } from '@mikro-orm/core';
import { SolteaTransfer } from '../../domain/soltea/soltea.entities';
import { authOf, SIGNED_IN } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { idList, listPage, listQuery, sendList } from '../http/list-query';
import { listSort } from '../http/list-sort';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { siretMatch } from '../portfolios/identifier.schemas';
import { inScope, solteaScopes } from './soltea-access';
import { TransferFilter, TransferRecord } from './soltea.schemas';

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

/** What the transfers paid (written by the campaign's transfer steps): support sees all; an establishment what it receives; an employer what his balance paid. */
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
}
