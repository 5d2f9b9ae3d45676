import { answerAccessQuestions } from '../../domain/access/decision.service';
import { effectiveAccess } from '../../domain/access/effective-access.service';
import { authOf, SIGNED_IN } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { route } from '../http/route';
import { AccessBatch, AccessBatchAnswer, AccessDecision, AccessQuestion, MyAccess } from './access.schemas';
import { apiKeyOrManager, callerOf } from './api-key.auth';

const CALLERS = 'Authorization: Bearer <API key> (scoped to its company), or a session of support or of an administrator (his company).';

export function accessRoutes(ctx: ApiContext) {
  const api = newRouter(ctx);
  const guards = [apiKeyOrManager(ctx.orm)];
  const refusals = {
    401: { description: 'AUTH.UNAUTHENTICATED (nothing) or AUTH.INVALID_API_KEY (unknown or revoked key)' },
    403: { description: 'AUTH.FORBIDDEN (declarant session)' },
  };

  route(
    api,
    {
      method: 'post',
      path: '/api/access/decisions',
      summary: `May this account use this service for this SIRET? ${CALLERS} An account of another company is UNKNOWN_ACCOUNT.`,
      tags: ['access'],
      guards,
      body: AccessQuestion,
      responses: { 200: { description: 'The decision and why', schema: AccessDecision }, ...refusals },
    },
    async ({ body }, req, res) => {
      const [decision] = await answerAccessQuestions(ctx.orm.em.fork(), [body], callerOf(req).companyId);
      res.json(decision);
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/access/decisions/batch',
      summary: `Up to 1000 access questions in one call, answered in order. ${CALLERS}`,
      tags: ['access'],
      guards,
      body: AccessBatch,
      responses: { 200: { description: 'One decision per question, in order', schema: AccessBatchAnswer }, ...refusals },
    },
    async ({ body }, req, res) => {
      res.json({ decisions: await answerAccessQuestions(ctx.orm.em.fork(), body.questions, callerOf(req).companyId) });
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
