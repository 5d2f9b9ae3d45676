import { Typography } from '@mui/material';
import { useRecordContext, type FieldProps } from 'react-admin';
import { personName } from './personName';

/** A person in a list cell: his name, and under it his e-mail if the record has one (broken anywhere rather than widening the list). */
export const PersonField = (_props: FieldProps) => {
  const person = useRecordContext<{ firstName: string; lastName: string; email?: string }>();
  if (!person) return null;
  return (
    <>
      <Typography variant="body2">{personName(person)}</Typography>
      {person.email && (
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', overflowWrap: 'anywhere' }}>
          {person.email}
        </Typography>
      )}
    </>
  );
};
