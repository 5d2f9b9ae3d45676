import { Typography } from '@mui/material';
import { useFieldValue, useTranslate, type FieldProps } from 'react-admin';

/** What an activity does, in words (`app.activities.<name>`); another system's activity by its name. */
export const ActivityTypeField = ({ source = 'activityType' }: FieldProps) => {
  const name: string | undefined = useFieldValue({ source });
  const translate = useTranslate();
  if (!name) return null;
  return (
    <Typography component="span" variant="body2">
      {translate(`app.activities.${name}`, { _: name })}
    </Typography>
  );
};
