import type { FilterQuery } from '@mikro-orm/core';
import { CANDIDACY_DEFAULTS } from '../../domain/candidacy/candidacy.defaults';
import { ARRIVAL_DEFAULTS, DEPARTURE_DEFAULTS } from '../../domain/collaborators/collaborators.defaults';
import { PENDING_DEPARTURE_STATUSES } from '../../domain/collaborators/collaborators.status';
import { Departure } from '../../domain/collaborators/departure.entity';
import { parisStartOf } from '../../domain/collaborators/effective-date.rules';
import { cancelDepartureUpdate, rescheduleDepartureUpdate, retargetDepartureUpdate } from '../../workflows/collaborator-departure/collaborator-departure.messages';
import { assertDate, collaboratorScope, statusAfterFirstStep } from '../arrivals/arrival.service';
import { CancelBody, IdParams } from '../arrivals/arrivals.schemas';
import { authOf, MANAGERS } from '../auth/auth.middleware';
import { newRouter, type ApiContext } from '../context';
import { containing, defined } from '../http/filters';
import { readRoutes } from '../http/read-resource';
import { route } from '../http/route';
import { actingTemporal } from '../workflows/acting-client';
import { actionableDeparture, departureDetail, departureStatus, findDeparture, planDeparture, reschedulableDeparture, transferTarget } from './departure.service';
import {
  DepartureAccepted,
  DepartureCreate,
  DepartureFilter,
  DepartureRecord,
  departureRecord,
  DepartureTargetBody,
  EffectiveDateBody,
} from './departures.schemas';

const RECORD = { 200: { description: 'The departure, as it is now', schema: DepartureRecord } };

/** Collaborators leaving (radiation): planned by administrators (their company) and support; steered through the workflow's updates. */
export function departureRoutes(ctx: ApiContext) {
  const { orm, temporal } = ctx;
  const api = newRouter(ctx);
  const durations = ctx.departureDurations ?? DEPARTURE_DEFAULTS;
  const arrivalTerms = { durations: ctx.arrivalDurations ?? ARRIVAL_DEFAULTS, candidacyTerms: ctx.candidacyTerms ?? CANDIDACY_DEFAULTS };
  const reread = async (id: string) => departureDetail(temporal, await findDeparture(orm.em.fork(), { id }));

  route(
    api,
    {
      method: 'post',
      path: '/api/departures',
      summary:
        'Plan a departure: at the effective date the account is radiated and its sessions end; its rights are transferred or revoked, or held until their receiver is ready (collaboratorDeparture workflow)',
      tags: ['departures'],
      guards: [MANAGERS],
      body: DepartureCreate,
      responses: {
        202: { description: 'Departure planned; its workflow runs. Effective today, the answer comes once it has applied or started waiting (a few seconds at most): `status` is the phase reached', schema: DepartureAccepted },
        400: { description: 'VALIDATION.FAILED with field errors (past date, target = the leaver or of another company…)' },
        404: { description: 'RESOURCE.NOT_FOUND (the leaver is not in the caller’s company)' },
        409: { description: 'DEPARTURE.LAST_ADMINISTRATOR, DEPARTURE.ALREADY_PLANNED or ACCOUNT.IDENTITY_TAKEN (new collaborator)' },
      },
    },
    async ({ body }, req, res) => {
      const departure = await planDeparture(orm, temporal, authOf(req), body, durations, arrivalTerms);
      const status = await statusAfterFirstStep(departure.effectiveDate, () => departureStatus(orm, departure.id));
      res.status(202).json({ id: departure.id, workflowId: departure.workflowId, status });
    },
  );

  readRoutes(api, ctx, {
    resource: 'departures',
    entity: Departure,
    schema: DepartureRecord,
    guard: MANAGERS,
    scopeWhere: collaboratorScope,
    filter: DepartureFilter,
    filterWhere: ({ status, pending, accountId, companyId, q }): FilterQuery<Departure> => ({
      $and: [
        defined({ account: accountId, company: companyId }),
        status ? { status: { $in: Array.isArray(status) ? status : [status] } } : {},
        pending ? { status: { $in: [...PENDING_DEPARTURE_STATUSES] } } : {},
        q ? { $or: [{ lastName: { $ilike: containing(q) } }, { firstName: { $ilike: containing(q) } }, { toName: { $ilike: containing(q) } }] } : {},
      ],
    }),
    sortable: ['createdAt', 'effectiveDate', 'status', 'lastName', 'completedAt'],
    defaultSort: ['createdAt', 'DESC'],
    toRecord: departureRecord,
    toDetail: async (departure) => departureDetail(temporal, await findDeparture(orm.em.fork(), { id: departure.id })),
  });

  route(
    api,
    {
      method: 'post',
      path: '/api/departures/:id/cancel',
      summary:
        'Cancel a departure before its effective date: the leaver stays active (a new collaborator’s pending arrival is cancelled with it). Once the date has radiated him, only its rights can be sent elsewhere',
      tags: ['departures'],
      guards: [MANAGERS],
      params: IdParams,
      body: CancelBody,
      responses: { ...RECORD, 404: { description: 'RESOURCE.NOT_FOUND' }, 409: { description: 'DEPARTURE.NOT_PENDING, or DEPARTURE.ALREADY_STARTED (the leaver is radiated)' } },
    },
    async ({ params, body }, req, res) => {
      const auth = authOf(req);
      const departure = await actionableDeparture(orm.em.fork(), auth, params.id);
      await actingTemporal(temporal, req).workflow.getHandle(departure.workflowId).executeUpdate(cancelDepartureUpdate, { args: [{ actorId: auth.account.id, reason: body.reason ?? null }] });
      res.json(await reread(departure.id));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/departures/:id/effective-date',
      summary: 'Move the effective date of a departure whose date is not reached yet; moved to today, the answer comes once it has applied or started waiting',
      tags: ['departures'],
      guards: [MANAGERS],
      params: IdParams,
      body: EffectiveDateBody,
      responses: {
        ...RECORD,
        400: { description: 'VALIDATION.FAILED (past date)' },
        404: { description: 'RESOURCE.NOT_FOUND' },
        409: { description: 'DEPARTURE.ALREADY_STARTED (its effective date is reached) or DEPARTURE.NOT_PENDING' },
      },
    },
    async ({ params, body }, req, res) => {
      const auth = authOf(req);
      assertDate('effectiveDate', body.effectiveDate);
      const departure = await reschedulableDeparture(orm.em.fork(), auth, params.id);
      const effectiveAt = parisStartOf(body.effectiveDate).toISOString();
      await actingTemporal(temporal, req).workflow.getHandle(departure.workflowId).executeUpdate(rescheduleDepartureUpdate, { args: [{ actorId: auth.account.id, effectiveDate: body.effectiveDate, effectiveAt }] });
      await statusAfterFirstStep(body.effectiveDate, () => departureStatus(orm, departure.id));
      res.json(await reread(departure.id));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/departures/:id/target',
      summary:
        'Send the rights of a departure not applied yet elsewhere: to another collaborator of the company, or revoke them (a new collaborator’s pending arrival is cancelled)',
      tags: ['departures'],
      guards: [MANAGERS],
      params: IdParams,
      body: DepartureTargetBody,
      responses: {
        ...RECORD,
        400: { description: 'VALIDATION.FAILED (target = the leaver, radiated, or of another company)' },
        404: { description: 'RESOURCE.NOT_FOUND' },
        409: { description: 'DEPARTURE.NOT_PENDING or DEPARTURE.SAME_TARGET' },
      },
    },
    async ({ params, body }, req, res) => {
      const auth = authOf(req);
      const em = orm.em.fork();
      const departure = await actionableDeparture(em, auth, params.id);
      if (body.rights.mode === 'TRANSFER') await transferTarget(em, departure.company.id, departure.account.id, body.rights.toAccountId);
      await actingTemporal(temporal, req).workflow.getHandle(departure.workflowId).executeUpdate(retargetDepartureUpdate, { args: [{ actorId: auth.account.id, rights: body.rights }] });
      res.json(await reread(departure.id));
    },
  );

  return api.router;
}
