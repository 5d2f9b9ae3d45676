import type { MikroORM } from '@mikro-orm/postgresql';
import type { Mailer } from '../mail/mailer';
import type { CampaignCalendar } from '../../domain/soltea/calendar';
import type { CampaignStatus, MilestoneMoveRecord } from '../../domain/soltea/soltea.entities';
import type { CampaignCounts } from '../../workflows/soltea-campaign/soltea-campaign.messages';

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

/**
 * The campaign's steps, run by solteaCampaignWorkflow. Every one is
 * idempotent per item and step (unique keys in PostgreSQL), so a retry, a
 * worker killed in the middle or a replayed page never does an item twice;
 * counts are read from what was done, never added up by the caller.
 */
export function createCampaignActivities(deps: CampaignDeps) {
  void deps;
  return {
    /** The calendar of a year: DOMAIN.md's real one when known, else 2025's shifted (domain/soltea/calendars.ts). */
    async loadCampaignCalendar(input: { year: number }): Promise<CampaignCalendar> {
      throw new Error(`loadCampaignCalendar(${input.year}): to be written`);
    },
    /** Upserts the campaign's read model (soltea_campaign). */
    async recordCampaign(record: CampaignRecord): Promise<void> {
      throw new Error(`recordCampaign(${record.year}): to be written`);
    },
    /** Audits one move (audit_event SOLTEA.MILESTONE_MOVED, before/after/who/why/legal reference), once per calendar version. */
    async recordMilestoneMove(input: { year: number; move: MilestoneMoveRecord }): Promise<void> {
      throw new Error(`recordMilestoneMove(${input.year}): to be written`);
    },
    /** Opens the step's run report (soltea_run, RUNNING), or finds it. */
    async startStep(input: { year: number; step: string }): Promise<void> {
      throw new Error(`startStep(${input.year}, ${input.step}): to be written`);
    },
    /** Does one page of the step's items after `after` (ordered keys), recording failures per item. */
    async runStepPage(input: { year: number; step: string; after: string | null; limit: number }): Promise<StepPage> {
      throw new Error(`runStepPage(${input.year}, ${input.step}): to be written`);
    },
    /** Ends the step's run report with its counts (read from what was done). */
    async endStep(input: { year: number; step: string }): Promise<StepSummary> {
      throw new Error(`endStep(${input.year}, ${input.step}): to be written`);
    },
    /** The campaign's counts now. */
    async campaignCounts(input: { year: number }): Promise<CampaignCounts> {
      throw new Error(`campaignCounts(${input.year}): to be written`);
    },
  };
}

export type CampaignActivities = ReturnType<typeof createCampaignActivities>;
