import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, Response } from 'express';
import { PDFDocument } from 'pdf-lib';
import { openLetterPdf } from '../../domain/candidacy/activation-letter.cipher';
import { ActivationLetter } from '../../domain/candidacy/activation-letter.entity';
import { letterGone, letterHeld, letterNotFound } from '../../domain/candidacy/candidacy.errors';
import { letterPostedUpdate } from '../../workflows/administrator-candidacy/administrator-candidacy.messages';
import { authOf, SUPPORT_ONLY } from '../auth/auth.middleware';
import { CandidacyParams } from '../candidacies/candidacies.schemas';
import { newRouter, type ApiContext } from '../context';
import { BulkResults, eachOf } from '../http/bulk';
import { readRoutes } from '../http/read-resource';
import { route } from '../http/route';
import { actingTemporal } from '../workflows/acting-client';
import { isHeld, letterRecord, LetterFilter, LetterIds, LetterRecord, MergedPdfQuery } from './letters.schemas';

const PDF = { description: 'application/pdf' };

/** The print queue of activation letters (support): list, PDF (single or merged), mark posted. */
export function letterRoutes(ctx: ApiContext) {
  const { orm, temporal, config } = ctx;
  const api = newRouter(ctx);

  /** The clear PDF of a letter still waiting in the queue (it is stored sealed). */
  const printable = async (em: EntityManager, id: string): Promise<Buffer> => {
    const letter = await em.findOne(ActivationLetter, id, { populate: ['sealedPdf'] });
    if (!letter) throw letterNotFound();
    if (isHeld(letter)) throw letterHeld();
    if (letter.status !== 'PENDING' || !letter.sealedPdf) throw letterGone();
    return openLetterPdf(config.letterKey, letter.id, letter.sealedPdf);
  };

  const sendPdf = (res: Response, pdf: Uint8Array, name: string) => {
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="${name}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.end(Buffer.from(pdf));
  };

  /** Support marks one letter posted, as himself, through the candidacy's workflow (which starts the key's validity). */
  const markPosted = async (id: string, req: Request) => {
    const actorId = authOf(req).account.id;
    const em = orm.em.fork();
    const letter = await em.findOne(ActivationLetter, id, { populate: ['candidacy'] });
    if (!letter) throw letterNotFound();
    if (isHeld(letter)) throw letterHeld();
    await actingTemporal(temporal, req).workflow.getHandle(letter.candidacy.workflowId).executeUpdate(letterPostedUpdate, { args: [{ letterId: id, actorId }] });
    return letterRecord(await orm.em.fork().findOneOrFail(ActivationLetter, id));
  };

  route(
    api,
    {
      method: 'get',
      path: '/api/letters/pdf',
      summary: 'One PDF merging the given pending letters, in that order (support)',
      tags: ['letters'],
      guards: [SUPPORT_ONLY],
      query: MergedPdfQuery,
      responses: { 200: PDF, 404: { description: 'CANDIDACY.LETTER_NOT_FOUND' }, 409: { description: 'CANDIDACY.LETTER_NO_ADDRESS (held back)' }, 410: { description: 'CANDIDACY.LETTER_GONE' } },
    },
    async ({ query }, _req, res) => {
      const em = orm.em.fork();
      const merged = await PDFDocument.create();
      for (const id of query.ids) {
        const letter = await PDFDocument.load(await printable(em, id));
        for (const page of await merged.copyPages(letter, letter.getPageIndices())) merged.addPage(page);
      }
      sendPdf(res, await merged.save(), 'courriers-activation.pdf');
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/letters/posted',
      summary: 'Mark several letters posted (support); each on its own',
      tags: ['letters'],
      guards: [SUPPORT_ONLY],
      body: LetterIds,
      responses: { 200: { description: 'One result per id', schema: BulkResults } },
    },
    async ({ body }, req, res) => {
      res.json({ results: await eachOf(body.ids, (id) => markPosted(id, req)) });
    },
  );

  readRoutes(api, ctx, {
    resource: 'letters',
    entity: ActivationLetter,
    schema: LetterRecord,
    guard: SUPPORT_ONLY,
    scopeWhere: () => ({}),
    filter: LetterFilter,
    filterWhere: ({ status, overdue }): FilterQuery<ActivationLetter> => ({
      ...(status ? { status } : {}),
      ...(overdue === undefined ? {} : overdue ? { status: 'PENDING', postBy: { $lte: new Date() } } : { $or: [{ status: { $ne: 'PENDING' } }, { postBy: { $gt: new Date() } }] }),
    }),
    sortable: ['createdAt', 'postBy', 'status', 'companyName'],
    defaultSort: ['createdAt', 'ASC'],
    toRecord: (l) => letterRecord(l),
  });

  route(
    api,
    {
      method: 'get',
      path: '/api/letters/:id/pdf',
      summary: 'The PDF of a pending letter, inline for preview and printing (support)',
      tags: ['letters'],
      guards: [SUPPORT_ONLY],
      params: CandidacyParams,
      responses: { 200: PDF, 404: { description: 'CANDIDACY.LETTER_NOT_FOUND' }, 409: { description: 'CANDIDACY.LETTER_NO_ADDRESS (held back)' }, 410: { description: 'CANDIDACY.LETTER_GONE (posted or voided)' } },
    },
    async ({ params }, _req, res) => {
      sendPdf(res, await printable(orm.em.fork(), params.id), `courrier-${params.id}.pdf`);
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/letters/:id/posted',
      summary: 'Mark a letter posted (support): the key is valid 60 days from now, and the PDF is erased',
      tags: ['letters'],
      guards: [SUPPORT_ONLY],
      params: CandidacyParams,
      responses: { 200: { description: 'The letter', schema: LetterRecord }, 409: { description: 'CANDIDACY.NOT_AWAITING_LETTER, CANDIDACY.LETTER_NOT_CURRENT or CANDIDACY.LETTER_NO_ADDRESS' } },
    },
    async ({ params }, req, res) => {
      res.json(await markPosted(params.id, req));
    },
  );

  return api.router;
}
