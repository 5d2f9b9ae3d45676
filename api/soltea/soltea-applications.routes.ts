import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit } from '../../domain/audit/audit-trail';
import { SolteaApplication, SolteaCampaign } from '../../domain/soltea/soltea.entities';
import { authOf, SIGNED_IN, SUPPORT_ONLY } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { containing, identifierStart } from '../http/filters';
import { idList, listPage, listQuery, sendList } from '../http/list-query';
import { listSort } from '../http/list-sort';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { siretMatch } from '../portfolios/identifier.schemas';
import { inScope } from '../access/service-access';
import { establishmentScope, mayActForEstablishment, visibleApplication } from './soltea-access';
import { applicationsCampaign, applicationsOpen, designationState } from './soltea-windows';
import { applicationDecided, applicationExists, applicationNotFound, notHabilitated } from './soltea.errors';
import {
  ApplicationCreate,
  ApplicationFilter,
  ApplicationRecord,
  ApplicationUpdate,
  EstablishmentFilter,
  EstablishmentRecord,
  IdParams,
  RefuseBody,
  SiretIds,
} from './soltea.schemas';

type ApplicationView = z.infer<typeof ApplicationRecord>;

const EDITABLE = ['uai', 'name', 'city', 'region', 'category', 'shortageTrainings', 'bankDetailsPresent'] as const;

/** The establishment as its application describes it. */
const establishmentOf = (a: SolteaApplication) => ({
  year: a.year,
  siret: a.siret,
  uai: a.uai,
  name: a.name,
  city: a.city,
  region: a.region,
  category: a.category,
  shortageTrainings: a.shortageTrainings,
  bankDetailsPresent: a.bankDetailsPresent,
});

const applicationRecord = (a: SolteaApplication, editable: boolean): ApplicationView => ({
  id: a.id,
  ...establishmentOf(a),
  status: a.status,
  refusalReason: a.refusalReason ?? null,
  companyId: a.company?.id ?? null,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
  decidedAt: a.decidedAt?.toISOString() ?? null,
  editable,
});

const fieldsOf = (a: SolteaApplication) => Object.fromEntries(EDITABLE.map((k) => [k, a[k]]));

/** Records of applications, each saying whether it may still change (SUBMITTED, its window open now). */
async function applicationRecords(em: EntityManager, applications: SolteaApplication[]): Promise<ApplicationView[]> {
  const years = [...new Set(applications.map((a) => a.year))];
  const campaigns = years.length ? await em.find(SolteaCampaign, { year: { $in: years } }) : [];
  const now = new Date();
  const open = new Set(campaigns.filter((c) => applicationsOpen(c, now)).map((c) => c.year));
  return applications.map((a) => applicationRecord(a, a.status === 'SUBMITTED' && open.has(a.year)));
}

/** Name, UAI, city, or the beginning of a SIRET. */
const searchWhere = (q: string | undefined) => {
  if (!q) return {};
  const like = containing(q);
  const siret = identifierStart(q);
  return { $or: [{ name: { $ilike: like } }, { uai: { $ilike: like } }, { city: { $ilike: like } }, ...(siret ? [{ siret: { $like: siret } }] : [])] };
};

/**
 * Establishments' applications (SOLTéA Établissements): submitted by an
 * account habilitated on SOLTEA_ETAB for one of its company's
 * establishments, inside the campaign's establishments window, changed
 * while SUBMITTED and the window open; accepted or refused by support
 * (audited). The eligible list (ACCEPTED) is what employers search.
 */
export function solteaApplicationRoutes(api: ApiRouter, ctx: ApiContext): void {
  const { orm } = ctx;
  const tags = ['soltea'];

  route(
    api,
    {
      method: 'post',
      path: '/api/soltea-applications',
      summary:
        'Apply for a campaign’s balance (SOLTEA_ETAB habilitation on that SIRET of the caller’s company, with the right to declare), inside the establishments’ window of the campaign',
      tags,
      guards: [SIGNED_IN],
      body: ApplicationCreate,
      responses: {
        201: { description: 'Submitted', schema: ApplicationRecord },
        400: { description: 'VALIDATION.FAILED (SIRET, UAI, region…)' },
        403: { description: 'SOLTEA.NOT_HABILITATED' },
        409: { description: 'SOLTEA.WINDOW_CLOSED (opensAt, closesAt), SOLTEA.NO_CAMPAIGN, SOLTEA.APPLICATION_EXISTS' },
      },
    },
    async ({ body }, req, res) => {
      const auth = authOf(req);
      const em = orm.em.fork();
      if (!(await mayActForEstablishment(ctx, em, auth, body.siret, true))) throw notHabilitated(body.siret);
      const campaign = await applicationsCampaign(em, body.year, new Date());
      const { year: _year, ...fields } = body;
      const application = em.create(SolteaApplication, { ...fields, year: campaign.year, company: auth.account.company.id, submittedBy: auth.account.id });
      appendAudit(em, {
        ...auditActor(auth.account),
        action: 'SOLTEA.APPLICATION_SUBMITTED',
        targetType: 'SolteaApplication',
        targetId: application.id,
        companyId: auth.account.company.id,
        after: { year: campaign.year, siret: body.siret, ...fieldsOf(application) },
      });
      await em.flush().catch((err: unknown) => {
        throw err instanceof UniqueConstraintViolationException ? applicationExists(campaign.year, body.siret) : err;
      });
      res.status(201).json(applicationRecord(application, true));
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/soltea-applications',
      summary:
        'List applications (react-admin simple-rest): support sees all; an administrator his company’s establishments’; a declarant those he is habilitated on for SOLTEA_ETAB',
      tags,
      guards: [SIGNED_IN],
      query: listQuery(ApplicationFilter),
      responses: { 200: { description: 'One page', schema: z.array(ApplicationRecord), headers: { 'Content-Range': 'soltea-applications start-end/total' } } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const { id, year, status, region, siret, q } = page.filter;
      const [field, order] = listSort(page, ['createdAt', 'updatedAt', 'decidedAt', 'name', 'city', 'region', 'status', 'siret', 'year'], ['createdAt', 'DESC']);
      const em = orm.em.fork();
      const scope = await establishmentScope(ctx, em, authOf(req));
      const ids = idList(id);
      const statuses = idList(status);
      const regions = idList(region);
      const where: FilterQuery<SolteaApplication> = {
        $and: [
          inScope('siret', scope),
          ids ? { id: { $in: ids } } : {},
          year !== undefined ? { year } : {},
          statuses ? { status: { $in: statuses } } : {},
          regions ? { region: { $in: regions } } : {},
          siret ? { siret: siretMatch(siret) } : {},
          searchWhere(q),
        ],
      };
      const [items, total] = await em.findAndCount(SolteaApplication, where, { orderBy: { [field]: order, id: 'ASC' }, offset: page.offset, limit: page.limit });
      sendList(res, 'soltea-applications', page, await applicationRecords(em, items), total);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/soltea-applications/:id',
      summary: 'One application (same visibility as the list)',
      tags,
      guards: [SIGNED_IN],
      params: IdParams,
      responses: { 200: { description: 'The application', schema: ApplicationRecord }, 404: { description: 'SOLTEA.APPLICATION_NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      const em = orm.em.fork();
      const application = await visibleApplication(ctx, em, authOf(req), params.id, false);
      res.json((await applicationRecords(em, [application]))[0]);
    },
  );

  route(
    api,
    {
      method: 'put',
      path: '/api/soltea-applications/:id',
      summary: 'Change an application while it is SUBMITTED and the establishments’ window is open (SIRET and year never change); audited',
      tags,
      guards: [SIGNED_IN],
      params: IdParams,
      body: ApplicationUpdate,
      responses: {
        200: { description: 'The application', schema: ApplicationRecord },
        404: { description: 'SOLTEA.APPLICATION_NOT_FOUND' },
        409: { description: 'SOLTEA.APPLICATION_DECIDED, SOLTEA.WINDOW_CLOSED' },
      },
    },
    async ({ params, body }, req, res) => {
      const auth = authOf(req);
      const em = orm.em.fork();
      const application = await visibleApplication(ctx, em, authOf(req), params.id, true);
      if (application.status !== 'SUBMITTED') throw applicationDecided(application.status);
      await applicationsCampaign(em, application.year, new Date());
      const before = fieldsOf(application);
      em.assign(application, body);
      appendAudit(em, {
        ...auditActor(auth.account),
        action: 'SOLTEA.APPLICATION_UPDATED',
        targetType: 'SolteaApplication',
        targetId: application.id,
        companyId: application.company?.id ?? null,
        before,
        after: fieldsOf(application),
      });
      await em.flush();
      res.json(applicationRecord(application, true));
    },
  );

  /** Support's decision on a SUBMITTED application, audited. */
  async function decide(req: Request, id: string, decision: 'ACCEPTED' | 'REFUSED', reason: string | null) {
    const auth = authOf(req);
    const em = orm.em.fork();
    const application = await em.findOne(SolteaApplication, id);
    if (!application) throw applicationNotFound();
    if (application.status !== 'SUBMITTED') throw applicationDecided(application.status);
    em.assign(application, { status: decision, refusalReason: reason, decidedBy: auth.account.id, decidedAt: new Date() });
    appendAudit(em, {
      ...auditActor(auth.account),
      action: decision === 'ACCEPTED' ? 'SOLTEA.APPLICATION_ACCEPTED' : 'SOLTEA.APPLICATION_REFUSED',
      targetType: 'SolteaApplication',
      targetId: application.id,
      companyId: application.company?.id ?? null,
      before: { status: 'SUBMITTED' },
      after: { status: decision, ...(reason ? { reason } : {}) },
    });
    await em.flush();
    return (await applicationRecords(em, [application]))[0];
  }

  route(
    api,
    {
      method: 'post',
      path: '/api/soltea-applications/:id/accept',
      summary: 'Accept a SUBMITTED application: the establishment is eligible for the year (support only; audited)',
      tags,
      guards: [SUPPORT_ONLY],
      params: IdParams,
      responses: { 200: { description: 'The application', schema: ApplicationRecord }, 404: { description: 'SOLTEA.APPLICATION_NOT_FOUND' }, 409: { description: 'SOLTEA.APPLICATION_DECIDED' } },
    },
    async ({ params }, req, res) => {
      res.json(await decide(req, params.id, 'ACCEPTED', null));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/soltea-applications/:id/refuse',
      summary: 'Refuse a SUBMITTED application, with the reason the establishment will read (support only; audited)',
      tags,
      guards: [SUPPORT_ONLY],
      params: IdParams,
      body: RefuseBody,
      responses: { 200: { description: 'The application', schema: ApplicationRecord }, 404: { description: 'SOLTEA.APPLICATION_NOT_FOUND' }, 409: { description: 'SOLTEA.APPLICATION_DECIDED' } },
    },
    async ({ params, body }, req, res) => {
      res.json(await decide(req, params.id, 'REFUSED', body.reason));
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/soltea-establishments',
      summary:
        'Eligible establishments of a campaign (ACCEPTED applications; id = SIRET), searched by name, UAI, city or SIRET — what employers choose from (any signed-in account)',
      tags,
      guards: [SIGNED_IN],
      query: listQuery(EstablishmentFilter, SiretIds),
      responses: { 200: { description: 'One page', schema: z.array(EstablishmentRecord), headers: { 'Content-Range': 'soltea-establishments start-end/total' } } },
    },
    async ({ query }, _req, res) => {
      const page = listPage(query);
      const { id, region, q } = page.filter;
      const [field, order] = listSort(page, ['name', 'city', 'region', 'uai', 'siret', 'category'], ['name', 'ASC']);
      const em = orm.em.fork();
      const year = page.filter.year ?? (await defaultEligibleYear(em));
      if (year === null) return sendList(res, 'soltea-establishments', page, [], 0);
      const ids = idList(id);
      const regions = idList(region);
      const where: FilterQuery<SolteaApplication> = {
        $and: [{ year, status: 'ACCEPTED' }, ids ? { siret: { $in: ids } } : {}, regions ? { region: { $in: regions } } : {}, searchWhere(q)],
      };
      const [items, total] = await em.findAndCount(SolteaApplication, where, { orderBy: [{ [field]: order }, { siret: 'ASC' }], offset: page.offset, limit: page.limit });
      sendList(
        res,
        'soltea-establishments',
        page,
        items.map((a) => ({ id: a.siret, ...establishmentOf(a) })),
        total,
      );
    },
  );
}

/** The year employers choose for by default: the running campaign whose designation period is open, else the latest running one, else the latest one, else null. */
async function defaultEligibleYear(em: EntityManager): Promise<number | null> {
  const campaigns = await em.find(SolteaCampaign, {}, { orderBy: { year: 'DESC' } });
  const now = new Date();
  const running = campaigns.filter((c) => c.status === 'RUNNING');
  return (running.find((c) => designationState(c, now).open) ?? running[0] ?? campaigns[0])?.year ?? null;
}
