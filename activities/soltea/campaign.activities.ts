import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/activity';
import { AuditEvent } from '../../domain/audit/audit-event.entity';
import { appendAudit } from '../../domain/audit/audit-trail';
import { isMilestoneKey, type CampaignCalendar } from '../../domain/soltea/calendar.rules';
import { defaultCalendar } from '../../domain/soltea/calendars';
import { SolteaCampaign, type CampaignStatus, type MilestoneMoveRecord } from '../../domain/soltea/soltea.entities';
import type { CampaignCounts } from '../../workflows/soltea-campaign/soltea-campaign.messages';
import type { Mailer } from '../mail/mailer';
import { actorOf } from '../shared/actor';
import { heartbeat, sendPendingNotices } from './employer-notices';
import { reminderOf, reminderPage } from './reminders';
import {
  allocationCounts,
  applicationCounts,
  campaignReport,
  distributionCounts,
  headlineCounts,
  recordFailures,
  reminderCounts,
  runIdOf,
  transferCounts,
  type ItemFailure,
} from './run-report';
import { distributionPage, transferPage } from './transfers';

export interface CampaignDeps {
  orm: MikroORM;
  mailer: Mailer;
  publicUrl: string;
}

/** The campaign read model as the workflow last saw it. */
export interface CampaignRecord {
  year: number;
  workflowId: string;
  status: CampaignStatus;
  phase: string;
  calendar: CampaignCalendar;
  moves: MilestoneMoveRecord[];
  next: { key: string; at: string } | null;
  report?: Record<string, unknown> | null;
}

/** One page of a step: where the next page starts (null: the step's items are all done). */
export interface StepPage {
  next: string | null;
}

/** A step's run report once ended. */
export interface StepSummary {
  step: string;
  status: 'DONE' | 'DONE_WITH_FAILURES';
  counts: Record<string, number>;
  failures: number;
}

/** Items per page a caller may ask for (the workflow asks a few hundred). */
const MAX_PAGE = 5_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The campaign's steps, run by solteaCampaignWorkflow. Every one is
 * idempotent per item and step (unique keys in PostgreSQL), so a retry, a
 * worker killed in the middle or a replayed page never does an item twice;
 * counts are read from what was done, never added up by the caller.
 *
 * Pages (runStepPage): items in SIRET order after `after`, `limit` of
 * them, in one transaction; then, for the steps that write to employers
 * (reminders, and transfers when a chosen establishment had no bank
 * details), the page's mails still PENDING are sent and marked SENT one by
 * one. An SMTP failure fails the activity (Temporal retries the page, which
 * finds its rows and sends only what is left); per-item business failures
 * (NO_CONTACT, ESTABLISHMENT_NOT_ELIGIBLE) go to soltea_run_failure.
 */
export function createCampaignActivities({ orm, mailer, publicUrl }: CampaignDeps) {
  const base = publicUrl.replace(/\/$/, '');

  /** The calendar the campaign runs (its read model), for the dates the mails give; the default one before it is recorded. */
  async function calendarOf(em: EntityManager, year: number): Promise<CampaignCalendar> {
    return (await em.findOne(SolteaCampaign, { year }, { fields: ['calendar'] }))?.calendar ?? defaultCalendar(year);
  }

  return {
    /**
     * The calendar of a year when the workflow was started without one (the
     * Schedule starts it so): 2025's, shifted to that year
     * (domain/soltea/calendars.ts defaultCalendar). The real calendars of
     * 2023–2025 are never picked here: support chooses one explicitly when
     * starting a year through the API, which passes it in the input.
     */
    async loadCampaignCalendar(input: { year: number }): Promise<CampaignCalendar> {
      return defaultCalendar(input.year);
    },

    /** Upserts the campaign's read model (soltea_campaign); once closed, its report carries each step's counts. */
    async recordCampaign(record: CampaignRecord): Promise<void> {
      const em = orm.em.fork();
      let report = record.report ?? null;
      if (record.status === 'CLOSED') {
        const runs = await em.execute<{ step: string; counts: Record<string, number> }[]>('select step, counts from soltea_run where year = ? order by started_at, step', [record.year]);
        report = { ...(report ?? {}), steps: Object.fromEntries(runs.map((r) => [r.step, r.counts])) };
      }
      await em.execute(
        `insert into soltea_campaign (year, workflow_id, status, phase, calendar, moves, next_step, next_step_at, started_at, closed_at, report)
         values (?, ?, ?::soltea_campaign_status, ?, ?::jsonb, ?::jsonb, ?, ?::timestamptz, now(), case when ? = 'RUNNING' then null else now() end, ?::jsonb)
         on conflict (year) do update set
           workflow_id = excluded.workflow_id, status = excluded.status, phase = excluded.phase, calendar = excluded.calendar, moves = excluded.moves,
           next_step = excluded.next_step, next_step_at = excluded.next_step_at,
           closed_at = case when excluded.status = 'RUNNING' then null else coalesce(soltea_campaign.closed_at, now()) end,
           report = coalesce(excluded.report, soltea_campaign.report)`,
        [
          record.year,
          record.workflowId,
          record.status,
          record.phase,
          JSON.stringify(record.calendar),
          JSON.stringify(record.moves),
          record.next?.key ?? null,
          record.next?.at ?? null,
          record.status,
          report ? JSON.stringify(report) : null,
        ],
      );
    },

    /** Audits one move (audit_event SOLTEA.MILESTONE_MOVED, before/after/who/why/legal reference), once per calendar version. */
    async recordMilestoneMove({ year, move }: { year: number; move: MilestoneMoveRecord }): Promise<void> {
      const dedupeKey = `soltea-${year}/move/${move.version}`;
      await orm.em.fork().transactional(async (em) => {
        if (await em.findOne(AuditEvent, { dedupeKey })) return;
        const actor = UUID.test(move.actorId) ? await actorOf(em, move.actorId) : { actorLabel: move.actorId };
        const dates = (pick: 'from' | 'to') => Object.fromEntries(move.moves.filter((m) => isMilestoneKey(m.milestone)).map((m) => [m.milestone, m[pick]]));
        appendAudit(em, {
          ...actor,
          action: 'SOLTEA.MILESTONE_MOVED',
          targetType: 'SolteaCampaign',
          targetId: String(year),
          before: { milestones: dates('from') },
          after: { milestones: dates('to'), reason: move.reason, legalReference: move.legalReference, version: move.version, movedAt: move.at },
          dedupeKey,
        });
      });
    },

    /** Opens the step's run report (soltea_run, RUNNING), or finds it; a step ended and run again (a reset) is reopened. */
    async startStep({ year, step }: { year: number; step: string }): Promise<void> {
      await orm.em.fork().execute(
        `insert into soltea_run (id, created_at, year, step, status, started_at, counts)
         values (gen_random_uuid(), now(), ?, ?, 'RUNNING', now(), '{}'::jsonb)
         on conflict (year, step) do update set status = 'RUNNING', ended_at = null where soltea_run.status <> 'RUNNING'`,
        [year, step],
      );
    },

    /** Does one page of the step's items after `after` (ordered keys), recording failures per item. */
    async runStepPage({ year, step, after, limit }: { year: number; step: string; after: string | null; limit: number }): Promise<StepPage> {
      if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw ApplicationFailure.nonRetryable(`page size ${limit} outside 1–${MAX_PAGE}`, 'SOLTEA.BAD_PAGE_SIZE');
      const reminder = reminderOf(step);
      const employerStep = step === 'TRANSFER1' || step === 'TRANSFER2' ? step : null;
      if (!reminder && !employerStep && !isMilestoneKey(step)) throw ApplicationFailure.nonRetryable(`unknown campaign step ${step}`, 'SOLTEA.UNKNOWN_STEP');
      heartbeat({ step, after });
      const em = orm.em.fork();
      const last = await em.transactional(async (tx) => {
        const runId = await runIdOf(tx, year, step);
        let page: { last: string | null; failures: ItemFailure[]; succeeded: string[] } = { last: null, failures: [], succeeded: [] };
        if (reminder) page = await reminderPage(tx, { year, step, period: reminder.period, calendar: await calendarOf(tx, year), base, after, limit });
        else if (employerStep) page = await transferPage(tx, { year, step: employerStep, after, limit, calendar: await calendarOf(tx, year), base });
        else if (step === 'UNALLOCATED_DISTRIBUTION') await distributionPage(tx, year);
        await recordFailures(tx, runId, page.failures, page.succeeded);
        return page.last;
      });
      if (reminder || employerStep) await sendPendingNotices(orm.em.fork(), mailer, { year, step, after, upTo: last });
      heartbeat({ step, after, next: last });
      return { next: last };
    },

    /** Ends the step's run report with its counts (read from what was done). */
    async endStep({ year, step }: { year: number; step: string }): Promise<StepSummary> {
      const em = orm.em.fork();
      const runId = await runIdOf(em, year, step);
      const counts = await stepCounts(em, year, step, runId);
      const [{ n }] = await em.execute<{ n: string }[]>('select count(*) as n from soltea_run_failure where run_id = ?', [runId]);
      const failures = Number(n);
      const status = failures ? 'DONE_WITH_FAILURES' : 'DONE';
      await em.execute('update soltea_run set status = ?::soltea_run_status, ended_at = coalesce(ended_at, now()), counts = ?::jsonb where id = ?', [
        status,
        JSON.stringify({ ...counts, failures }),
        runId,
      ]);
      return { step, status, counts: { ...counts, failures }, failures };
    },

    /** The campaign's counts now. */
    async campaignCounts({ year }: { year: number }): Promise<CampaignCounts> {
      return headlineCounts(orm.em.fork(), year);
    },
  };
}

/** What each step's report counts, from the facts (so a retried step counts the same). */
async function stepCounts(em: EntityManager, year: number, step: string, runId: string): Promise<Record<string, number>> {
  if (reminderOf(step)) return reminderCounts(em, year, step, runId);
  switch (step) {
    case 'ESTABLISHMENTS_OPEN':
    case 'ESTABLISHMENTS_CLOSE':
      return applicationCounts(em, year);
    case 'PERIOD1_OPEN':
    case 'PERIOD2_OPEN':
    case 'PERIOD1_CLOSE':
    case 'PERIOD2_CLOSE':
      return { ...(await allocationCounts(em, year)), establishmentsEligible: (await headlineCounts(em, year)).establishmentsEligible };
    case 'TRANSFER1':
    case 'TRANSFER2':
      return transferCounts(em, year, step);
    case 'UNALLOCATED_DISTRIBUTION':
      return distributionCounts(em, year);
    case 'CAMPAIGN_CLOSE':
      return campaignReport(em, year);
    default:
      return {};
  }
}

export type CampaignActivities = ReturnType<typeof createCampaignActivities>;
