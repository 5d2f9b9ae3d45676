import { Alert, AlertTitle, Box, LinearProgress, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useState } from 'react';
import { Link, Title, useGetList, useTranslate } from 'react-admin';
import { MarkCheckDoneButton } from './MarkCheckDoneButton';
import { PreventionCheckDetails } from './PreventionCheckDetails';
import { usePreventionErrorText } from './preventionErrors';
import type { PreventionCheck } from './types';

/** The company's checks, newest year first: the page opens on the latest. */
const LATEST = { pagination: { page: 1, perPage: 10 }, sort: { field: 'year', order: 'DESC' as const } };

/** Before the first check of the company: what it will be, and where its lines to verify are meanwhile. */
const NoCheck = () => {
  const translate = useTranslate();
  return (
    <Alert severity="info">
      <AlertTitle>{translate('app.prevention.check.none_title')}</AlertTitle>
      {translate('app.prevention.check.none')} <Link to="/prevention-learners">{translate('app.prevention.menu.to_verify')}</Link>
    </Alert>
  );
};

/**
 * « Prévention — vérification annuelle » (an administrator; « Mes tâches »
 * and the reminder mail open it): his company's latest yearly check — who
 * has no declaration this year, who has, the lines still to verify — and
 * « Vérification faite ». Earlier years' checks one click away.
 */
export const PreventionCheckPage = () => {
  const translate = useTranslate();
  const errorText = usePreventionErrorText();
  const { data: checks = [], isPending, error } = useGetList<PreventionCheck>('prevention-checks', LATEST);
  const [year, setYear] = useState<number | null>(null);
  const check = checks.find((c) => c.year === year) ?? checks[0];
  return (
    <Box sx={{ mt: 2, mb: 4 }}>
      <Title title="app.prevention.check.title" />
      {isPending ? (
        <LinearProgress />
      ) : error ? (
        <Alert severity="error" role="alert">
          {errorText(error)}
        </Alert>
      ) : !check ? (
        <NoCheck />
      ) : (
        <PreventionCheckDetails
          check={check}
          forEmployer
          actions={<MarkCheckDoneButton check={check} />}
          heading={
            checks.length > 1 && (
              <ToggleButtonGroup
                size="small"
                exclusive
                value={check.year}
                onChange={(_event, value: number | null) => value !== null && setYear(value)}
                aria-label={translate('app.prevention.check.years')}
              >
                {checks.map((c) => (
                  <ToggleButton key={c.id} value={c.year}>
                    {c.year}
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
            )
          }
        />
      )}
    </Box>
  );
};
