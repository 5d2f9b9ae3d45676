import { useState } from 'react';
import { Alert, Box, Button } from '@mui/material';
import {
  Form,
  HttpError,
  Link,
  PasswordInput,
  TextInput,
  useDataProvider,
  useTranslate,
  type Validator,
} from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { SubmitButton } from '../common/SubmitButton';
import { mandatory } from '../common/validation';
import type { BackOfficeDataProvider } from '../dataProvider';
import { PublicPage } from '../layout/PublicPage';
import type { RegistrationInput } from '../types';

type RegistrationFormValues = RegistrationInput & { passwordConfirmation: string };

const samePassword: Validator = (value, values: RegistrationFormValues) =>
  value === values.password ? undefined : 'app.register.password_mismatch';

/** Public page: a company's first administrator registers it (SIREN, head office, his identity). */
export const RegisterPage = () => {
  const dataProvider = useDataProvider<BackOfficeDataProvider>();
  const translate = useTranslate();
  const [sentTo, setSentTo] = useState<string>();
  const [failure, setFailure] = useState<string>();

  /** The API's `{ message, errors? }`: the message above the form, each field error under its input. */
  const submit = async ({ passwordConfirmation: _confirmation, ...input }: RegistrationFormValues) => {
    setFailure(undefined);
    try {
      await dataProvider.registerCompany(input);
      setSentTo(input.email);
    } catch (error) {
      if (!(error instanceof HttpError)) {
        setFailure('ra.notification.http_error');
        return;
      }
      setFailure(error.message);
      return error.body?.errors;
    }
  };

  return (
    <PublicPage title="app.register.title">
      {sentTo ? (
        <>
          <Alert severity="success" sx={{ mb: 2 }}>
            {translate('app.register.sent', { email: sentTo })}
          </Alert>
          <Button component={Link} to="/login" variant="contained" fullWidth>
            {translate('app.register.back_to_login')}
          </Button>
        </>
      ) : (
        <Form onSubmit={(values: FieldValues) => submit(values as RegistrationFormValues)} noValidate disableInvalidFormNotification>
          {failure && (
            <Alert severity="error" sx={{ mb: 2 }}>
              {translate(failure, { _: failure })}
            </Alert>
          )}
          <TextInput source="siren" label="app.register.fields.siren" validate={mandatory} autoFocus />
          <TextInput source="siret" label="app.register.fields.siret" validate={mandatory} />
          <TextInput source="legalName" label="app.register.fields.legalName" autoComplete="organization" validate={mandatory} />
          <TextInput
            source="headOfficeAddress"
            label="app.register.fields.headOfficeAddress"
            autoComplete="street-address"
            multiline
            minRows={2}
            validate={mandatory}
          />
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
          <SubmitButton label="app.register.submit" />
          <Box sx={{ mt: 2, textAlign: 'center' }}>
            <Link to="/login">{translate('app.register.back_to_login')}</Link>
          </Box>
        </Form>
      )}
    </PublicPage>
  );
};
