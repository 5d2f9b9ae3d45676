import { randomUUID } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit } from '../../domain/audit/audit-trail';
import { importCsv } from '../../domain/dsn/dsn-import.service';
import { importNotCsv } from '../../domain/dsn/dsn.errors';
import { SolteaBalance } from '../../domain/soltea/soltea.entities';
import { authOf, SIGNED_IN, SUPPORT_ONLY } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { DsnImportReport } from '../dsn/dsn.schemas';
import { containing, identifierStart } from '../http/filters';
import { idList, listPage, listQuery, sendList } from '../http/list-query';
import { listSort } from '../http/list-sort';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { siretMatch } from '../portfolios/identifier.schemas';
import { inScope } from '../access/service-access';
import { employerScope } from './soltea-access';
import { BALANCE_LAYOUT, balanceImporter } from './soltea-balances.importer';
import { BalanceFilter, BalanceRecord, YearQuery } from './soltea.schemas';

const CSV_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'];

export const balanceRecord = (b: SolteaBalance): z.infer<typeof BalanceRecord> => ({
  id: b.id,
  year: b.year,
  employerSiret: b.employerSiret,
  employerSiren: b.employerSiren,
  employerName: b.employerName,
  region: b.region ?? null,
  amountCents: b.amountCents,
  contactEmail: b.contactEmail ?? null,
  frozen: !!b.frozenAt,
  frozenAt: b.frozenAt?.toISOString() ?? null,
  updatedAt: b.updatedAt.toISOString(),
});

/** Employers' balances: imported by support from the DSN's code 076 amounts (a re-import corrects them); each employer sees those he may act for. */
export function solteaBalanceRoutes(api: ApiRouter, ctx: ApiContext): void {
  const { orm } = ctx;
  const tags = ['soltea'];

  route(
    api,
    {
      method: 'post',
      path: '/api/soltea-balances/import',
      summary: `Import the employers' balances of a year (support only). Body: the CSV file itself (Content-Type: text/csv), columns ${BALANCE_LAYOUT.columns.join(';')} (${BALANCE_LAYOUT.optional.join(', ')} optional), ; or , separated, UTF-8 (BOM allowed) or Windows-1252; amounts in euros, comma or dot, two decimals at most. A known employer's line replaces his amount (a correction: the next transfer pays the difference); bad lines reported, good ones applied; audited.`,
      tags,
      guards: [SUPPORT_ONLY],
      query: YearQuery,
      responses: {
        200: { description: 'What was applied, and each rejected line with its reason (the DSN imports’ report)', schema: DsnImportReport },
        400: { description: 'DSN_IMPORT.NOT_CSV, DSN_IMPORT.EMPTY, DSN_IMPORT.BAD_HEADER' },
      },
    },
    async ({ query }, req, res) => {
      const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!CSV_TYPES.includes(mediaType)) throw importNotCsv();
      const em = orm.em.fork();
      const importId = randomUUID();
      const report = await importCsv(em, req, balanceImporter(query.year, importId));
      const { outcome, imported, updated, duplicates, rejectedCount } = report;
      appendAudit(em, {
        ...auditActor(authOf(req).account),
        action: 'SOLTEA.BALANCES_IMPORTED',
        targetType: 'SolteaBalance',
        targetId: importId,
        after: { year: query.year, outcome, imported, updated, duplicates, rejectedCount },
      });
      await em.flush();
      res.json(report);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/soltea-balances',
      summary:
        'List balances (react-admin simple-rest): support sees all; anyone else the employer SIRETs he may act for on SOLTEA_EMPL (his company’s as administrator, his habilitations, the SIRETs his firm filed the DSN of within the look-back)',
      tags,
      guards: [SIGNED_IN],
      query: listQuery(BalanceFilter),
      responses: { 200: { description: 'One page', schema: z.array(BalanceRecord), headers: { 'Content-Range': 'soltea-balances start-end/total' } } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const { id, year, employerSiret, frozen, q } = page.filter;
      const [field, order] = listSort(page, ['employerSiret', 'employerName', 'amountCents', 'year', 'updatedAt', 'frozenAt', 'region'], ['employerSiret', 'ASC']);
      const em = orm.em.fork();
      const scope = await employerScope(ctx, em, authOf(req));
      const ids = idList(id);
      const siret = q ? identifierStart(q) : undefined;
      const where: FilterQuery<SolteaBalance> = {
        $and: [
          inScope('employerSiret', scope),
          ids ? { id: { $in: ids } } : {},
          year !== undefined ? { year } : {},
          employerSiret ? { employerSiret: siretMatch(employerSiret) } : {},
          frozen === undefined ? {} : { frozenAt: frozen ? { $ne: null } : null },
          q ? { $or: [{ employerName: { $ilike: containing(q) } }, ...(siret ? [{ employerSiret: { $like: siret } }] : [])] } : {},
        ],
      };
      const [items, total] = await em.findAndCount(SolteaBalance, where, { orderBy: { [field]: order, id: 'ASC' }, offset: page.offset, limit: page.limit });
      sendList(res, 'soltea-balances', page, items.map(balanceRecord), total);
    },
  );
}
