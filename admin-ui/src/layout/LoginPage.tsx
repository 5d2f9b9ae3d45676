import { Box, CardContent } from '@mui/material';
import { Form, Link, Login, PasswordInput, TextInput, useLogin, useNotify, useTranslate } from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { SubmitButton } from '../common/SubmitButton';
import { mandatory } from '../common/validation';
import { CANDIDACY_APPLY_PATH } from '../paths';
import { LanguageMenu } from './LanguageMenu';

interface Credentials {
  siret: string;
  lastName: string;
  firstName: string;
  password: string;
}

/** Login with the digital identity triplet (SIRET, last name, first name) and a password. */
export const LoginPage = () => {
  const login = useLogin();
  const notify = useNotify();
  const translate = useTranslate();

  const submit = async (credentials: Credentials) => {
    try {
      await login(credentials);
    } catch (error) {
      const message = error instanceof Error ? error.message : 'ra.auth.sign_in_error';
      notify(message, { type: 'error', messageArgs: { _: message } });
    }
  };

  return (
    <Login>
      <LanguageMenu />
      <Form onSubmit={(values: FieldValues) => submit(values as Credentials)} noValidate>
        <CardContent sx={{ width: 320 }}>
          <TextInput source="siret" label="app.auth.siret" autoComplete="username" validate={mandatory} autoFocus />
          <TextInput source="lastName" label="app.auth.lastName" autoComplete="family-name" validate={mandatory} />
          <TextInput source="firstName" label="app.auth.firstName" autoComplete="given-name" validate={mandatory} />
          <PasswordInput
            source="password"
            label="app.auth.password"
            autoComplete="current-password"
            validate={mandatory}
          />
          <SubmitButton label="app.auth.sign_in" />
          <Box sx={{ mt: 2, textAlign: 'center' }}>
            <Link to="/register">{translate('app.auth.register_company')}</Link>
          </Box>
          <Box sx={{ mt: 1, textAlign: 'center' }}>
            <Link to={CANDIDACY_APPLY_PATH}>{translate('app.auth.apply_administrator')}</Link>
          </Box>
        </CardContent>
      </Form>
    </Login>
  );
};
