import type { Request } from 'express';
import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit } from '../../domain/audit/audit-trail';
import { EstablishmentsFilePlan } from '../../domain/habilitation-files/establishments-file.plan';
import { planCsv, type FilePlan, type PlanReport } from '../../domain/habilitation-files/file-plan';
import { HabilitationsFilePlan } from '../../domain/habilitation-files/habilitations-file.plan';
import { csvRow } from '../../domain/habilitation-files/habilitations-file.writer';
import { planOutcome } from '../../domain/habilitation-files/plan-outcome.rules';
import type { PortfolioIndex } from '../../domain/habilitation-files/portfolio-index';
import { quarantineOf } from '../../domain/habilitation-files/quarantine.rules';
import { planServiceRequest } from '../../domain/habilitation-files/service-request.plan';
import type { JobKind } from '../../domain/habilitation-files/planned-change';
import { HabilitationJob } from '../../domain/habilitation-jobs/habilitation-job.entities';
import { planWriter, recordDryRun } from '../../domain/habilitation-jobs/habilitation-job.store';
import { isSupport } from '../access/service-access';
import { authOf, MANAGERS } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { IdParams } from '../portfolios/portfolios.schemas';
import { findPortfolio } from '../portfolios/portfolio-scope';
import { notCsv, supportReadOnly } from './habilitation-jobs.errors';
import { DryRunRecord, ServiceJobBody, UploadQuery } from './habilitation-jobs.schemas';
import { dryRunOf } from './habilitation-job.read';
import { loadPortfolioIndex } from './portfolio-facts.read';

/** Files up to this many data lines and bytes are read (issue 14); larger ones are refused at once, the limit named. */
export const MAX_FILE_LINES = 1_000_000;
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
const CSV_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'];
const NEWLINE = 0x0a;

/** The one answer the error kinds have no status for: 413. */
class FileTooLarge extends Error {
  readonly code = 'HABILITATION_JOB.FILE_TOO_LARGE';
  constructor() {
    super(`Fichier trop volumineux : ${thousands(MAX_FILE_LINES)} lignes au plus après l’en-tête et ${MAX_FILE_BYTES / 1024 / 1024} Mo ; découpez-le en plusieurs fichiers. Rien n’a été enregistré.`);
  }
}

/**
 * The body, refused past the byte or the line limit (line ends counted as
 * the bytes pass). Iterated by hand: leaving a `for await` would destroy the
 * request, and with it the socket the 413 is to go through.
 */
async function* capped(body: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const chunks = body[Symbol.asyncIterator]();
  let bytes = 0;
  let lineEnds = 0;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    const chunk = next.value;
    bytes += chunk.length;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, at + 1)) lineEnds++;
    // The header's line end, then one per data line; a last line without one is the only other.
    if (bytes > MAX_FILE_BYTES || lineEnds > MAX_FILE_LINES + 1) throw new FileTooLarge();
    yield chunk;
  }
}

const planOf = (kind: z.infer<typeof UploadQuery>['kind'], index: PortfolioIndex): FilePlan =>
  kind === 'HABILITATIONS' ? new HabilitationsFilePlan(index) : new EstablishmentsFilePlan(index);

type Writer = ReturnType<typeof planWriter>;

/**
 * A mass habilitation request of one portfolio (DOMAIN.md: administrators
 * only), planned: in one transaction the job is created, the portfolio's
 * index read from the database, the request planned into the job's plan
 * and rejected lines (planWriter), and the dry-run recorded — nothing
 * applied. The answer is the dry-run.
 */
export function habilitationJobUploadRoutes(api: ApiRouter, ctx: ApiContext): void {
  async function dryRun(
    auth: ReturnType<typeof authOf>,
    portfolio: { id: string; companyId: string },
    job: { kind: JobKind; fileName: string | null },
    planInto: (index: PortfolioIndex, writer: Writer) => Promise<{ report: PlanReport; header: string[] | null }>,
  ): Promise<string> {
    return ctx.orm.em.fork().transactional(async (em) => {
      const created = em.create(HabilitationJob, { portfolio: portfolio.id, company: portfolio.companyId, kind: job.kind, createdBy: auth.account.id, fileName: job.fileName });
      await em.flush();
      const index = await loadPortfolioIndex(em, portfolio.id, portfolio.companyId);
      const writer = planWriter(em, created.id);
      const { report, header } = await planInto(index, writer);
      await writer.end();
      const { outcome, reason } = planOutcome(report);
      const quarantined = outcome !== 'KO' && quarantineOf(report.counts.removed, index.habilitationCount).required;
      await recordDryRun(em, created.id, { counts: report.counts, outcome, reason, quarantined });
      await em.nativeUpdate(HabilitationJob, { id: created.id }, { header: header ? csvRow(header) : null });
      appendAudit(em, {
        ...auditActor(auth.account),
        action: 'HABILITATION_JOB.UPLOADED',
        targetType: 'HabilitationJob',
        targetId: created.id,
        companyId: portfolio.companyId,
        after: { portfolioId: portfolio.id, kind: job.kind, fileName: job.fileName, ...report.counts, outcome, quarantined },
      });
      await em.flush();
      return created.id;
    });
  }

  /** A file, planned line by line as it is read. */
  const plan = (req: Request, auth: ReturnType<typeof authOf>, portfolio: { id: string; companyId: string }, query: z.infer<typeof UploadQuery>) =>
    dryRun(auth, portfolio, { kind: query.kind, fileName: query.fileName ?? null }, async (index, writer) => {
      const filePlan = planOf(query.kind, index);
      const report = await planCsv(capped(req), filePlan, async (line) => {
        if ('rejected' in line) return writer.reject(line.rejected);
        for (const change of line.changes) await writer.change(change);
      });
      return { report, header: filePlan.header };
    });

  route(
    api,
    {
      method: 'post',
      path: '/api/portfolios/:id/habilitation-jobs',
      summary: `Upload a mass habilitation file of a portfolio (body: the file itself, Content-Type: text/csv; ; or , separated, UTF-8 or Windows-1252, BOM allowed): HABILITATIONS (SIRET, SIRET déclarant, Nom, Prénom, one column per service code of the portfolio) or ESTABLISHMENTS (SIRET;ACTION 1|0). Answers its dry-run — counts, outcome, quarantine, the first rejected lines — and applies nothing: POST /api/habilitation-jobs/{id}/confirm does. At most ${MAX_FILE_LINES} lines and ${MAX_FILE_BYTES / 1024 / 1024} MB. Administrators of the portfolio's company only.`,
      tags: ['habilitation-jobs'],
      guards: [MANAGERS],
      params: IdParams,
      query: UploadQuery,
      responses: {
        201: { description: 'The job and its dry-run', schema: DryRunRecord },
        400: { description: 'VALIDATION.UNKNOWN_FIELD, VALIDATION.FAILED, HABILITATION_JOB.NOT_CSV' },
        403: { description: 'HABILITATION_JOB.SUPPORT_READ_ONLY' },
        404: { description: 'RESOURCE.NOT_FOUND: not a portfolio of the caller’s company' },
        413: { description: 'HABILITATION_JOB.FILE_TOO_LARGE: nothing stored' },
      },
    },
    async ({ params, query }, req, res) => {
      const auth = authOf(req);
      if (isSupport(auth)) throw supportReadOnly();
      const portfolio = await findPortfolio(ctx.orm.em.fork(), auth.scope, params.id);
      const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!CSV_TYPES.includes(mediaType)) throw notCsv();
      let jobId: string;
      try {
        if (Number(req.headers['content-length']) > MAX_FILE_BYTES) throw new FileTooLarge();
        jobId = await plan(req, auth, { id: portfolio.id, companyId: portfolio.company.id }, query);
      } catch (err) {
        res.setHeader('Connection', 'close');
        req.resume();
        if (!(err instanceof FileTooLarge)) throw err;
        res.status(413).json({ code: err.code, message: err.message, maxLines: MAX_FILE_LINES, maxBytes: MAX_FILE_BYTES });
        return;
      }
      // A file refused at its header is not read to its end: the rest is dropped with the connection.
      if (!req.complete) {
        res.setHeader('Connection', 'close');
        req.resume();
      }
      res.status(201).json(await dryRunOf(ctx.orm.em.fork(), jobId));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/portfolios/:id/habilitation-service-jobs',
      summary:
        'Add a declarative service of the portfolio to all of it (GRANT: every SIRET, each of its declarants — those holding a habilitation through it —, default rights, only the cells missing) or remove it from all of it (REVOKE: every habilitation of the service through the portfolio). Answers its dry-run, as an uploaded file does; POST /api/habilitation-jobs/{id}/confirm applies it. Administrators of the portfolio’s company only.',
      tags: ['habilitation-jobs'],
      guards: [MANAGERS],
      params: IdParams,
      body: ServiceJobBody,
      responses: {
        201: { description: 'The job and its dry-run (KO with HABILITATION_FILE.SERVICE_NOT_IN_PORTFOLIO or HABILITATION_FILE.NO_DECLARANT when nothing can be applied)', schema: DryRunRecord },
        400: { description: 'VALIDATION.UNKNOWN_FIELD, VALIDATION.FAILED' },
        403: { description: 'HABILITATION_JOB.SUPPORT_READ_ONLY' },
        404: { description: 'RESOURCE.NOT_FOUND: not a portfolio of the caller’s company' },
      },
    },
    async ({ params, body }, req, res) => {
      const auth = authOf(req);
      if (isSupport(auth)) throw supportReadOnly();
      const portfolio = await findPortfolio(ctx.orm.em.fork(), auth.scope, params.id);
      const jobId = await dryRun(auth, { id: portfolio.id, companyId: portfolio.company.id }, { kind: 'SERVICE', fileName: null }, async (index, writer) => {
        const { changes, report } = planServiceRequest(index, body);
        for (const change of changes) await writer.change(change);
        return { report, header: null };
      });
      res.status(201).json(await dryRunOf(ctx.orm.em.fork(), jobId));
    },
  );
}
