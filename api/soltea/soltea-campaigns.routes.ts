import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit } from '../../domain/audit/audit-trail';
import { campaignSteps, windowAt, withParameters, type CampaignCalendar, type CampaignWindow } from '../../domain/soltea/calendar.rules';
import { defaultCalendar, KNOWN_CALENDARS, knownCalendar } from '../../domain/soltea/calendars';
import { SolteaCampaign, SolteaRun, SolteaRunFailure } from '../../domain/soltea/soltea.entities';
import {
  campaignStatusQuery,
  moveMilestoneUpdate,
  SOLTEA_CAMPAIGN_WORKFLOW_TYPE,
  solteaWorkflowId,
  type CampaignState,
  type SolteaCampaignInput,
} from '../../workflows/soltea-campaign/soltea-campaign.messages';
import { authOf, SUPPORT_ONLY } from '../auth/auth.middleware';
import type { ApiContext } from '../context';
import { idList, listPage, listQuery, sendList } from '../http/list-query';
import { listSort } from '../http/list-sort';
import { readUntil } from '../http/read-until';
import { z } from '../http/openapi';
import { route, type ApiRouter } from '../http/route';
import { actingTemporal } from '../workflows/acting-client';
import { startOnce } from '../workflows/start-once';
import { calendarOfAnotherYear, campaignExists, campaignNotFound, moveRefused, unknownCalendar } from './soltea.errors';
import {
  AllocationProgress,
  CampaignBody,
  CampaignDetail,
  CampaignFilter,
  CampaignIds,
  CampaignPreview,
  CampaignRecord,
  CampaignStarted,
  IdParams,
  MoveAnswer,
  MoveBody,
  RunDetail,
  RunFilter,
  RunRecord,
  YearParams,
} from './soltea.schemas';
import { windowDates } from './soltea-windows';

/** How long the campaign page waits for the workflow's `status` query before showing the read model alone. */
const LIVE_QUERY_MS = 3_000;
const FAILURES_LISTED = 1000;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const campaignRecord = (c: SolteaCampaign): z.infer<typeof CampaignRecord> => ({
  id: c.year,
  year: c.year,
  workflowId: c.workflowId,
  status: c.status,
  phase: c.phase,
  calendarVersion: c.calendar.version,
  nextStep: c.nextStep ?? null,
  nextStepAt: iso(c.nextStepAt),
  startedAt: c.startedAt.toISOString(),
  closedAt: iso(c.closedAt),
});

const runRecord = (run: SolteaRun, failureCount: number): z.infer<typeof RunRecord> => ({
  id: run.id,
  year: run.year,
  step: run.step,
  status: run.status,
  startedAt: run.startedAt.toISOString(),
  endedAt: iso(run.endedAt),
  counts: run.counts,
  failureCount,
});

async function failureCounts(em: EntityManager, runIds: string[]): Promise<Map<string, number>> {
  if (!runIds.length) return new Map();
  const rows = await em
    .getConnection()
    .execute<{ run_id: string; n: number }[]>('select run_id, count(*)::int as n from soltea_run_failure where run_id = any(?::uuid[]) group by run_id', [`{${runIds.join(',')}}`]);
  return new Map(rows.map((r) => [r.run_id, Number(r.n)]));
}

/** The calendar a start would run: a known one of that year, or 2025's shifted to it. */
function calendarFor({ year, calendarVersion: version, ...parameters }: z.infer<typeof CampaignBody>): CampaignCalendar {
  if (version === undefined) return withParameters(defaultCalendar(year), parameters);
  const known = knownCalendar(version);
  if (!known) throw unknownCalendar(version, KNOWN_CALENDARS);
  if (known.year !== year) throw calendarOfAnotherYear(version, known.year, year);
  return withParameters(known, parameters);
}

/** The calendar's steps in order, each saying whether its date is past at `now`. */
const stepsOf = (calendar: CampaignCalendar, now: Date) => campaignSteps(calendar).map((s) => ({ key: s.key, at: s.at, milestone: s.milestone, past: Date.parse(s.at) <= now.getTime() }));

/** How long a start waits, at most, for the campaign's first record (its page opened next then exists). */
const FIRST_RECORD_WAIT_MS = 5_000;

/** Until the workflow has written the campaign's read model (its first step), a few seconds at most. */
const recordedBy = (orm: MikroORM, year: number) => readUntil(() => orm.em.fork().count(SolteaCampaign, { year }), (n) => n > 0, FIRST_RECORD_WAIT_MS);

/** The workflow's `status` query, when the campaign runs and its worker answers soon enough; null otherwise. */
async function liveState(temporal: Client, campaign: SolteaCampaign): Promise<CampaignState | null> {
  if (campaign.status !== 'RUNNING') return null;
  const handle = temporal.workflow.getHandle(campaign.workflowId);
  return temporal.connection.withDeadline(Date.now() + LIVE_QUERY_MS, () => handle.query(campaignStatusQuery)).catch(() => null);
}

const WINDOWS: CampaignWindow[] = ['ESTABLISHMENTS', 'PERIOD1', 'PERIOD2'];

/**
 * The share of all balances allocated at the end of each day, from the
 * first save to the last: each employer counts with his last save of the
 * day (carried over the days he saved nothing), weighted by his balance.
 * Computed as day-by-day changes summed up, so it costs one pass over the
 * events whatever the number of days.
 */
const PROGRESS_SQL = `
with per_day as (
  select distinct on (e.employer_siret, e.day) e.employer_siret, e.day, e.total_bp
  from (select employer_siret, total_bp, at, id, (at at time zone 'Europe/Paris')::date as day from soltea_allocation_event where year = ?) e
  order by e.employer_siret, e.day, e.at desc, e.id desc
), deltas as (
  select p.day, (p.total_bp - coalesce(lag(p.total_bp) over (partition by p.employer_siret order by p.day), 0))::numeric * b.amount_cents as weighted
  from per_day p
  join soltea_balance b on b.year = ? and b.employer_siret = p.employer_siret
), daily as (
  select day, sum(weighted) as weighted from deltas group by day
), days as (
  select generate_series(min(day), max(day), interval '1 day')::date as day from daily
)
select to_char(days.day, 'YYYY-MM-DD') as day,
  coalesce(round(sum(coalesce(daily.weighted, 0)) over (order by days.day) / nullif((select sum(amount_cents) from soltea_balance where year = ?), 0)), 0)::int as share_bp
from days
left join daily on daily.day = days.day
order by days.day`;

/** Campaigns and their run reports (support only): list, page with timeline and live status, preview, start, milestone moves, allocation chart. */
export function solteaCampaignRoutes(api: ApiRouter, ctx: ApiContext): void {
  const { orm, temporal } = ctx;
  const guards = [SUPPORT_ONLY];
  const tags = ['soltea'];

  route(
    api,
    {
      method: 'get',
      path: '/api/soltea-campaigns',
      summary: 'List the SOLTéA campaigns (react-admin simple-rest; id = year), from their read model (support only)',
      tags,
      guards,
      query: listQuery(CampaignFilter, CampaignIds),
      responses: { 200: { description: 'One page', schema: z.array(CampaignRecord), headers: { 'Content-Range': 'soltea-campaigns start-end/total' } } },
    },
    async ({ query }, _req, res) => {
      const page = listPage(query);
      const { id, status, year } = page.filter;
      const [field, order] = listSort(page, ['year', 'status', 'phase', 'startedAt', 'nextStepAt', 'closedAt'], ['year', 'DESC']);
      const ids = idList(id);
      const statuses = idList(status);
      const where = {
        ...(ids ? { year: { $in: ids } } : {}),
        ...(year !== undefined ? { year } : {}),
        ...(statuses ? { status: { $in: statuses } } : {}),
      };
      const [items, total] = await orm.em.fork().findAndCount(SolteaCampaign, where, { orderBy: [{ [field]: order }, { year: 'DESC' }], offset: page.offset, limit: page.limit });
      sendList(res, 'soltea-campaigns', page, items.map(campaignRecord), total);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/soltea-campaigns/:year',
      summary:
        'A campaign: its calendar and windows, the timeline of milestone moves (who, why, legal reference), its runs with their counts, and the running workflow’s status query when reachable',
      tags,
      guards,
      params: YearParams,
      responses: { 200: { description: 'The campaign', schema: CampaignDetail }, 404: { description: 'SOLTEA.CAMPAIGN_NOT_FOUND' } },
    },
    async ({ params }, _req, res) => {
      const em = orm.em.fork();
      const campaign = await em.findOne(SolteaCampaign, { year: params.year });
      if (!campaign) throw campaignNotFound(params.year);
      const [runs, live] = await Promise.all([em.find(SolteaRun, { year: params.year }, { orderBy: { startedAt: 'ASC', step: 'ASC' } }), liveState(temporal, campaign)]);
      const failures = await failureCounts(em, runs.map((r) => r.id));
      const now = new Date();
      const windows = Object.fromEntries(
        WINDOWS.map((w) => [w, { open: campaign.status === 'RUNNING' && windowAt(campaign.calendar, w, now).open, ...windowDates(campaign.calendar, w) }]),
      ) as z.infer<typeof CampaignDetail>['windows'];
      const detail: z.infer<typeof CampaignDetail> = {
        ...campaignRecord(campaign),
        calendar: campaign.calendar,
        steps: stepsOf(campaign.calendar, now),
        moves: campaign.moves,
        report: campaign.report ?? null,
        windows,
        runs: runs.map((r) => runRecord(r, failures.get(r.id) ?? 0)),
        live: live && { phase: live.phase, status: live.status, running: live.running, next: live.next, fired: live.fired, counts: live.counts },
      };
      res.json(detail);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/soltea-campaigns/:year/allocation-progress',
      summary:
        'The chart of the share of all balances allocated, day by day (Paris days), from soltea_allocation_event: each employer’s last save of the day, weighted by his balance',
      tags,
      guards,
      params: YearParams,
      responses: { 200: { description: 'One point per day from the first save to the last', schema: AllocationProgress } },
    },
    async ({ params }, _req, res) => {
      const rows = await orm.em.fork().getConnection().execute<{ day: string; share_bp: number }[]>(PROGRESS_SQL, [params.year, params.year, params.year]);
      res.json(rows.map((r) => ({ day: r.day, shareAllocatedBp: Number(r.share_bp) })));
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/soltea-campaigns/preview',
      summary: 'The calendar a campaign of that year would run (a known one when named, else 2025’s shifted to the year), and its steps in order',
      tags,
      guards,
      body: CampaignBody,
      responses: { 200: { description: 'The calendar and its steps', schema: CampaignPreview }, 400: { description: 'SOLTEA.UNKNOWN_CALENDAR or SOLTEA.CALENDAR_YEAR_MISMATCH (calendarVersion)' } },
    },
    ({ body }, _req, res) => {
      const calendar = calendarFor(body);
      res.json({ year: body.year, calendar, steps: stepsOf(calendar, new Date()) });
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/soltea-campaigns',
      summary: 'Start the campaign of a year (workflow soltea-<year>, as the Schedule would), with the previewed calendar; audited',
      tags,
      guards,
      body: CampaignBody,
      responses: {
        202: { description: 'Started; answered once its workflow has recorded the campaign (5 s at most), so its page exists', schema: CampaignStarted },
        400: { description: 'SOLTEA.UNKNOWN_CALENDAR or SOLTEA.CALENDAR_YEAR_MISMATCH' },
        409: { description: 'SOLTEA.CAMPAIGN_EXISTS (one campaign per year, ever)' },
      },
    },
    async ({ body }, req, res) => {
      const calendar = calendarFor(body);
      const { account } = authOf(req);
      const em = orm.em.fork();
      if (await em.count(SolteaCampaign, { year: body.year })) throw campaignExists(body.year);
      const workflowId = solteaWorkflowId(body.year);
      const input: SolteaCampaignInput = { year: body.year, calendar, startedBy: account.id };
      await startOnce(actingTemporal(temporal, req), SOLTEA_CAMPAIGN_WORKFLOW_TYPE, workflowId, [input], () => campaignExists(body.year));
      appendAudit(em, {
        ...auditActor(account),
        action: 'SOLTEA.CAMPAIGN_STARTED',
        targetType: 'SolteaCampaign',
        targetId: String(body.year),
        after: { workflowId, calendarVersion: calendar.version },
      });
      await em.flush();
      await recordedBy(orm, body.year);
      res.status(202).json({ year: body.year, workflowId, calendar });
    },
  );

  route(
    api,
    {
      method: 'post',
      path: '/api/soltea-campaigns/:year/milestone-moves',
      summary:
        'Move future milestones (moveMilestone update, sent under the support person’s Temporal identity; the workflow audits it and shows it on the timeline). Its validator refuses a past milestone, a date in the past, an order violation, designation periods under two months, a missing reason or legal reference',
      tags,
      guards,
      params: YearParams,
      body: MoveBody,
      responses: {
        200: { description: 'The calendar after the move', schema: MoveAnswer },
        400: { description: 'SOLTEA.MOVE_REASON_REQUIRED, SOLTEA.MOVE_LEGAL_REFERENCE_REQUIRED, SOLTEA.MOVE_EMPTY, SOLTEA.MOVE_DUPLICATE, SOLTEA.MOVE_BAD_DATE (field named)' },
        404: { description: 'SOLTEA.CAMPAIGN_NOT_FOUND' },
        409: { description: 'SOLTEA.MILESTONE_PASSED, SOLTEA.MOVE_INTO_PAST, SOLTEA.MOVE_ORDER (milestone, mustFollow), SOLTEA.DESIGNATION_TOO_SHORT (days), SOLTEA.CAMPAIGN_CLOSED' },
      },
    },
    async ({ params, body }, req, res) => {
      const { account } = authOf(req);
      const handle = actingTemporal(temporal, req).workflow.getHandle(solteaWorkflowId(params.year));
      const state = await handle
        .executeUpdate(moveMilestoneUpdate, { args: [{ actorId: account.id, moves: body.moves, reason: body.reason, legalReference: body.legalReference }] })
        .catch(async (err: unknown) => {
          if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type?.startsWith('SOLTEA.')) {
            const [details] = err.cause.details ?? [];
            const refusal = details && typeof details === 'object' ? (details as { code: string }) : { code: err.cause.type };
            throw moveRefused({ ...refusal, code: err.cause.type }, body.moves);
          }
          if (err instanceof WorkflowNotFoundError) {
            const campaign = await orm.em.fork().findOne(SolteaCampaign, { year: params.year });
            throw campaign ? moveRefused({ code: 'SOLTEA.CAMPAIGN_CLOSED' }, body.moves) : campaignNotFound(params.year);
          }
          throw err;
        });
      res.json({ year: state.year, calendar: state.calendar, moves: state.moves, next: state.next });
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/soltea-runs',
      summary: 'The run reports of campaign steps (one per year and step: started, ended, counts), react-admin simple-rest (support only)',
      tags,
      guards,
      query: listQuery(RunFilter),
      responses: { 200: { description: 'One page', schema: z.array(RunRecord), headers: { 'Content-Range': 'soltea-runs start-end/total' } } },
    },
    async ({ query }, _req, res) => {
      const page = listPage(query);
      const { id, year, step, status } = page.filter;
      const [field, order] = listSort(page, ['startedAt', 'endedAt', 'step', 'year', 'status'], ['startedAt', 'DESC']);
      const ids = idList(id);
      const statuses = idList(status);
      const where = {
        ...(ids ? { id: { $in: ids } } : {}),
        ...(year !== undefined ? { year } : {}),
        ...(step ? { step } : {}),
        ...(statuses ? { status: { $in: statuses } } : {}),
      };
      const em = orm.em.fork();
      const [runs, total] = await em.findAndCount(SolteaRun, where, { orderBy: { [field]: order, id: 'ASC' }, offset: page.offset, limit: page.limit });
      const failures = await failureCounts(em, runs.map((r) => r.id));
      sendList(res, 'soltea-runs', page, runs.map((r) => runRecord(r, failures.get(r.id) ?? 0)), total);
    },
  );

  route(
    api,
    {
      method: 'get',
      path: '/api/soltea-runs/:id',
      summary: 'One run report with its failures per item (code and parameters)',
      tags,
      guards,
      params: IdParams,
      responses: { 200: { description: 'The run', schema: RunDetail }, 404: { description: 'RESOURCE.NOT_FOUND' } },
    },
    async ({ params }, _req, res) => {
      const em = orm.em.fork();
      const run = await em.findOneOrFail(SolteaRun, params.id);
      const [failures, count] = await em.findAndCount(SolteaRunFailure, { run }, { orderBy: { at: 'ASC', item: 'ASC' }, limit: FAILURES_LISTED });
      res.json({
        ...runRecord(run, count),
        failures: failures.map((f) => ({ item: f.item, code: f.code, params: f.params ?? null, at: f.at.toISOString() })),
      });
    },
  );
}
