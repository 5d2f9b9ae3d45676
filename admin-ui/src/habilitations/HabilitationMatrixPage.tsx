import { Alert, Card, CardContent, Stack } from '@mui/material';
import {
  RecordContextProvider,
  Title,
  useGetOne,
  useLocation,
  useNavigate,
  useTranslate,
} from 'react-admin';
import { MATRIX_PATH, matrixPath } from '../paths';
import { PortfolioAdvice } from '../portfolios/PortfolioAdvice';
import type { Portfolio } from '../types';
import { MatrixGrid } from './MatrixGrid';
import { PortfolioPicker } from './PortfolioPicker';

/** "Matrice des habilitations": pick a portfolio (kept in the address, `?portfolioId=`), then tick. */
export const HabilitationMatrixPage = () => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const portfolioId = new URLSearchParams(useLocation().search).get('portfolioId');
  const { data: portfolio, error } = useGetOne<Portfolio>(
    'portfolios',
    { id: portfolioId ?? '' },
    { enabled: portfolioId != null },
  );
  const choose = (next: Portfolio | null) => navigate(next ? matrixPath(next.id) : MATRIX_PATH, { replace: true });
  const selected = portfolioId != null && portfolio?.id === portfolioId ? portfolio : null;

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="app.matrix.title" />
      <CardContent>
        <Stack spacing={2}>
          <PortfolioPicker value={selected} onChange={choose} />
          {error ? (
            <Alert severity="error">{translate(error.message, { _: error.message })}</Alert>
          ) : selected ? (
            <RecordContextProvider value={selected}>
              <PortfolioAdvice />
              <MatrixGrid key={selected.id} portfolio={selected} />
            </RecordContextProvider>
          ) : (
            <Alert severity="info">{translate('app.matrix.choose_portfolio')}</Alert>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};
