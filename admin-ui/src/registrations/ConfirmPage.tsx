import { useEffect, useRef, useState } from 'react';
import { Alert, AlertTitle, Button, CircularProgress, Stack, Typography } from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Form,
  HttpError,
  Link,
  PasswordInput,
  useDataProvider,
  useLocation,
  useTranslate,
} from 'react-admin';
import type { FieldValues } from 'react-hook-form';
import { SubmitButton } from '../common/SubmitButton';
import { mandatory, samePassword } from '../common/validation';
import type { BackOfficeDataProvider } from '../dataProvider';
import { PublicPage } from '../layout/PublicPage';
import type { Confirmation, ConfirmationPurpose } from '../types';

interface PasswordValues {
  password: string;
  passwordConfirmation: string;
}

const titles: Record<ConfirmationPurpose, string> = {
  REGISTRATION: 'app.confirm.title',
  EMAIL_CONFIRMATION: 'app.confirm.title_email',
  CANDIDACY: 'app.confirm.title_candidacy',
  ARRIVAL: 'app.confirm.title_arrival',
};

const Pending = ({ label }: { label: string }) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
      <CircularProgress size={24} />
      <Typography>{translate(label)}</Typography>
    </Stack>
  );
};

/** The confirmed account's login triplet and the way to the login page. */
const Confirmed = ({ confirmation }: { confirmation: Confirmation }) => {
  const translate = useTranslate();
  const registration = confirmation.purpose === 'REGISTRATION';
  return (
    <Stack spacing={2}>
      <Alert severity="success">
        <AlertTitle>{translate(registration ? 'app.confirm.confirmed' : 'app.confirm.email_confirmed')}</AlertTitle>
        {translate(registration ? 'app.confirm.login_with' : 'app.confirm.login_with_email')}
      </Alert>
      <Typography component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, m: 0 }}>
        <dt>{translate('app.auth.siret')}</dt>
        <dd>{confirmation.siret}</dd>
        <dt>{translate('app.auth.lastName')}</dt>
        <dd>{confirmation.lastName}</dd>
        <dt>{translate('app.auth.firstName')}</dt>
        <dd>{confirmation.firstName}</dd>
      </Typography>
      <Button component={Link} to="/login" variant="contained" fullWidth>
        {translate('app.confirm.go_to_login')}
      </Button>
    </Stack>
  );
};

/**
 * Public page behind a mailed link (`#/confirm?token=…`), for a registration
 * or an e-mail address: reads what the link confirms, asks a password when the
 * account has none yet (a new declarant), then confirms once. Another link
 * opened in the same tab starts afresh.
 */
export const ConfirmPage = () => {
  const token = new URLSearchParams(useLocation().search).get('token');
  return <TokenConfirmation key={token} token={token} />;
};

const TokenConfirmation = ({ token }: { token: string | null }) => {
  const dataProvider = useDataProvider<BackOfficeDataProvider>();
  const translate = useTranslate();
  const [failure, setFailure] = useState<string>();
  const link = useQuery({
    queryKey: ['confirmations', token],
    queryFn: () => dataProvider.getConfirmation(token!),
    enabled: token != null,
    retry: false,
    staleTime: Infinity,
  });
  const confirmation = useMutation({
    mutationFn: (password?: string) => dataProvider.confirm(token!, password),
    onError: (error) => setFailure(error.message),
  });
  const { mutate, mutateAsync } = confirmation;
  const requested = useRef(false);
  const info = link.data;

  useEffect(() => {
    if (!info || info.needsPassword || requested.current) return;
    requested.current = true;
    mutate(undefined);
  }, [info, mutate]);

  /** The API's `{ message, errors? }`: the message above the form, the password's error under it. */
  const submit = async ({ password }: PasswordValues) => {
    setFailure(undefined);
    try {
      await mutateAsync(password);
    } catch (error) {
      return error instanceof HttpError ? error.body?.errors : undefined;
    }
  };

  const error = token ? (link.error?.message ?? failure) : 'app.confirm.missing_token';
  const errorAlert = error && <Alert severity="error">{translate(error, { _: error })}</Alert>;

  return (
    <PublicPage title={info ? titles[info.purpose] : 'app.confirm.title_generic'}>
      {confirmation.data ? (
        <Confirmed confirmation={confirmation.data} />
      ) : !info ? (
        (errorAlert ?? <Pending label="app.confirm.reading" />)
      ) : info.needsPassword ? (
        <Form onSubmit={(values: FieldValues) => submit(values as PasswordValues)} noValidate disableInvalidFormNotification>
          <Stack spacing={2} sx={{ mb: 2 }}>
            {errorAlert}
            <Typography>
              {translate('app.confirm.choose_password', {
                firstName: info.firstName,
                lastName: info.lastName,
                siret: info.siret,
              })}
            </Typography>
          </Stack>
          <PasswordInput
            source="password"
            label="app.register.fields.password"
            autoComplete="new-password"
            helperText="app.confirm.password_rules"
            validate={mandatory}
            autoFocus
          />
          <PasswordInput
            source="passwordConfirmation"
            label="app.register.fields.passwordConfirmation"
            autoComplete="new-password"
            validate={[mandatory, samePassword]}
          />
          <SubmitButton label="app.confirm.submit" />
        </Form>
      ) : (
        (errorAlert ?? <Pending label="app.confirm.pending" />)
      )}
    </PublicPage>
  );
};
