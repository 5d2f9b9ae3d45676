import type { FilterQuery } from '@mikro-orm/core';
import { CANDIDACY_DEFAULTS } from '../../domain/candidacy/candidacy.defaults';
import { Arrival } from '../../domain/collaborators/arrival.entity';
import { ARRIVAL_DEFAULTS } from '../../domain/collaborators/collaborators.defaults';
import { PENDING_ARRIVAL_STATUSES } from '../../domain/collaborators/collaborators.status';
import { parisStartOf } from '../../domain/collaborators/effective-date.rules';
import { cancelArrivalUpdate, rescheduleArrivalUpdate } from '../../workflows/collaborator-arrival/collaborator-arrival.messages';
import { authOf, MANAGERS } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { containing, defined, identifierStart } from '../http/filters';
import { readRoutes } from '../http/read-resource';
import { route } from '../http/route';
import { actingTemporal } from '../workflows/acting-client';
import {
  actionableArrival,
  arrivalDetail,
  arrivalStatus,
  assertDate,
  collaboratorScope,
  findArrival,
  registerArrival,
  reschedulableArrival,
  statusAfterFirstStep,
  type ArrivalTerms,
} from './arrival.service';
import { ArrivalAccepted, ArrivalCreate, ArrivalFilter, ArrivalRecord, arrivalRecord, CancelBody, IdParams, StartDateBody } from './arrivals.schemas';

const RECORD = { 200: { description: 'The arrival, as it is now', schema: ArrivalRecord } };

/** Collaborators arriving: registered by administrators (their company) and support; steered through the workflow's updates. */
export function arrivalRoutes(ctx: ApiContext) {
  const { orm, temporal } = ctx;
  const api = newRouter(ctx);
  const terms: ArrivalTerms = { durations: ctx.arrivalDurations ?? ARRIVAL_DEFAULTS, candidacyTerms: ctx.candidacyTerms ?? CANDIDACY_DEFAULTS };
  const reread = async (id: string) => arrivalDetail(temporal, await findArrival(orm.em.fork(), { id }));

  route(
    api,
    {
      method: 'post',
      path: '/api/arrivals',
      summary: 'Register a new collaborator: PENDING account, invitation on the start date, rights granted at his confirmation (collaboratorArrival workflow)',
      tags: ['arrivals'],
      guards: [MANAGERS],
      body: ArrivalCreate,
      responses: {
        202: { description: 'Arrival registered; its workflow runs. Starting today, the answer comes once the invitation has left (a few seconds at most): `status` is the phase reached', schema: ArrivalAccepted },
        400: { description: 'VALIDATION.FAILED with field errors (past start date, unknown SIRET, right outside its portfolio…)' },
        404: { description: 'RESOURCE.NOT_FOUND (company)' },
        409: { description: 'ACCOUNT.IDENTITY_TAKEN' },
      },
    },
    async ({ body }, req, res) => {
      const arrival = await registerArrival(orm, temporal, authOf(req), body, terms);
      const status = await statusAfterFirstStep(arrival.startDate, () => arrivalStatus(orm, arrival.id));
      res.status(202).json({ id: arrival.id, workflowId: arrival.workflowId, accountId: arrival.account!.id, status });
    },
  );

  readRoutes(api, ctx, {
    resource: 'arrivals',
    entity: Arrival,
    schema: ArrivalRecord,
    guard: MANAGERS,
    scopeWhere: collaboratorScope,
    filter: ArrivalFilter,
    filterWhere: ({ status, pending, accountId, companyId, q }): FilterQuery<Arrival> => ({
      $and: [
        defined({ account: accountId, company: companyId }),
        status ? { status: { $in: Array.isArray(status) ? status : [status] } } : {},
        pending ? { status: { $in: [...PENDING_ARRIVAL_STATUSES] } } : {},
        q ? { $or: [{ lastName: { $ilike: containing(q) } }, { firstName: { $ilike: containing(q) } }, { email: { $ilike: containing(q) } }, { siret: { $like: identifierStart(q) ?? '' } }] } : {},
      ],
    }),
    sortable: ['createdAt', 'startDate', 'status', 'lastName'],
    defaultSort: ['createdAt', 'DESC'],
    toRecord: arrivalRecord,
    toDetail: (arrival) => arrivalDetail(temporal, arrival),
  });

  route(
    api,
    {
      method: 'post',
      path: '/api/arrivals/:id/cancel',
      summary: 'Cancel a pending arrival (before the collaborator confirms): his PENDING account is removed',
      tags: ['arrivals'],
      guards: [MANAGERS],
      params: IdParams,
      body: CancelBody,
      responses: { ...RECORD, 404: { description: 'RESOURCE.NOT_FOUND' }, 409: { description: 'ARRIVAL.NOT_PENDING' } },
    },
    async ({ params, body }, req, res) => {
      const auth = authOf(req);
      const arrival = await actionableArrival(orm.em.fork(), auth, params.id);
      await actingTemporal(temporal, req).workflow.getHandle(arrival.workflowId).executeUpdate(cancelArrivalUpdate, { args: [{ actorId: auth.account.id, reason: body.reason ?? null }] });
      res.json(await reread(arrival.id));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/arrivals/:id/start-date',
      summary: 'Move the start date of an arrival whose invitation has not left yet (its date still ahead); moved to today, the answer comes once the invitation has left',
      tags: ['arrivals'],
      guards: [MANAGERS],
      params: IdParams,
      body: StartDateBody,
      responses: {
        ...RECORD,
        400: { description: 'VALIDATION.FAILED (past date)' },
        404: { description: 'RESOURCE.NOT_FOUND' },
        409: { description: 'ARRIVAL.ALREADY_STARTED (its start date is reached: the invitation has left) or ARRIVAL.NOT_PENDING' },
      },
    },
    async ({ params, body }, req, res) => {
      const auth = authOf(req);
      assertDate('startDate', body.startDate);
      const arrival = await reschedulableArrival(orm.em.fork(), auth, params.id);
      const startsAt = parisStartOf(body.startDate).toISOString();
      await actingTemporal(temporal, req).workflow.getHandle(arrival.workflowId).executeUpdate(rescheduleArrivalUpdate, { args: [{ actorId: auth.account.id, startDate: body.startDate, startsAt }] });
      await statusAfterFirstStep(body.startDate, () => arrivalStatus(orm, arrival.id));
      res.json(await reread(arrival.id));
    },
  );

  return api.router;
}
