import { Typography } from '@mui/material';
import { useFieldValue, useLocale, type FieldProps } from 'react-admin';

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long ago a date was, in whole days and in the console's language ("il y a 3 jours", "aujourd’hui"). */
export const AgeField = ({ source }: FieldProps & { source: string }) => {
  const value: string | null | undefined = useFieldValue({ source });
  const locale = useLocale();
  if (!value) return null;
  const days = Math.floor((Date.now() - new Date(value).getTime()) / DAY_MS);
  return (
    <Typography component="span" variant="body2">
      {new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(-days, 'day')}
    </Typography>
  );
};
