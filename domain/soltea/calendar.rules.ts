import { isCalendarDate, parisStartOf } from '../collaborators/effective-date.rules';

/** A campaign's milestones, in the order they must keep (DOMAIN.md "SOLTéA"). */
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

export type MilestoneKey = (typeof MILESTONES)[number];

/** Milestones that close a day's window: they take effect at the end of their date (00:00 Paris the next day). */
const END_OF_DAY: ReadonlySet<MilestoneKey> = new Set(['ESTABLISHMENTS_CLOSE', 'PERIOD1_CLOSE', 'PERIOD2_CLOSE']);

/** One milestone: the day people read (the last day for a closing), and the instant it takes effect. */
export interface MilestoneDate {
  date: string;
  at: string;
}

/** A year's calendar: data, versioned (a move makes a new version). */
export interface CampaignCalendar {
  year: number;
  /** `default-2025-shifted`, `arrete-2024`… then `…+N` after N moves. */
  version: string;
  milestones: Record<MilestoneKey, MilestoneDate>;
  /** Reminders to employers with an unallocated share, this many days before each period closes. */
  reminderDaysBefore: number[];
  /** The year's share of the unallocated funds given equally within each region (set by arrêté; 40 % when absent). */
  unallocatedEqualShareBp?: number;
}

/** A year's parameters set on its calendar (support, when starting it): reminder days and the distribution's equal share. */
export interface CalendarParameters {
  reminderDaysBefore?: number[];
  unallocatedEqualShareBp?: number;
}

export function withParameters(calendar: CampaignCalendar, { reminderDaysBefore, unallocatedEqualShareBp }: CalendarParameters): CampaignCalendar {
  return {
    ...calendar,
    ...(reminderDaysBefore ? { reminderDaysBefore: [...new Set(reminderDaysBefore)].sort((a, b) => b - a) } : {}),
    ...(unallocatedEqualShareBp !== undefined ? { unallocatedEqualShareBp } : {}),
  };
}

export const DAY_MS = 24 * 3600_000;

/** The instant a milestone dated `date` takes effect, in Paris time. */
export function milestoneInstant(key: MilestoneKey, date: string): string {
  const day = END_OF_DAY.has(key) ? new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10) : date;
  return parisStartOf(day).toISOString();
}

export const isMilestoneKey = (value: string): value is MilestoneKey => (MILESTONES as readonly string[]).includes(value);

/** A calendar from its days (YYYY-MM-DD per milestone). */
export function calendarOf(year: number, version: string, days: Record<MilestoneKey, string>, reminderDaysBefore: number[] = [7, 2]): CampaignCalendar {
  for (const key of MILESTONES) if (!isCalendarDate(days[key])) throw new Error(`calendar ${year}: ${key} is not a date (${days[key]})`);
  const milestones = Object.fromEntries(MILESTONES.map((key) => [key, { date: days[key], at: milestoneInstant(key, days[key]) }])) as Record<MilestoneKey, MilestoneDate>;
  return { year, version, milestones, reminderDaysBefore: [...reminderDaysBefore].sort((a, b) => b - a) };
}

/** The period a reminder belongs to. */
export type ReminderPeriod = 'PERIOD1' | 'PERIOD2';

/**
 * What the campaign does, in order: each milestone, and the reminders
 * before each period closes (they move with the close). A step's key is
 * stable (`PERIOD1_CLOSE`, `REMINDER_PERIOD1_7`): it names the step's run
 * report and makes its work idempotent.
 */
export interface CampaignStep {
  key: string;
  at: string;
  milestone: MilestoneKey | null;
  reminder: { period: ReminderPeriod; daysBefore: number } | null;
}

export const reminderKey = (period: ReminderPeriod, daysBefore: number) => `REMINDER_${period}_${daysBefore}`;

export function campaignSteps(calendar: CampaignCalendar): CampaignStep[] {
  const steps: CampaignStep[] = MILESTONES.map((milestone) => ({ key: milestone, at: calendar.milestones[milestone].at, milestone, reminder: null }));
  for (const period of ['PERIOD1', 'PERIOD2'] as const) {
    const open = Date.parse(calendar.milestones[`${period}_OPEN`].at);
    const close = Date.parse(calendar.milestones[`${period}_CLOSE`].at);
    for (const daysBefore of calendar.reminderDaysBefore) {
      const at = close - daysBefore * DAY_MS;
      if (at > open) steps.push({ key: reminderKey(period, daysBefore), at: new Date(at).toISOString(), milestone: null, reminder: { period, daysBefore } });
    }
  }
  const rank = (s: CampaignStep) => (s.milestone ? MILESTONES.indexOf(s.milestone) : MILESTONES.indexOf(`${s.reminder!.period}_CLOSE`) - 0.5);
  return steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || rank(a) - rank(b));
}

/** The windows the API opens and closes by the calendar. */
export type CampaignWindow = 'ESTABLISHMENTS' | 'PERIOD1' | 'PERIOD2';

/** The window open at `now`, if any, and otherwise when the next one opens. */
export function windowAt(calendar: CampaignCalendar, window: CampaignWindow, now: Date): { open: boolean; opensAt: string; closesAt: string } {
  const { at: opensAt } = calendar.milestones[`${window}_OPEN`];
  const { at: closesAt } = calendar.milestones[`${window}_CLOSE`];
  const t = now.getTime();
  return { open: t >= Date.parse(opensAt) && t < Date.parse(closesAt), opensAt, closesAt };
}

/** The designation period open at `now` (employers allocate), or null. */
export function openDesignationPeriod(calendar: CampaignCalendar, now: Date): 'PERIOD1' | 'PERIOD2' | null {
  if (windowAt(calendar, 'PERIOD1', now).open) return 'PERIOD1';
  if (windowAt(calendar, 'PERIOD2', now).open) return 'PERIOD2';
  return null;
}
