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
import { linkProblem, LinkProblemView, type LinkProblem } from './LinkProblem';
import { resendRegistrationLinkByToken } from './registrationCommands';

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
 * account has none yet (a new declarant), then confirms once. A link that
 * cannot serve (used, replaced, expired, unknown) says why and what to do,
 * with the way to the login page. Another link opened in the same tab starts
 * afresh; so does « Réessayer » after a failure of the server.
 */
export const ConfirmPage = () => {
  const token = new URLSearchParams(useLocation().search).get('token');
  const [attempt, setAttempt] = useState(0);
  return <TokenConfirmation key={`${token}:${attempt}`} token={token} onRetry={() => setAttempt((n) => n + 1)} />;
};

const TokenConfirmation = ({ token, onRetry }: { token: string | null; onRetry: () => void }) => {
  const dataProvider = useDataProvider<BackOfficeDataProvider>();
  const translate = useTranslate();
  const link = useQuery({
    queryKey: ['confirmations', token],
    queryFn: () => dataProvider.getConfirmation(token!),
    enabled: token != null,
    retry: false,
    staleTime: Infinity,
  });
  const confirmation = useMutation({ mutationFn: (password?: string) => dataProvider.confirm(token!, password) });
  const resend = useMutation({ mutationFn: () => resendRegistrationLinkByToken(token!) });
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
    try {
      await mutateAsync(password);
    } catch (error) {
      return error instanceof HttpError ? error.body?.errors : undefined;
    }
  };

  /** A refusal naming fields stays on the password form; any other one means the link cannot serve. */
  const formError = info?.needsPassword && confirmation.error instanceof HttpError && confirmation.error.body?.errors ? confirmation.error : undefined;
  const failed = resend.error ?? (formError ? undefined : confirmation.error) ?? link.error;
  const problem: LinkProblem | undefined = !token ? { kind: 'missing' } : failed ? linkProblem(failed, info?.purpose) : undefined;
  const purpose = info?.purpose ?? problem?.purpose;

  return (
    <PublicPage title={purpose ? titles[purpose] : 'app.confirm.title_generic'}>
      {confirmation.data ? (
        <Confirmed confirmation={confirmation.data} />
      ) : problem ? (
        <LinkProblemView
          problem={problem}
          onResend={problem.purpose === 'REGISTRATION' ? () => resend.mutate() : undefined}
          resending={resend.isPending}
          resentUntil={resend.data?.tokenExpiresAt}
          onRetry={onRetry}
        />
      ) : !info ? (
        <Pending label="app.confirm.reading" />
      ) : info.needsPassword ? (
        <Form onSubmit={(values: FieldValues) => submit(values as PasswordValues)} noValidate disableInvalidFormNotification>
          <Stack spacing={2} sx={{ mb: 2 }}>
            {formError && <Alert severity="error">{translate(formError.message, { _: formError.message })}</Alert>}
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
        <Pending label="app.confirm.pending" />
      )}
    </PublicPage>
  );
};
