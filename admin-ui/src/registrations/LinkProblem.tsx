import { Alert, AlertTitle, Box, Button, Stack, Typography, type AlertColor } from '@mui/material';
import { HttpError, Link, useLocaleState, useTranslate } from 'react-admin';
import type { ConfirmationPurpose } from '../types';

/** Why a confirmation link cannot serve, as the confirm page explains it. */
export type LinkProblemKind = 'used' | 'confirmed' | 'superseded' | 'expired' | 'unknown' | 'missing' | 'closed' | 'unavailable';

export interface LinkProblem {
  kind: LinkProblemKind;
  /** What the link was for, when the API named it. */
  purpose?: ConfirmationPurpose;
}

/** The API's codes for a link that cannot serve; any other refusal is `closed`, a server or network failure `unavailable`. */
const BY_CODE: Record<string, LinkProblemKind> = {
  'REGISTRATION.TOKEN_USED': 'used',
  'REGISTRATION.ALREADY_CONFIRMED': 'confirmed',
  'ACCOUNT.ALREADY_CONFIRMED': 'confirmed',
  'REGISTRATION.TOKEN_SUPERSEDED': 'superseded',
  'REGISTRATION.TOKEN_EXPIRED': 'expired',
  'ACCOUNT.EXPIRED': 'expired',
  'REGISTRATION.TOKEN_INVALID': 'unknown',
  'VALIDATION.FAILED': 'unknown',
};

/** The problem behind a failed call of the confirm page (`{ code, purpose? }` answers). */
export function linkProblem(error: unknown, purpose?: ConfirmationPurpose): LinkProblem {
  const status = error instanceof HttpError ? error.status : 0;
  const body = error instanceof HttpError ? (error.body as { code?: string; purpose?: ConfirmationPurpose } | undefined) : undefined;
  const known = body?.code ? BY_CODE[body.code] : undefined;
  const kind = known ?? (status === 0 || status === 429 || status >= 500 ? 'unavailable' : 'closed');
  return { kind, purpose: purpose ?? body?.purpose };
}

const SEVERITY: Record<LinkProblemKind, AlertColor> = {
  used: 'info',
  confirmed: 'info',
  superseded: 'warning',
  expired: 'warning',
  unknown: 'error',
  missing: 'error',
  closed: 'error',
  unavailable: 'error',
};

/** Who sends a new link, per kind of link. */
const NEW_LINK: Record<ConfirmationPurpose, string> = {
  REGISTRATION: 'app.confirm.new_link.registration',
  EMAIL_CONFIRMATION: 'app.confirm.new_link.email',
  CANDIDACY: 'app.confirm.new_link.candidacy',
  ARRIVAL: 'app.confirm.new_link.arrival',
};

export interface LinkProblemViewProps {
  problem: LinkProblem;
  /** Offered for an expired or replaced registration link: mails a new one. */
  onResend?: () => void;
  resending?: boolean;
  /** When the new link stops working (ISO), once it is sent. */
  resentUntil?: string;
  onRetry: () => void;
}

/** What happened to the link, what to do now, and the way on: always the login page. */
export const LinkProblemView = ({ problem, onResend, resending, resentUntil, onRetry }: LinkProblemViewProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { kind, purpose } = problem;
  const stale = kind === 'expired' || kind === 'superseded';
  return (
    <Stack spacing={2}>
      <Alert severity={SEVERITY[kind]}>
        <AlertTitle>{translate(`app.confirm.problem.${kind}.title`)}</AlertTitle>
        {translate(`app.confirm.problem.${kind}.text`)}
      </Alert>
      {stale && purpose && !resentUntil && <Typography>{translate(NEW_LINK[purpose])}</Typography>}
      {resentUntil ? (
        <Alert severity="success">
          {translate('app.confirm.resent', {
            date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(resentUntil)),
          })}
        </Alert>
      ) : (
        stale &&
        onResend && (
          <Button variant="outlined" fullWidth onClick={onResend} loading={resending}>
            {translate('app.confirm.resend')}
          </Button>
        )
      )}
      {kind === 'unavailable' && (
        <Button variant="outlined" fullWidth onClick={onRetry}>
          {translate('app.confirm.retry')}
        </Button>
      )}
      <Button component={Link} to="/login" variant="contained" fullWidth>
        {translate('app.confirm.go_to_login')}
      </Button>
      {(kind === 'unknown' || kind === 'missing') && (
        <Box sx={{ textAlign: 'center' }}>
          <Link to="/register">{translate('app.auth.register_company')}</Link>
        </Box>
      )}
    </Stack>
  );
};
