import { useEffect, useRef } from 'react';
import { Alert, AlertTitle, Button, CircularProgress, Stack, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { Link, useDataProvider, useLocation, useTranslate } from 'react-admin';
import type { BackOfficeDataProvider } from '../dataProvider';
import { PublicPage } from '../layout/PublicPage';

/** Public page behind the mail's link (`#/confirm?token=…`): confirms the registration once. */
export const ConfirmPage = () => {
  const dataProvider = useDataProvider<BackOfficeDataProvider>();
  const translate = useTranslate();
  const token = new URLSearchParams(useLocation().search).get('token');
  const confirmation = useMutation({
    mutationFn: (token: string) => dataProvider.confirmRegistration(token),
  });
  const { mutate } = confirmation;
  const requested = useRef(false);

  useEffect(() => {
    if (!token || requested.current) return;
    requested.current = true;
    mutate(token);
  }, [mutate, token]);

  const failure = token ? confirmation.error?.message : 'app.confirm.missing_token';
  const confirmed = confirmation.data;

  return (
    <PublicPage title="app.confirm.title">
      {failure ? (
        <Alert severity="error">{translate(failure, { _: failure })}</Alert>
      ) : confirmed ? (
        <Stack spacing={2}>
          <Alert severity="success">
            <AlertTitle>{translate('app.confirm.confirmed')}</AlertTitle>
            {translate('app.confirm.login_with')}
          </Alert>
          <Typography component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, m: 0 }}>
            <dt>{translate('app.auth.siret')}</dt>
            <dd>{confirmed.siret}</dd>
            <dt>{translate('app.auth.lastName')}</dt>
            <dd>{confirmed.lastName}</dd>
            <dt>{translate('app.auth.firstName')}</dt>
            <dd>{confirmed.firstName}</dd>
          </Typography>
          <Button component={Link} to="/login" variant="contained" fullWidth>
            {translate('app.confirm.go_to_login')}
          </Button>
        </Stack>
      ) : (
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
          <CircularProgress size={24} />
          <Typography>{translate('app.confirm.pending')}</Typography>
        </Stack>
      )}
    </PublicPage>
  );
};
