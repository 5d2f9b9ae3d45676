import { useLocale, type Validator } from 'react-admin';

/** Today's calendar date in Paris (`YYYY-MM-DD`): the day the API compares effective dates with. */
export const todayInParis = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());

/** A start or effective date: today or later. */
export const notBeforeToday: Validator = (value) =>
  typeof value === 'string' && value !== '' && value < todayInParis() ? 'app.dates.not_in_the_past' : undefined;

/** Formats a calendar date (`YYYY-MM-DD`) in the console's language, read in UTC so that no time zone moves it. */
export const useCalendarDateFormat = () => {
  const locale = useLocale();
  return (date: string) => new Date(`${date}T00:00:00Z`).toLocaleDateString(locale, { timeZone: 'UTC' });
};
