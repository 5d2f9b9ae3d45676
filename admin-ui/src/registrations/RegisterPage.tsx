import { useState } from 'react';
import { Alert, Box, Button } from '@mui/material';
import {
  Form,
  Link,
  PasswordInput,
  TextInput,
  useDataProvider,
  useTranslate,
} from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { SubmitButton } from '../common/SubmitButton';
import { useServerSubmit } from '../common/useServerSubmit';
import { mandatory, samePassword } from '../common/validation';
import type { BackOfficeDataProvider } from '../dataProvider';
import { PublicPage } from '../layout/PublicPage';
import type { RegistrationInput } from '../types';

type RegistrationFormValues = RegistrationInput & { passwordConfirmation: string };

/** Public page: a company's first administrator registers it (SIREN, head office, his identity). */
export const RegisterPage = () => {
  const dataProvider = useDataProvider<BackOfficeDataProvider>();
  const translate = useTranslate();
  const [sentTo, setSentTo] = useState<string>();
  const { submit, failure } = useServerSubmit(
    async ({ passwordConfirmation: _confirmation, ...input }: RegistrationFormValues) => {
      await dataProvider.registerCompany(input);
      setSentTo(input.email);
    },
  );

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
