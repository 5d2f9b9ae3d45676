import type { RaRecord } from 'react-admin';

export const MILESTONES = [
  'ESTABLISHMENTS_OPEN',
  'ESTABLISHMENTS_CLOSE',
  'PERIOD1_OPEN',
  'PERIOD1_CLOSE',
  'TRANSFER1',
  'PERIOD2_OPEN',
  'PERIOD2_CLOSE',
  'TRANSFER2',
  'UNALLOCATED_DISTRIBUTION',
  'CAMPAIGN_CLOSE',
] as const;
export type Milestone = (typeof MILESTONES)[number];

/** The calendar versions the API knows (default: 2025's, shifted to the year). */
export const CALENDAR_VERSIONS = ['arrete-2023-10-06', 'arrete-2024', 'calendar-2025'] as const;

export interface CampaignCalendar {
  year: number;
  version: string;
  milestones: Record<Milestone, { date: string; at: string }>;
  reminderDaysBefore: number[];
}

export interface MilestoneMove {
  at: string;
  actorId: string;
  reason: string;
  legalReference: string;
  moves: { milestone: Milestone; from: string; to: string }[];
  version: string;
}

export interface CampaignRun {
  id: string;
  step: string;
  status: 'RUNNING' | 'DONE' | 'DONE_WITH_FAILURES';
  startedAt: string;
  endedAt: string | null;
  counts: Record<string, number>;
  failureCount: number;
}

export interface Campaign extends RaRecord<number> {
  year: number;
  workflowId: string;
  status: 'RUNNING' | 'CLOSED' | 'CANCELLED';
  phase: string;
  calendarVersion: string;
  nextStep: string | null;
  nextStepAt: string | null;
  startedAt: string;
  /** On the page only. */
  calendar?: CampaignCalendar;
  /** On the page only: its calendar's steps in order, milestones and reminders (the API derives them). */
  steps?: CampaignStep[];
  moves?: MilestoneMove[];
  runs?: CampaignRun[];
  live?: {
    phase: string;
    running: string | null;
    next: { key: string; at: string } | null;
    fired: string[];
    counts: { establishmentsEligible: number; employersWithBalance: number; shareAllocatedBp: number; remindersSent: number };
  } | null;
}

/** A step of the campaign as the preview lists it: milestones and reminders, in order. */
export interface CampaignStep {
  key: string;
  at: string;
  milestone: Milestone | null;
  past: boolean;
}

/** The reminders' keys: `REMINDER_PERIOD1_7`. */
export const reminderOf = (key: string) => /^REMINDER_(PERIOD[12])_(\d+)$/.exec(key);
