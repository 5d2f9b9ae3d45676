import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit } from '../../domain/audit/audit-trail';
import { dsnFilingImporter } from '../../domain/dsn/dsn-filing.importer';
import { importCsv, type Importer } from '../../domain/dsn/dsn-import.service';
import { importNotCsv } from '../../domain/dsn/dsn.errors';
import { employmentRelationImporter } from '../../domain/dsn/employment-relation.importer';
import { authOf, SUPPORT_ONLY } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { route, type ApiRouter } from '../http/route';
import { dsnControlRoutes } from './dsn-control.routes';
import { DsnImportReport } from './dsn.schemas';

const CSV_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'];

interface ImportSpec<C extends string, L> {
  path: string;
  what: string;
  /** Audit: one event per import, with its counts. */
  action: string;
  targetType: string;
  importer: Importer<C, L>;
}

/** POST of a raw CSV file (never buffered: the request is streamed through the importer), audited. */
function importRoute<C extends string, L>(api: ApiRouter, ctx: ApiContext, { path, what, action, targetType, importer }: ImportSpec<C, L>): void {
  route(
    api,
    {
      method: 'post',
      path,
      summary: `Import ${what} (support only). Body: the CSV file itself (Content-Type: text/csv), columns ${importer.layout.columns.join(';')} (${importer.layout.optional.join(', ')} optional), ; or , separated, UTF-8 (BOM allowed) or Windows-1252. Idempotent; bad lines reported, good ones applied.`,
      tags: ['dsn'],
      guards: [SUPPORT_ONLY],
      responses: { 200: { description: 'What was applied, and each rejected line with its reason', schema: DsnImportReport } },
    },
    async (_input, req, res) => {
      const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!CSV_TYPES.includes(mediaType)) throw importNotCsv();
      const em = ctx.orm.em.fork();
      const report = await importCsv(em, req, importer);
      const { outcome, imported, updated, duplicates, rejectedCount } = report;
      appendAudit(em, { ...auditActor(authOf(req).account), action, targetType, targetId: 'import', after: { outcome, imported, updated, duplicates, rejectedCount } });
      await em.flush();
      res.json(report);
    },
  );
}

export function dsnRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  importRoute(api, ctx, {
    path: '/api/dsn-filings/import',
    what: 'DSN filings',
    action: 'DSN_FILINGS.IMPORTED',
    targetType: 'DsnFiling',
    importer: dsnFilingImporter,
  });
  importRoute(api, ctx, {
    path: '/api/employment-relations/import',
    what: 'employment relations',
    action: 'EMPLOYMENT_RELATIONS.IMPORTED',
    targetType: 'EmploymentRelation',
    importer: employmentRelationImporter,
  });
  dsnControlRoutes(api, ctx);
  return api.router;
}
