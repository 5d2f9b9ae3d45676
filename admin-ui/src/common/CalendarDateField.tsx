import { DateField, useLocale, type DateFieldProps } from 'react-admin';

/**
 * A calendar date (`YYYY-MM-DD`, e.g. a DSN period or a contract's start) in
 * the console's language, read in UTC so that no time zone moves it a day back.
 */
export const CalendarDateField = ({ options, ...props }: DateFieldProps) => {
  const locale = useLocale();
  return <DateField locales={locale} options={{ timeZone: 'UTC', ...options }} {...props} />;
};
