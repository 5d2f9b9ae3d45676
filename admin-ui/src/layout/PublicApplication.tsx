import { Alert, Box, Button } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Form, Link, PasswordInput, TextInput, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { SubmitButton } from '../common/SubmitButton';
import { useServerSubmit } from '../common/useServerSubmit';
import { mandatory, samePassword } from '../common/validation';
import { PublicPage } from './PublicPage';

interface PublicApplicationProps<T extends { email: string }> {
  title: string;
  /** Shown above the form. */
  intro?: string;
  /** Fields before the person's identity (the company, the establishment). */
  leading: ReactNode;
  /** Fields after his password. */
  trailing?: ReactNode;
  submitLabel: string;
  /** Said once accepted, with %{email}: the same whatever the request finds (the mail tells the truth). */
  sent: string;
  send: (input: T) => Promise<unknown>;
}

/**
 * A public request that creates an account (registration, candidacy): the
 * request's own fields, the person's identity and password (typed twice),
 * the server's refusal (a malformed field, too many requests) above the form,
 * then a neutral note that a mail is on its way: the server answers alike
 * whether or not the company or identity exists, and says which by mail.
 */
export const PublicApplication = <T extends { email: string }>({ title, intro, leading, trailing, submitLabel, sent, send }: PublicApplicationProps<T>) => {
  const translate = useTranslate();
  const [sentTo, setSentTo] = useState<string>();
  const { submit, failure } = useServerSubmit(async ({ passwordConfirmation: _confirmation, ...input }: T & { passwordConfirmation: string }) => {
    await send(input as unknown as T);
    setSentTo(input.email);
  });

  return (
    <PublicPage title={title}>
      {sentTo ? (
        <>
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate(sent, { email: sentTo })}
          </Alert>
          <Button component={Link} to="/login" variant="contained" fullWidth>
            {translate('app.register.back_to_login')}
          </Button>
        </>
      ) : (
        <Form onSubmit={(values: FieldValues) => submit(values as T & { passwordConfirmation: string })} noValidate disableInvalidFormNotification>
          {intro && (
            <Alert severity="info" sx={{ mb: 2 }}>
              {translate(intro)}
            </Alert>
          )}
          {failure && (
            <Alert severity="error" sx={{ mb: 2 }}>
              {translate(failure, { _: failure })}
            </Alert>
          )}
          {leading}
          <TextInput source="lastName" label="app.register.fields.lastName" autoComplete="family-name" validate={mandatory} />
          <TextInput source="firstName" label="app.register.fields.firstName" autoComplete="given-name" validate={mandatory} />
          <TextInput source="email" label="app.register.fields.email" type="email" autoComplete="email" validate={mandatory} />
          <PasswordInput source="password" label="app.register.fields.password" autoComplete="new-password" validate={mandatory} />
          <PasswordInput
            source="passwordConfirmation"
            label="app.register.fields.passwordConfirmation"
            autoComplete="new-password"
            validate={[mandatory, samePassword]}
          />
          {trailing}
          <SubmitButton label={submitLabel} />
          <Box sx={{ mt: 2, textAlign: 'center' }}>
            <Link to="/login">{translate('app.register.back_to_login')}</Link>
          </Box>
        </Form>
      )}
    </PublicPage>
  );
};
