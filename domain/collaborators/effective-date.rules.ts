/** Dates of arrivals and departures are calendar days in France. */
export const PORTAL_TIME_ZONE = 'Europe/Paris';

const DAY_FORMAT = new Intl.DateTimeFormat('en-CA', { timeZone: PORTAL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const PARTS_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: PORTAL_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Today in Paris, as YYYY-MM-DD. */
export function parisToday(now: Date): string {
  return DAY_FORMAT.format(now);
}

/** Offset of Paris from UTC at `instant`, in ms (+1 h in winter, +2 h in summer). */
function parisOffsetMs(instant: Date): number {
  const p = Object.fromEntries(PARTS_FORMAT.formatToParts(instant).map(({ type, value }) => [type, Number(value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a Paris calendar day begins (00:00 in Paris). */
export function parisStartOf(date: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  const guess = utcMidnight - parisOffsetMs(new Date(utcMidnight));
  return new Date(utcMidnight - parisOffsetMs(new Date(guess)));
}

/** A real calendar day written YYYY-MM-DD. */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date);
}

/** Why a start or effective date is refused (today or later, in Paris), or null when it is fine. */
export function dateRefusal(date: string, now: Date): string | null {
  if (!isCalendarDate(date)) return 'Date attendue au format AAAA-MM-JJ';
  if (date < parisToday(now)) return 'La date ne peut pas être passée';
  return null;
}
