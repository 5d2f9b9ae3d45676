import { calendarOf, type CampaignCalendar, type MilestoneKey } from './calendar.rules';

/**
 * The real calendars (DOMAIN.md "SOLTéA"), as data. 2023's and 2024's are
 * the calendars as finally applied after their arrêtés; 2024's first
 * version (before the mid-campaign move) is kept for replaying it. 2023
 * reads period 1 as reopened until 5 Oct by the arrêté of 6 Oct 2023 (its
 * early transfer of 24 Aug is not a milestone of ours).
 */
const DAYS: Record<string, { year: number; days: Record<MilestoneKey, string> }> = {
  'arrete-2023-10-06': {
    year: 2023,
    days: {
      ESTABLISHMENTS_OPEN: '2022-11-14',
      ESTABLISHMENTS_CLOSE: '2023-01-17',
      PERIOD1_OPEN: '2023-05-25',
      PERIOD1_CLOSE: '2023-10-05',
      TRANSFER1: '2023-10-15',
      PERIOD2_OPEN: '2023-10-16',
      PERIOD2_CLOSE: '2023-11-09',
      TRANSFER2: '2023-12-02',
      UNALLOCATED_DISTRIBUTION: '2023-12-15',
      CAMPAIGN_CLOSE: '2023-12-31',
    },
  },
  'arrete-2024': {
    year: 2024,
    days: {
      ESTABLISHMENTS_OPEN: '2023-11-14',
      ESTABLISHMENTS_CLOSE: '2024-01-17',
      PERIOD1_OPEN: '2024-05-27',
      PERIOD1_CLOSE: '2024-08-02',
      TRANSFER1: '2024-08-09',
      PERIOD2_OPEN: '2024-08-12',
      PERIOD2_CLOSE: '2024-10-04',
      TRANSFER2: '2024-10-11',
      UNALLOCATED_DISTRIBUTION: '2024-10-25',
      CAMPAIGN_CLOSE: '2024-12-15',
    },
  },
  'calendar-2025': {
    year: 2025,
    days: {
      ESTABLISHMENTS_OPEN: '2024-11-14',
      ESTABLISHMENTS_CLOSE: '2025-01-17',
      PERIOD1_OPEN: '2025-05-26',
      PERIOD1_CLOSE: '2025-06-27',
      TRANSFER1: '2025-07-11',
      PERIOD2_OPEN: '2025-07-14',
      PERIOD2_CLOSE: '2025-10-24',
      TRANSFER2: '2025-11-07',
      UNALLOCATED_DISTRIBUTION: '2025-11-27',
      CAMPAIGN_CLOSE: '2025-12-15',
    },
  },
};

export const KNOWN_CALENDARS = Object.keys(DAYS);

/** A real calendar, or the same days shifted to another year (to replay it on demo data or in tests). */
export function knownCalendar(version: string, year?: number): CampaignCalendar | null {
  const known = DAYS[version];
  if (!known) return null;
  const shift = (year ?? known.year) - known.year;
  const days = Object.fromEntries(Object.entries(known.days).map(([k, d]) => [k, shiftYears(d, shift)])) as Record<MilestoneKey, string>;
  return calendarOf(known.year + shift, shift ? `${version}-shifted` : version, days);
}

/** Shifts a YYYY-MM-DD by whole years (29 Feb lands on 28 Feb). */
function shiftYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const shifted = new Date(Date.UTC(y + years, m - 1, d));
  if (shifted.getUTCMonth() !== m - 1) shifted.setUTCDate(0);
  return shifted.toISOString().slice(0, 10);
}

/** The default calendar of a year: 2025's, shifted to that year. */
export function defaultCalendar(year: number, reminderDaysBefore?: number[]): CampaignCalendar {
  const { milestones, version } = knownCalendar('calendar-2025', year)!;
  const days = Object.fromEntries(Object.entries(milestones).map(([k, m]) => [k, m.date])) as Record<MilestoneKey, string>;
  return calendarOf(year, version === 'calendar-2025' ? version : 'default-2025-shifted', days, reminderDaysBefore);
}
