import { Stack, Typography } from '@mui/material';
import { Labeled, TextField, useRecordContext, useTranslate } from 'react-admin';
import type { AddressRecord } from './pendingEmail';

/**
 * On an account's page, under its address: the new address waiting for its
 * confirmation link, if any, and that the address above stays in use until then.
 */
export const PendingEmailField = ({ resource }: { resource: 'declarants' | 'accounts' }) => {
  const record = useRecordContext<AddressRecord>();
  const translate = useTranslate();
  if (!record?.pendingEmail) return null;
  return (
    <Labeled label={`resources.${resource}.fields.pendingEmail`}>
      <Stack spacing={0.5}>
        <TextField source="pendingEmail" />
        <Typography variant="caption" color="text.secondary">
          {translate('app.declarants.pending_email_hint', { current: record.email })}
        </Typography>
      </Stack>
    </Labeled>
  );
};
