import { DateField, useLocale, type DateFieldProps } from 'react-admin';

/** Date and time in the console's current language rather than the browser's. */
export const DateTimeField = (props: DateFieldProps) => {
  const locale = useLocale();
  return <DateField showTime locales={locale} {...props} />;
};
