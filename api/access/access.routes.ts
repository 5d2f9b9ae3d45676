import express, { type RequestHandler, type Router } from 'express';
import { answerAccessQuestions } from '../../domain/access/decision.service';
import { effectiveAccess } from '../../domain/access/effective-access.service';
import { authOf, SIGNED_IN } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { z } from '../http/openapi';
import { route } from '../http/route';
import { readSmallJson, sendFreshJson } from '../http/small-json';
import { AccessBatch, AccessBatchAnswer, AccessDecision, AccessQuestion, MyAccess } from './access.schemas';
import { apiKeyCaller, callerOf, managerCaller } from './api-key.auth';

const DECISION = '/api/access/decisions';
const BODY_LIMIT = 1024 * 1024;
const BATCH = '/api/access/decisions/batch';
const CALLERS = 'Authorization: Bearer <API key> (scoped to its company), or a session of support or of an administrator (his company).';

type Question = z.infer<typeof AccessQuestion>;

/** Decisions read through prepared statements on the pool, never the identity map: no entity manager per request. */
const answer = (ctx: ApiContext, questions: Question[], companyId: string | null) =>
  answerAccessQuestions(ctx.orm.em, questions, companyId, {
    cached: ctx.accessCache && { cache: ctx.accessCache.cache, loaders: ctx.decisionLoaders },
  });

/**
 * The decision routes for machine clients (`Authorization` header): mounted
 * before the console's middleware (security headers for pages, cookies,
 * sessions, access log), as they serve none of it and are the hot path; their
 * small JSON bodies are read and written directly. Requests without the header
 * fall through to the session routes below.
 */
export function apiKeyAccessRoutes(ctx: ApiContext): Router {
  const router = express.Router();
  const withApiKey: RequestHandler = async (req, _res, next) => {
    if (req.headers.authorization === undefined) return next('router');
    req.body = await readSmallJson(req, BODY_LIMIT);
    next();
  };
  const guards = [withApiKey, apiKeyCaller(ctx)];
  router.post(DECISION, ...guards, async (req, res) => {
    const [decision] = await answer(ctx, [AccessQuestion.parse(req.body)], callerOf(req).companyId);
    sendFreshJson(res, decision);
  });
  router.post(BATCH, ...guards, async (req, res) => {
    sendFreshJson(res, { decisions: await answer(ctx, AccessBatch.parse(req.body).questions, callerOf(req).companyId) });
  });
  return router;
}

export function accessRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  const guards = [managerCaller];
  const refusals = {
    401: { description: 'AUTH.UNAUTHENTICATED (nothing) or AUTH.INVALID_API_KEY (unknown or revoked key)' },
    403: { description: 'AUTH.FORBIDDEN (declarant session)' },
  };

  route(
    api,
    {
      method: 'post',
      path: DECISION,
      summary: `May this account use this service for this SIRET? ${CALLERS} An account of another company is UNKNOWN_ACCOUNT.`,
      tags: ['access'],
      guards,
      body: AccessQuestion,
      responses: { 200: { description: 'The decision and why', schema: AccessDecision }, ...refusals },
    },
    async ({ body }, req, res) => {
      const [decision] = await answer(ctx, [body], callerOf(req).companyId);
      res.json(decision);
    },
  );

  route(
    api,
    {
      method: 'post',
      path: BATCH,
      summary: `Up to 1000 access questions in one call, answered in order. ${CALLERS}`,
      tags: ['access'],
      guards,
      body: AccessBatch,
      responses: { 200: { description: 'One decision per question, in order', schema: AccessBatchAnswer }, ...refusals },
    },
    async ({ body }, req, res) => {
      res.json({ decisions: await answer(ctx, body.questions, callerOf(req).companyId) });
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/me/access',
      summary: 'The signed-in account’s own access: per service, the SIRETs it may act for and why',
      tags: ['access'],
      guards: [SIGNED_IN],
      responses: { 200: { description: 'Services with at least one SIRET', schema: MyAccess } },
    },
    async (_input, req, res) => {
      const { account } = authOf(req);
      res.json(await effectiveAccess(ctx.orm.em.fork(), { id: account.id, companyId: account.company.id }));
    },
  );
  return api.router;
}
