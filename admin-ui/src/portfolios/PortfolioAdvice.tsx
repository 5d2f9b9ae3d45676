import { Alert, AlertTitle } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Portfolio } from '../types';

/** DOMAIN.md's advice above 100 SIRETs, as the API words it: shown, never enforced. */
export const PortfolioAdvice = () => {
  const portfolio = useRecordContext<Portfolio>();
  const translate = useTranslate();
  if (!portfolio?.advice) return null;
  return (
    <Alert severity="warning">
      <AlertTitle>{translate('app.portfolios.advice_title')}</AlertTitle>
      {portfolio.advice}
    </Alert>
  );
};
