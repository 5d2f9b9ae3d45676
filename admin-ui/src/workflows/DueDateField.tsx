import { Chip, Stack } from '@mui/material';
import { useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import type { Workflow } from '../types';

/** The workflow's due date, in red with an "overdue" chip once passed. */
export const DueDateField = (_props: FieldProps) => {
  const record = useRecordContext<Workflow>();
  const translate = useTranslate();
  if (!record?.dueDate) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <DateTimeField source="dueDate" sx={record.overdue ? { color: 'error.main', fontWeight: 'bold' } : undefined} />
      {record.overdue && <Chip size="small" color="error" label={translate('app.workflows.overdue')} />}
    </Stack>
  );
};
