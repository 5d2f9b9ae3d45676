import type { FilterQuery } from '@mikro-orm/core';
import type { WorkflowHandle } from '@temporalio/client';
import type { Request } from 'express';
import { hashActivationKey, normaliseActivationKey } from '../../domain/candidacy/activation-key.rules';
import { CANDIDACY_DEFAULTS } from '../../domain/candidacy/candidacy.defaults';
import { Candidacy } from '../../domain/candidacy/candidacy.entity';
import { candidacyNotFound, keyMalformed } from '../../domain/candidacy/candidacy.errors';
import { PENDING_CANDIDACY_STATUSES } from '../../domain/candidacy/candidacy.status';
import {
  cancelCandidacyUpdate,
  chooseLetterRouteUpdate,
  decideCandidacyUpdate,
  requestNewLetterUpdate,
  resendCandidacyMailUpdate,
  submitKeyUpdate,
  unlockCandidacyUpdate,
} from '../../workflows/administrator-candidacy/administrator-candidacy.messages';
import { authOf, CANDIDATE_ONLY, MANAGERS, requireRole, SIGNED_IN, SUPPORT_ONLY } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { BulkResults, eachOf } from '../http/bulk';
import { containing, defined } from '../http/filters';
import { publicRateLimiter } from '../http/rate-limit';
import { readRoutes } from '../http/read-resource';
import { route } from '../http/route';
import { actingTemporal } from '../workflows/acting-client';
import { AccountRole } from '../../domain/account/account.entity';
import {
  BulkDecisionBody,
  CancelBody,
  CandidacyAccepted,
  CandidacyFilter,
  CandidacyParams,
  CandidacyRecord,
  candidacyRecord,
  CandidacyRequest,
  DecisionBody,
  KeyBody,
  UnlockBody,
} from './candidacies.schemas';
import {
  actionableCandidacy,
  applyForCandidacy,
  cancellableCandidacy,
  CANDIDACY_RECORD_RELATIONS,
  candidacyDetail,
  candidacyScope,
  findCandidacy,
  lockedCandidacy,
} from './candidacy.service';

const CANDIDATE_OR_SUPPORT = requireRole('CANDIDATE', AccountRole.SUPPORT);
const RECORD = { 200: { description: 'The candidacy, as it is now', schema: CandidacyRecord } };

/** Administrator candidacies (Candidat AD): the public application, the candidate's, administrators' and support's actions. */
export function candidacyRoutes(ctx: ApiContext) {
  const { orm, temporal, config } = ctx;
  const api = newRouter(ctx);
  const terms = ctx.candidacyTerms ?? CANDIDACY_DEFAULTS;

  /** Sends one update to the candidacy's workflow as the signed-in person, then answers the record as the workflow left it. */
  const act = async (req: Request, candidacy: Candidacy, send: (workflow: WorkflowHandle) => Promise<unknown>) => {
    await send(actingTemporal(temporal, req).workflow.getHandle(candidacy.workflowId));
    return candidacyDetail(temporal, await findCandidacy(orm.em.fork(), { id: candidacy.id }));
  };

  route(
    api,
    {
      method: 'post',
      path: '/api/candidacies',
      summary:
        'Apply to become an administrator of a registered company (public): starts the administratorCandidacy workflow. The answer is the same whatever the portal holds; the mail to the address given tells the truth (the confirmation link, or why nothing started)',
      tags: ['candidacies'],
      public: true,
      guards: [publicRateLimiter(config)],
      body: CandidacyRequest,
      responses: {
        202: { description: 'Accepted, whatever the portal holds: a candidacy id and its workflow id; a mail is on its way', schema: CandidacyAccepted },
        400: { description: 'VALIDATION.FAILED with field errors' },
      },
    },
    async ({ body }, _req, res) => {
      res.status(202).json(await applyForCandidacy(orm, temporal, body, terms));
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/candidacies/mine',
      summary: 'The signed-in candidate’s latest candidacy, with its workflow status',
      tags: ['candidacies'],
      guards: [SIGNED_IN],
      responses: { ...RECORD, 404: { description: 'CANDIDACY.NOT_FOUND' } },
    },
    async (_input, req, res) => {
      const em = orm.em.fork();
      const [latest] = await em.find(Candidacy, { account: authOf(req).account.id }, { orderBy: { createdAt: 'DESC' }, limit: 1, populate: CANDIDACY_RECORD_RELATIONS });
      if (!latest) throw candidacyNotFound();
      res.json(await candidacyDetail(temporal, latest));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/candidacies/decisions',
      summary: 'Accept or refuse several candidacies (active administrators); each is decided on its own',
      tags: ['candidacies'],
      guards: [MANAGERS],
      body: BulkDecisionBody,
      responses: { 200: { description: 'One result per id', schema: BulkResults } },
    },
    async ({ body }, req, res) => {
      const auth = authOf(req);
      const results = await eachOf(body.ids, async (id) => {
        const candidacy = await actionableCandidacy(orm.em.fork(), auth, id, 'managers');
        await act(req, candidacy, (w) => w.executeUpdate(decideCandidacyUpdate, { args: [{ deciderId: auth.account.id, decision: body.decision, reason: body.reason }] }));
      });
      res.json({ results });
    },
  );

  readRoutes(api, ctx, {
    resource: 'candidacies',
    entity: Candidacy,
    schema: CandidacyRecord,
    guard: MANAGERS,
    scopeWhere: candidacyScope,
    filter: CandidacyFilter,
    filterWhere: ({ status, route: path, companySiren, pending, q }): FilterQuery<Candidacy> => ({
      $and: [
        defined({ route: path, companySiren }),
        status ? { status: { $in: Array.isArray(status) ? status : [status] } } : {},
        pending ? { status: { $in: [...PENDING_CANDIDACY_STATUSES] } } : {},
        q ? { $or: [{ lastName: { $ilike: containing(q) } }, { firstName: { $ilike: containing(q) } }, { email: { $ilike: containing(q) } }] } : {},
      ],
    }),
    sortable: ['createdAt', 'dueDate', 'status', 'lastName', 'companyName'],
    defaultSort: ['createdAt', 'DESC'],
    toRecord: candidacyRecord,
    populate: CANDIDACY_RECORD_RELATIONS,
    toDetail: (candidacy) => candidacyDetail(temporal, candidacy),
  });

  route(
    api,
    {
      method: 'post',
      path: '/api/candidacies/:id/decision',
      summary: 'Accept or refuse a candidacy (an active administrator of its company; a refusal needs a reason)',
      tags: ['candidacies'],
      guards: [MANAGERS],
      params: CandidacyParams,
      body: DecisionBody,
      responses: {
        ...RECORD,
        403: { description: 'CANDIDACY.NOT_AN_ACTIVE_ADMINISTRATOR or CANDIDACY.SELF_DECISION' },
        404: { description: 'CANDIDACY.NOT_FOUND (not in the caller’s company)' },
        409: { description: 'CANDIDACY.ALREADY_DECIDED or CANDIDACY.NOT_AWAITING_APPROVAL' },
      },
    },
    async ({ params, body }, req, res) => {
      const auth = authOf(req);
      const candidacy = await actionableCandidacy(orm.em.fork(), auth, params.id, 'managers');
      res.json(await act(req, candidacy, (w) => w.executeUpdate(decideCandidacyUpdate, { args: [{ deciderId: auth.account.id, decision: body.decision, reason: body.reason }] })));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/candidacies/:id/letter-route',
      summary: 'The candidate switches to the activation letter (offered after 14 days without an answer)',
      tags: ['candidacies'],
      guards: [CANDIDATE_ONLY],
      params: CandidacyParams,
      responses: { ...RECORD, 409: { description: 'CANDIDACY.LETTER_ROUTE_NOT_OFFERED' } },
    },
    async ({ params }, req, res) => {
      const candidacy = await actionableCandidacy(orm.em.fork(), authOf(req), params.id, 'candidate');
      res.json(await act(req, candidacy, (w) => w.executeUpdate(chooseLetterRouteUpdate, { args: [{ actorId: authOf(req).account.id }] })));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/candidacies/:id/activation-key',
      summary: 'The candidate types the key of his letter (hashed at once: the key is never stored nor logged)',
      tags: ['candidacies'],
      guards: [CANDIDATE_ONLY],
      params: CandidacyParams,
      body: KeyBody,
      responses: {
        200: { description: 'Right key: the candidate is an active administrator', schema: CandidacyRecord },
        422: { description: 'CANDIDACY.WRONG_KEY, with attemptsLeft' },
        409: { description: 'CANDIDACY.LOCKED, CANDIDACY.KEY_EXPIRED or CANDIDACY.NOT_AWAITING_KEY' },
      },
    },
    async ({ params, body }, req, res) => {
      const auth = authOf(req);
      const candidacy = await actionableCandidacy(orm.em.fork(), auth, params.id, 'candidate');
      const key = normaliseActivationKey(body.key);
      if (!key) throw keyMalformed();
      res.json(await act(req, candidacy, (w) => w.executeUpdate(submitKeyUpdate, { args: [{ keyHash: hashActivationKey(key), actorId: auth.account.id }] })));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/candidacies/:id/letters',
      summary: 'A new activation letter (candidate or support); the previous key stops working; 3 letters at most',
      tags: ['candidacies'],
      guards: [CANDIDATE_OR_SUPPORT],
      params: CandidacyParams,
      responses: { ...RECORD, 409: { description: 'CANDIDACY.TOO_MANY_LETTERS or CANDIDACY.NOT_AWAITING_KEY' } },
    },
    async ({ params }, req, res) => {
      const auth = authOf(req);
      const candidacy = await actionableCandidacy(orm.em.fork(), auth, params.id, 'candidateOrSupport');
      res.json(await act(req, candidacy, (w) => w.executeUpdate(requestNewLetterUpdate, { args: [{ actorId: auth.account.id }] })));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/candidacies/:id/cancel',
      summary:
        'Cancel a candidacy (the candidate himself, or support): pending, or locked by wrong keys and waiting for support; the candidate’s account is closed (removed if never confirmed, else radiated, his sessions ended)',
      tags: ['candidacies'],
      guards: [CANDIDATE_OR_SUPPORT],
      params: CandidacyParams,
      body: CancelBody,
      responses: {
        ...RECORD,
        409: { description: 'CANDIDACY.CLOSED, CANDIDACY.ALREADY_DECIDED, or CANDIDACY.LOCKED (closed locked by an older run, or locked before its cancel could close it: support unlocks it, or it expires with its key)' },
      },
    },
    async ({ params, body }, req, res) => {
      const auth = authOf(req);
      const candidacy = await cancellableCandidacy(orm.em.fork(), auth, params.id);
      res.json(await act(req, candidacy, (w) => w.executeUpdate(cancelCandidacyUpdate, { args: [{ actorId: auth.account.id, reason: body.reason }] })));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/candidacies/:id/resend-mail',
      summary: 'Send the current mail of the phase again (support): confirmation link, or the administrators’ request',
      tags: ['candidacies'],
      guards: [SUPPORT_ONLY],
      params: CandidacyParams,
      responses: { ...RECORD, 409: { description: 'CANDIDACY.NOTHING_TO_RESEND' } },
    },
    async ({ params }, req, res) => {
      const auth = authOf(req);
      const candidacy = await actionableCandidacy(orm.em.fork(), auth, params.id, 'managers');
      res.json(await act(req, candidacy, (w) => w.executeUpdate(resendCandidacyMailUpdate, { args: [{ actorId: auth.account.id }] })));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/candidacies/:id/unlock',
      summary: 'Unlock a candidacy locked by 5 wrong keys (support, with a reason, audited): the candidate has his attempts again, until the key expires',
      tags: ['candidacies'],
      guards: [SUPPORT_ONLY],
      params: CandidacyParams,
      body: UnlockBody,
      responses: { ...RECORD, 400: { description: 'VALIDATION.FAILED (no reason)' }, 409: { description: 'CANDIDACY.NOT_LOCKED' } },
    },
    async ({ params, body }, req, res) => {
      const candidacy = await lockedCandidacy(orm.em.fork(), params.id);
      res.json(await act(req, candidacy, (w) => w.executeUpdate(unlockCandidacyUpdate, { args: [{ actorId: authOf(req).account.id, reason: body.reason }] })));
    },
  );

  return api.router;
}

