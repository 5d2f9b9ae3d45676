import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CampaignCalendar, MilestoneKey } from '../../domain/soltea/calendar.rules';
import type { MilestoneMove } from '../../domain/soltea/calendar-moves.rules';
import type { CampaignStatus, MilestoneMoveRecord } from '../../domain/soltea/campaign.status';

export const SOLTEA_CAMPAIGN_WORKFLOW_TYPE = 'solteaCampaignWorkflow';
export const SOLTEA_SCHEDULED_START_WORKFLOW_TYPE = 'solteaScheduledStartWorkflow';

/** One campaign per year: `soltea-2025`. */
export const solteaWorkflowId = (year: number) => `soltea-${year}`;

/** What the campaign's steps count (numbers read from PostgreSQL after each step). */
export interface CampaignCounts {
  establishmentsEligible: number;
  employersWithBalance: number;
  /** Share of all balances allocated, in basis points (100 % = 10 000). */
  shareAllocatedBp: number;
  remindersSent: number;
}

export const NO_COUNTS: CampaignCounts = { establishmentsEligible: 0, employersWithBalance: 0, shareAllocatedBp: 0, remindersSent: 0 };

/** A step stopped by a continue-as-new in the middle of its pages: where it goes on. */
export interface StepInProgress {
  key: string;
  after: string | null;
}

/** What a run hands to the next one when its history grows long. */
export interface CarriedCampaign {
  calendar: CampaignCalendar;
  fired: string[];
  moves: MilestoneMoveRecord[];
  counts: CampaignCounts;
  inProgress: StepInProgress | null;
}

export interface SolteaCampaignInput {
  year: number;
  /** The calendar to run; without it the worker's data for the year (DOMAIN.md calendars, else 2025's shifted). */
  calendar?: CampaignCalendar;
  /** Who started it: a support account, or null for the Schedule. */
  startedBy?: string | null;
  /** Items per page of a step's fan-out (a few hundred). */
  pageSize?: number;
  carried?: CarriedCampaign;
}

export interface SolteaCampaignResult {
  outcome: 'CLOSED' | 'CANCELLED';
  counts: CampaignCounts;
}

export interface CampaignState {
  year: number;
  status: CampaignStatus;
  /** The last milestone reached (`STARTED` before the first; reminders are steps, not milestones). */
  phase: string;
  /** The step running now, if any. */
  running: string | null;
  next: { key: string; at: string } | null;
  /** Null only while the first step loads it. */
  calendar: CampaignCalendar | null;
  fired: string[];
  moves: MilestoneMoveRecord[];
  counts: CampaignCounts;
}

export const campaignStatusQuery = defineQuery<CampaignState>('status');

export interface MoveMilestoneRequest {
  actorId: string;
  moves: MilestoneMove[];
  reason: string;
  /** The text that decided it, e.g. « arrêté du 6 octobre 2023 ». */
  legalReference: string;
}

/** Support moves future milestones (several at once, so the order holds); the validator refuses what DOMAIN.md forbids. */
export const moveMilestoneUpdate = defineUpdate<CampaignState, [MoveMilestoneRequest]>('moveMilestone');

/** Failure types a caller maps to its answers (the move refusals are the domain's codes, `SOLTEA.*`). */
export const CampaignFailure = {
  CLOSED: 'SOLTEA.CAMPAIGN_CLOSED',
} as const;

/** What the `soltea-campaign` Schedule passes (`campaignYearOffset` 1: fired in November 2025, it starts `soltea-2026`, whose establishments window opens that month). */
export type { ScheduledStartInput } from '../shared/yearly-start';

export type { MilestoneKey };
