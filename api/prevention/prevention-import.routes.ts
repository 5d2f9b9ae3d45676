import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { ZodError } from 'zod';
import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit } from '../../domain/audit/audit-trail';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { readCsv } from '../../domain/dsn/dsn-csv.reader';
import type { CsvHeader } from '../../domain/dsn/dsn-csv.rules';
import {
  DECLARATION_CSV_LAYOUT,
  declarationCsvModel,
  faultsByLine,
  joined,
  MAX_CSV_BYTES,
  MAX_CSV_LINES,
  parseDeclarationLine,
  readDeclarationHeader,
  ReferenceGroups,
  rejectDeclaration,
  type DeclarationCsvColumn,
  type GroupedLine,
  type LineRejection,
  type ParsedLine,
  type Refusal,
} from '../../domain/prevention/declaration-csv.rules';
import { openingRefusal } from '../../domain/prevention/declaration-dates.rules';
import { DECLARANT_KINDS } from '../../domain/prevention/prevention.entities';
import { DomainError } from '../../domain/shared/domain-error';
import { isSupport } from '../access/service-access';
import { authOf, SIGNED_IN, type AuthContext } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { toHttp } from '../errors/error-handler';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { validationLocale } from '../http/strict-zod';
import { Siret } from '../portfolios/identifier.schemas';
import { declare } from './declaration.service';
import { mayDeclareFor } from './prevention-access';
import { declarantNotFound, notOpenYet, supportReadOnly } from './prevention.errors';
import { DeclarationCreate } from './prevention.schemas';

/**
 * The file import of declarations (DOMAIN.md « Passeport de prévention »):
 * the file is read whole first (a reference's lines may be anywhere in it),
 * each line checked as the form's body is, then each declaration is stored
 * through the form's own service in its own transaction, and every refused
 * line reported with its reason. Nothing in the answer, the logs or the
 * audit trail holds a NIR.
 */

const tags = ['prevention'];
const CSV_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'];
const MODEL_FILE = 'modele-passeport-prevention.csv';
const COLUMNS = DECLARATION_CSV_LAYOUT.columns.join(';');

const ImportQuery = z.object({
  declarantSiret: Siret.openapi({ description: 'The declaring establishment, habilitated on PREVENTION_PASSPORT' }),
  declarantKind: z.enum(DECLARANT_KINDS),
});
type ImportQuery = z.infer<typeof ImportQuery>;

const ImportReport = z
  .object({
    linesRead: z.number().int().openapi({ description: 'Data lines read (header excluded)' }),
    declarationsCreated: z.number().int(),
    learnersCreated: z.number().int(),
    rejected: z
      .array(
        z.object({
          line: z.number().int().openapi({ description: 'Line of the file (header = 1)' }),
          reference: z.string().nullable().openapi({ description: 'The line’s reference; null when it has none, or one that cannot be shown' }),
          field: z.string().nullable().openapi({ description: 'The column at fault; null when the whole line or declaration is' }),
          code: z.string().openapi({ example: 'PREVENTION.DECLARATION_REJECTED' }),
          message: z.string().openapi({ description: 'What is wrong (never the value of a NIR)' }),
        }),
      )
      .openapi({ description: 'Every line not stored, in file order: the lines at fault with their reason, the other lines of their declaration with PREVENTION.DECLARATION_REJECTED (or PREVENTION.REFERENCE_MISMATCH)' }),
  })
  .openapi('PreventionImportReport');
type ImportReport = z.infer<typeof ImportReport>;

type Declaration = Omit<DeclarationCreate, 'learners' | 'declarantSiret' | 'declarantKind'>;
type Learner = DeclarationCreate['learners'][number];
type Locale = ReturnType<typeof validationLocale>;

const notCsv = (message: string) => new DomainError('INVALID', 'PREVENTION.NOT_CSV', message);
const csvEmpty = (message: string) => new DomainError('INVALID', 'PREVENTION.CSV_EMPTY', message);
const csvColumns = (reason: string, missing: DeclarationCsvColumn[]) =>
  new DomainError(
    'INVALID',
    'PREVENTION.CSV_COLUMNS',
    `En-tête invalide (${reason}) : la première ligne nomme les colonnes ${COLUMNS}.`,
    Object.fromEntries(missing.map((c) => [c, 'Colonne manquante'])),
    { missing },
  );
const csvUnreadable = (line: number, reason: string) =>
  new DomainError('INVALID', 'PREVENTION.CSV_UNREADABLE', `Ligne ${line} : ${reason} Rien n’a été enregistré.`, undefined, { line });

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** The one answer the error kinds have no status for: 413. */
class FileTooLarge extends Error {
  readonly code = 'PREVENTION.FILE_TOO_LARGE';
  constructor() {
    super(`Fichier trop volumineux : ${thousands(MAX_CSV_LINES)} lignes au plus après l’en-tête (et ${MAX_CSV_BYTES / 1024 / 1024} Mo) ; découpez-le en plusieurs fichiers. Rien n’a été enregistré.`);
  }
}

/**
 * The body, refused past `maxBytes`. Iterated by hand: leaving a `for await`
 * would destroy the request, and with it the socket the 413 is to go through.
 */
async function* capped(body: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Buffer> {
  const chunks = body[Symbol.asyncIterator]();
  let bytes = 0;
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
    bytes += next.value.length;
    if (bytes > maxBytes) throw new FileTooLarge();
    yield next.value;
  }
}

/** A header cell holding control characters means a binary file (a spreadsheet's .xlsx, a UTF-16 text) rather than a CSV. */
const HeaderCell = z.string();

function headerOf(fields: string[]): CsvHeader<DeclarationCsvColumn> {
  if (fields.some((f) => !HeaderCell.safeParse(f).success)) {
    throw notCsv('Ce fichier n’est pas un CSV (un classeur .xlsx ?) : enregistrez-le au format « CSV (séparateur : point-virgule) » ou « CSV UTF-8 ».');
  }
  const read = readDeclarationHeader(fields);
  if (!read.ok) throw csvColumns(read.reason, read.missing);
  return read.header;
}

/** The schema's issues as refusals: the schema's own code when it gives one (PREVENTION.NIR_KEY, IDENTIFIER.CHECKSUM…), else VALIDATION.FAILED. */
const schemaRefusals = (error: ZodError): Refusal[] =>
  error.issues.map((issue) => ({
    path: issue.path.join('.') || null,
    code: String((issue as { params?: { code?: unknown } }).params?.code ?? 'VALIDATION.FAILED'),
    message: issue.message,
  }));

/** A line checked as the form's body would be (a declaration of one learner), beside what the file's text already refused. */
function checkLine(query: ImportQuery, parsed: ParsedLine, locale: Locale): GroupedLine<Declaration, Learner> {
  const candidate = { ...query, ...parsed.declaration, learners: [parsed.learner] };
  const result = DeclarationCreate.safeParse(candidate, locale);
  const faulted = new Set(parsed.faults.map((f) => f.field));
  // A line refused whole (its values do not fit the header) has nothing more to say column by column.
  const schema = result.success || faulted.has(null) ? [] : (faultsByLine(1, schemaRefusals(result.error)).get(0) ?? []).filter((f) => !faulted.has(f.field));
  const faults = [...parsed.faults, ...schema];
  if (faults.length || !result.success) return { line: parsed.line, reference: parsed.reference, ok: false, fault: joined(faults) };
  const { learners, declarantSiret: _siret, declarantKind: _kind, ...declaration } = result.data;
  return { line: parsed.line, reference: parsed.reference, ok: true, declaration, learner: learners[0] };
}

/** Reads the whole file (it is refused whole when it is not a CSV, has no data line, lacks a column, or is too large). */
async function readDeclarations(req: Request, query: ImportQuery, locale: Locale) {
  const groups = new ReferenceGroups<Declaration, Learner>();
  let header: CsvHeader<DeclarationCsvColumn> | undefined;
  let linesRead = 0;
  for await (const entry of readCsv(capped(req, MAX_CSV_BYTES))) {
    if ('unreadable' in entry) {
      if (!header) throw notCsv(`Ce fichier ne se lit pas comme un CSV : ${entry.unreadable}`);
      throw csvUnreadable(entry.line, entry.unreadable);
    }
    if (!header) {
      header = headerOf(entry.fields);
      continue;
    }
    if (++linesRead > MAX_CSV_LINES) throw new FileTooLarge();
    groups.add(checkLine(query, parseDeclarationLine(header, entry.line, entry.fields), locale));
  }
  if (!header) throw csvEmpty(`Fichier vide : la première ligne nomme les colonnes ${COLUMNS}, puis une ligne par apprenant.`);
  if (!linesRead) throw csvEmpty('Aucune ligne après l’en-tête : une ligne par apprenant est attendue.');
  return { linesRead, ...groups.result() };
}

/** The same checks as the declaration service, once for the whole file, before it is read. */
async function checkAccess(ctx: ApiContext, auth: AuthContext, query: ImportQuery): Promise<void> {
  if (isSupport(auth)) throw supportReadOnly();
  if (!(await mayDeclareFor(ctx, ctx.orm.em.fork(), auth, query.declarantSiret))) throw declarantNotFound();
  const opening = openingRefusal(query.declarantKind, 'FILE', parisToday(new Date()));
  if (opening) throw notOpenYet(opening.opensOn);
}

export function preventionImportRoutes(api: ApiRouter, ctx: ApiContext): void {
  /** What the declaration service refused, as refusals; an unexpected error is logged without its message (it may quote the values). */
  function refusalsOf(err: unknown, req: Request, lines: number[]): Refusal[] {
    if (err instanceof DomainError) {
      const fields = Object.entries(err.errors ?? {});
      return fields.length ? fields.map(([path, message]) => ({ path, code: err.code, message })) : [{ path: null, code: err.code, message: err.message }];
    }
    const known = toHttp(err);
    if (known) return [{ path: null, code: known[1].code, message: known[1].message }];
    const requestId = (req as { id?: unknown }).id?.toString() ?? randomUUID();
    ctx.logger.error({ requestId, error: err instanceof Error ? err.name : typeof err, lines }, 'prevention import: a declaration failed');
    return [{ path: null, code: 'PREVENTION.DECLARATION_FAILED', message: `Erreur interne : cette déclaration n’a pas été enregistrée ; renvoyez ses lignes (identifiant pour le support : ${requestId}).` }];
  }

  route(
    api,
    {
      method: 'post',
      path: '/api/prevention-declarations/import',
      summary: `Import declarations from a CSV file (channel FILE). Body: the file itself (Content-Type: text/csv), header line with the columns ${COLUMNS} (case ignored, any order), ; or , separated, UTF-8 (BOM allowed) or Windows-1252; one line per learner, the lines sharing a reference are one declaration and agree on its columns; dates AAAA-MM-JJ or JJ/MM/AAAA, romeSkills space-separated, empty proofValidFrom/nsfCode = none, French words accepted (présence, réussite, présentiel, distanciel, mixte). At most ${MAX_CSV_LINES} lines. Each declaration is stored as POST /api/prevention-declarations stores it, or refused whole; every line not stored is reported with its reason (never a NIR).`,
      tags,
      guards: [SIGNED_IN],
      query: ImportQuery,
      responses: {
        200: { description: 'Lines read, what was stored, and each line not stored with its reason', schema: ImportReport },
        400: { description: 'VALIDATION.UNKNOWN_FIELD, PREVENTION.NOT_CSV, PREVENTION.CSV_EMPTY, PREVENTION.CSV_COLUMNS (missing ones in `missing`), PREVENTION.CSV_UNREADABLE (with `line`): nothing stored' },
        403: { description: 'PREVENTION.SUPPORT_READ_ONLY' },
        404: { description: 'PREVENTION.DECLARANT_NOT_FOUND: not an establishment the caller declares for' },
        409: { description: 'PREVENTION.NOT_OPEN_YET with opensOn' },
        413: { description: `PREVENTION.FILE_TOO_LARGE: more than ${MAX_CSV_LINES} lines; nothing stored` },
      },
    },
    async ({ query }, req, res) => {
      const auth = authOf(req);
      await checkAccess(ctx, auth, query);
      const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!CSV_TYPES.includes(mediaType)) throw notCsv('Envoyez le fichier brut en corps de requête, avec l’en-tête Content-Type: text/csv.');
      const locale = validationLocale(req.acceptsLanguages('fr', 'en'));
      let file: Awaited<ReturnType<typeof readDeclarations>>;
      try {
        if (Number(req.headers['content-length']) > MAX_CSV_BYTES) throw new FileTooLarge();
        file = await readDeclarations(req, query, locale);
      } catch (err) {
        // A file refused whole may not have been read to its end: the rest is dropped with the connection, once the answer is sent.
        res.setHeader('Connection', 'close');
        req.resume();
        if (!(err instanceof FileTooLarge)) throw err;
        res.status(413).json({ code: err.code, message: err.message });
        return;
      }
      const report: ImportReport = { linesRead: file.linesRead, declarationsCreated: 0, learnersCreated: 0, rejected: [] };
      const rejected: LineRejection[] = [...file.rejected];
      for (const d of file.declarations) {
        const input = DeclarationCreate.safeParse({ ...query, ...d.declaration, learners: d.learners }, locale);
        if (!input.success) {
          rejected.push(...rejectDeclaration(d, schemaRefusals(input.error)));
          continue;
        }
        try {
          await ctx.orm.em.fork().transactional((em) => declare(ctx, em, auth, input.data, 'FILE'));
          report.declarationsCreated++;
          report.learnersCreated += d.learners.length;
        } catch (err) {
          rejected.push(...rejectDeclaration(d, refusalsOf(err, req, d.lines)));
        }
      }
      report.rejected = rejected.sort((a, b) => a.line - b.line);
      const em = ctx.orm.em.fork();
      const { declarantSiret, declarantKind } = query;
      appendAudit(em, {
        ...auditActor(auth.account),
        action: 'PREVENTION.FILE_IMPORTED',
        targetType: 'PreventionDeclaration',
        targetId: randomUUID(),
        companyId: auth.account.company.id,
        after: { declarantSiret, declarantKind, linesRead: report.linesRead, declarationsCreated: report.declarationsCreated, learnersCreated: report.learnersCreated, rejectedLines: rejected.length },
      });
      await em.flush();
      res.json(report);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/prevention-declarations/import-model',
      summary: `The model of the import file (text/csv; charset=utf-8, with a BOM, ; separated): the header line ${COLUMNS} and one example line (fictitious learner)`,
      tags,
      guards: [SIGNED_IN],
      responses: {
        200: { description: 'The CSV model (text/csv)', headers: { 'Content-Disposition': `attachment; filename="${MODEL_FILE}"` } },
      },
    },
    (_input, _req, res) => {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${MODEL_FILE}"`);
      res.send(declarationCsvModel());
    },
  );
}
