import { LockMode, UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit } from '../../domain/audit/audit-trail';
import { Establishment } from '../../domain/company/establishment.entity';
import { allocationRefusal, basisPoints, type TypedShare } from '../../domain/soltea/allocation.rules';
import { splitBalance } from '../../domain/soltea/money';
import { SolteaAllocation, SolteaAllocationEvent, SolteaApplication, SolteaBalance, SolteaGroup } from '../../domain/soltea/soltea.entities';
import { authOf, SIGNED_IN, type AuthContext } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { containing } from '../http/filters';
import { idList, listPage, listQuery, sendList } from '../http/list-query';
import { listSort } from '../http/list-sort';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { isSupport } from '../access/service-access';
import { mayActForEmployer } from './soltea-access';
import { assertDesignationOpen, campaignFor, designationState, findCampaign } from './soltea-windows';
import { allocationRefused, employerNotFound, groupNameTaken, groupNotFound, nothingToReplicate, supportReadOnly } from './soltea.errors';
import {
  AllocationBody,
  AllocationRecord,
  EmployerParams,
  GroupCreate,
  GroupFilter,
  GroupRecord,
  IdParams,
  ReplicateAnswer,
  ReplicateBody,
  YearQuery,
} from './soltea.schemas';

type AllocationView = z.infer<typeof AllocationRecord>;

const NOT_FOUND = { 404: { description: 'SOLTEA.EMPLOYER_NOT_FOUND: not an employer the caller may act for (whether it exists is never said)' } };

/** An employer's choices for a year as the editor shows them: each establishment's part of the balance now, the total, the window. */
async function allocationView(em: EntityManager, year: number, employerSiret: string): Promise<AllocationView> {
  const balance = await em.findOne(SolteaBalance, { year, employerSiret });
  const allocations = await em.find(SolteaAllocation, { year, employerSiret }, { orderBy: { shareBp: 'DESC', establishmentSiret: 'ASC' } });
  const campaign = await findCampaign(em, year);
  const applications = allocations.length ? await em.find(SolteaApplication, { year, siret: { $in: allocations.map((a) => a.establishmentSiret) } }) : [];
  const bySiret = new Map(applications.map((a) => [a.siret, a]));
  const balanceCents = balance?.amountCents ?? 0;
  const split = splitBalance(balanceCents, allocations.map((a) => ({ establishmentSiret: a.establishmentSiret, shareBp: a.shareBp })));
  const totalBp = allocations.reduce((sum, a) => sum + a.shareBp, 0);
  return {
    id: employerSiret,
    year,
    employerSiret,
    employerName: balance?.employerName || null,
    balanceCents,
    frozen: !!balance?.frozenAt,
    allocations: allocations.map((a, i) => {
      const application = bySiret.get(a.establishmentSiret);
      return {
        establishmentSiret: a.establishmentSiret,
        name: application?.name ?? null,
        uai: application?.uai ?? null,
        city: application?.city ?? null,
        percent: a.shareBp / 100,
        amountCents: split.amounts[i].cents,
      };
    }),
    totalPercent: totalBp / 100,
    unallocatedCents: split.unallocatedCents,
    designation: designationState(campaign, new Date()),
  };
}

/**
 * Replaces an employer's choices, in one transaction holding his balance
 * row (a concurrent save or the transfer that freezes them waits): inside
 * a designation period, not frozen, with a balance, by the domain's rules
 * (allocation.rules.ts); one allocation event (the chart) and one audit
 * event per save.
 */
async function saveAllocations(em: EntityManager, auth: AuthContext, year: number, employerSiret: string, shares: TypedShare[], action: string): Promise<void> {
  await em.transactional(async (tx) => {
    const campaign = await campaignFor(tx, year);
    assertDesignationOpen(campaign, new Date());
    const balance = await tx.findOne(SolteaBalance, { year, employerSiret }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const asked = shares.map((s) => s.establishmentSiret);
    const eligible = asked.length ? await tx.find(SolteaApplication, { year, status: 'ACCEPTED', siret: { $in: asked } }, { fields: ['siret'] }) : [];
    const refusal = allocationRefusal(shares, {
      periodOpen: true,
      frozen: !!balance?.frozenAt,
      hasBalance: !!balance && balance.amountCents > 0,
      eligible: new Set(eligible.map((a) => a.siret)),
    });
    if (refusal && refusal.code !== 'SOLTEA.WINDOW_CLOSED') throw allocationRefused(refusal);
    const before = await tx.find(SolteaAllocation, { year, employerSiret });
    await tx.nativeDelete(SolteaAllocation, { year, employerSiret });
    const after = shares.map((s) => ({ establishmentSiret: s.establishmentSiret, shareBp: basisPoints(s.percent)! }));
    for (const share of after) tx.create(SolteaAllocation, { year, employerSiret, ...share, updatedBy: auth.account.id });
    const totalBp = after.reduce((sum, s) => sum + s.shareBp, 0);
    tx.create(SolteaAllocationEvent, { year, employerSiret, totalBp });
    const employer = await tx.findOne(Establishment, { siret: employerSiret }, { fields: ['company'] });
    appendAudit(tx, {
      ...auditActor(auth.account),
      action,
      targetType: 'SolteaAllocation',
      targetId: `${year}:${employerSiret}`,
      companyId: employer?.company.id ?? null,
      before: { shares: before.map((a) => ({ establishmentSiret: a.establishmentSiret, shareBp: a.shareBp })) },
      after: { shares: after, totalBp },
    });
  });
}

/**
 * Employers' allocations (SOLTéA Employeurs) and their groups of
 * establishments. Who may: the access decision for SOLTEA_EMPL on that
 * SIRET (own company, habilitated declarant, a payroll firm whose DSN for
 * it is within the look-back); anyone else is answered 404, never told
 * whether the employer exists. Support reads, never writes.
 */
export function solteaAllocationRoutes(api: ApiRouter, ctx: ApiContext): void {
  const { orm } = ctx;
  const tags = ['soltea'];

  async function employerFor(em: EntityManager, req: Request, siret: string, write: boolean): Promise<AuthContext> {
    const auth = authOf(req);
    if (write && isSupport(auth)) throw supportReadOnly();
    if (!(await mayActForEmployer(ctx, em, auth, siret, write))) throw employerNotFound();
    return auth;
  }

  route(
    api,
    {
      method: 'get',
      path: '/api/soltea-allocations/:employerSiret',
      summary: 'An employer’s balance and choices for a year: each establishment’s percentage and its part of the balance now, the total, frozen or not, the designation window',
      tags,
      guards: [SIGNED_IN],
      params: EmployerParams,
      query: YearQuery,
      responses: { 200: { description: 'The choices', schema: AllocationRecord }, ...NOT_FOUND },
    },
    async ({ params, query }, req, res) => {
      const em = orm.em.fork();
      await employerFor(em, req, params.employerSiret, false);
      res.json(await allocationView(em, query.year, params.employerSiret));
    },
  );

  route(
    api,
    {
      method: 'put',
      path: '/api/soltea-allocations/:employerSiret',
      summary:
        'Replace an employer’s choices for a year (percentages, two decimals, total ≤ 100 %, eligible establishments only) while a designation period is open and they are not frozen; audited',
      tags,
      guards: [SIGNED_IN],
      params: EmployerParams,
      body: AllocationBody,
      responses: {
        200: { description: 'The choices saved', schema: AllocationRecord },
        400: { description: 'SOLTEA.PERCENT_INVALID, SOLTEA.PERCENT_DECIMALS, SOLTEA.DUPLICATE_ESTABLISHMENT, SOLTEA.NOT_ELIGIBLE (field allocations.N.…), SOLTEA.TOTAL_OVER_100 (field allocations)' },
        403: { description: 'SOLTEA.SUPPORT_READ_ONLY' },
        ...NOT_FOUND,
        409: { description: 'SOLTEA.WINDOW_CLOSED (when the next period opens), SOLTEA.CHOICES_FROZEN, SOLTEA.NO_BALANCE, SOLTEA.NO_CAMPAIGN' },
      },
    },
    async ({ params, body }, req, res) => {
      const em = orm.em.fork();
      const auth = await employerFor(em, req, params.employerSiret, true);
      await saveAllocations(em, auth, body.year, params.employerSiret, body.allocations, 'SOLTEA.ALLOCATIONS_SAVED');
      res.json(await allocationView(orm.em.fork(), body.year, params.employerSiret));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/soltea-allocations/:employerSiret/replicate-last-year',
      summary: 'Replace this year’s choices with last year’s, keeping only the establishments eligible this year (the others are reported as dropped); same rules as a save',
      tags,
      guards: [SIGNED_IN],
      params: EmployerParams,
      body: ReplicateBody,
      responses: {
        200: { description: 'The choices saved, and those dropped', schema: ReplicateAnswer },
        403: { description: 'SOLTEA.SUPPORT_READ_ONLY' },
        ...NOT_FOUND,
        409: { description: 'SOLTEA.NOTHING_TO_REPLICATE (no choice last year, or none eligible: nothing changed), SOLTEA.WINDOW_CLOSED, SOLTEA.CHOICES_FROZEN, SOLTEA.NO_BALANCE' },
      },
    },
    async ({ params, body }, req, res) => {
      const em = orm.em.fork();
      const auth = await employerFor(em, req, params.employerSiret, true);
      const { year } = body;
      const last = await em.find(SolteaAllocation, { year: year - 1, employerSiret: params.employerSiret }, { orderBy: { shareBp: 'DESC', establishmentSiret: 'ASC' } });
      const sirets = last.map((a) => a.establishmentSiret);
      const [eligible, lastYear] = sirets.length
        ? [
            await em.find(SolteaApplication, { year, status: 'ACCEPTED', siret: { $in: sirets } }, { fields: ['siret'] }),
            await em.find(SolteaApplication, { year: year - 1, siret: { $in: sirets } }, { fields: ['siret', 'name'] }),
          ]
        : [[], []];
      const eligibleSirets = new Set(eligible.map((a) => a.siret));
      const names = new Map(lastYear.map((a) => [a.siret, a.name]));
      const kept = last.filter((a) => eligibleSirets.has(a.establishmentSiret));
      const dropped = last
        .filter((a) => !eligibleSirets.has(a.establishmentSiret))
        .map((a) => ({ establishmentSiret: a.establishmentSiret, name: names.get(a.establishmentSiret) ?? null, percent: a.shareBp / 100 }));
      if (!kept.length) throw nothingToReplicate(year, dropped);
      const shares = kept.map((a) => ({ establishmentSiret: a.establishmentSiret, percent: a.shareBp / 100 }));
      await saveAllocations(em, auth, year, params.employerSiret, shares, 'SOLTEA.ALLOCATIONS_REPLICATED');
      res.json({ ...(await allocationView(orm.em.fork(), year, params.employerSiret)), dropped });
    },
  );

  const groupRecord = (g: SolteaGroup): z.infer<typeof GroupRecord> => ({
    id: g.id,
    companyId: g.company.id,
    name: g.name,
    establishmentSirets: g.establishmentSirets,
    createdAt: g.createdAt.toISOString(),
  });

  /** Groups are the company's: support sees them all. */
  const groupScope = (auth: AuthContext) => (isSupport(auth) ? {} : { company: auth.account.company.id });

  route(
    api,
    {
      method: 'get',
      path: '/api/soltea-groups',
      summary: 'The groups of establishments the caller’s company saved to allocate to them together (react-admin simple-rest; support: every company’s)',
      tags,
      guards: [SIGNED_IN],
      query: listQuery(GroupFilter),
      responses: { 200: { description: 'One page', schema: z.array(GroupRecord), headers: { 'Content-Range': 'soltea-groups start-end/total' } } },
    },
    async ({ query }, req, res) => {
      const page = listPage(query);
      const { id, q } = page.filter;
      const [field, order] = listSort(page, ['name', 'createdAt'], ['name', 'ASC']);
      const ids = idList(id);
      const where: FilterQuery<SolteaGroup> = { $and: [groupScope(authOf(req)), ids ? { id: { $in: ids } } : {}, q ? { name: { $ilike: containing(q) } } : {}] };
      const [items, total] = await orm.em.fork().findAndCount(SolteaGroup, where, { orderBy: { [field]: order, id: 'ASC' }, offset: page.offset, limit: page.limit });
      sendList(res, 'soltea-groups', page, items.map(groupRecord), total);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/soltea-groups/:id',
      summary: 'One group of the caller’s company',
      tags,
      guards: [SIGNED_IN],
      params: IdParams,
      responses: { 200: { description: 'The group', schema: GroupRecord }, 404: { description: 'SOLTEA.GROUP_NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      const group = await orm.em.fork().findOne(SolteaGroup, { $and: [groupScope(authOf(req)), { id: params.id }] });
      if (!group) throw groupNotFound();
      res.json(groupRecord(group));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/soltea-groups',
      summary: 'Save a group of establishments for the caller’s company (a name unique in the company)',
      tags,
      guards: [SIGNED_IN],
      body: GroupCreate,
      responses: { 201: { description: 'The group', schema: GroupRecord }, 403: { description: 'SOLTEA.SUPPORT_READ_ONLY' }, 409: { description: 'SOLTEA.GROUP_NAME_TAKEN' } },
    },
    async ({ body }, req, res) => {
      const auth = authOf(req);
      if (isSupport(auth)) throw supportReadOnly();
      const em = orm.em.fork();
      const group = em.create(SolteaGroup, { company: auth.account.company.id, name: body.name, establishmentSirets: [...new Set(body.establishmentSirets)] });
      await em.flush().catch((err: unknown) => {
        throw err instanceof UniqueConstraintViolationException ? groupNameTaken(body.name) : err;
      });
      res.status(201).json(groupRecord(group));
    },
  );

  route(
    api,
    {
      method: 'delete',
      path: '/api/soltea-groups/:id',
      summary: 'Delete a group of the caller’s company (answers the group deleted)',
      tags,
      guards: [SIGNED_IN],
      params: IdParams,
      responses: { 200: { description: 'The group deleted', schema: GroupRecord }, 403: { description: 'SOLTEA.SUPPORT_READ_ONLY' }, 404: { description: 'SOLTEA.GROUP_NOT_FOUND' } },
    },
    async ({ params }, req, res) => {
      const auth = authOf(req);
      if (isSupport(auth)) throw supportReadOnly();
      const em = orm.em.fork();
      const group = await em.findOne(SolteaGroup, { id: params.id, company: auth.account.company.id });
      if (!group) throw groupNotFound();
      const record = groupRecord(group);
      await em.remove(group).flush();
      res.json(record);
    },
  );
}
