import { Alert, Stack } from '@mui/material';
import { Form, TextInput, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { SubmitButton } from '../common/SubmitButton';
import { useServerSubmit } from '../common/useServerSubmit';
import { mandatory } from '../common/validation';
import type { Candidacy } from '../types';
import { submitActivationKey } from './candidacyCommands';

/** The form's own record: not the candidacy's, whose refresh after each answer would reset what the candidate is typing. */
const NO_KEY = { key: '' };

/** The candidate types the key of his letter; a wrong one tells how many attempts are left. */
export const ActivationKeyForm = () => {
  const candidacy = useRecordContext<Candidacy>();
  const translate = useTranslate();
  const refresh = useRefresh();
  const { submit, failure, lastError } = useServerSubmit(async ({ key }: { key: string }) => {
    try {
      await submitActivationKey(candidacy!.id, key.trim());
    } finally {
      refresh();
    }
  });
  const attemptsLeft: number | undefined =
    lastError?.body?.code === 'CANDIDACY.WRONG_KEY' ? lastError.body.attemptsLeft : undefined;

  return (
    <Form record={NO_KEY} onSubmit={(values: FieldValues) => submit(values as { key: string })} noValidate disableInvalidFormNotification>
      <Stack spacing={2} sx={{ maxWidth: 420 }}>
        {failure && (
          <Alert severity="error">
            {translate(failure, { _: failure })}
            {attemptsLeft != null && ` ${translate('app.my_candidacy.attempts_left', { smart_count: attemptsLeft })}`}
          </Alert>
        )}
        <TextInput
          source="key"
          label="app.my_candidacy.key"
          helperText="app.my_candidacy.key_help"
          autoComplete="off"
          validate={mandatory}
        />
        <SubmitButton label="app.my_candidacy.submit_key" />
      </Stack>
    </Form>
  );
};
