import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  CardContent,
  CardHeader,
  Chip,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import type { BackOfficeDataProvider } from '../dataProvider';
import { enums, toneOf } from '../enums';
import type { ServiceAccess } from '../types';

const FIRST_ROWS = 20;

/** One service: its SIRETs with the basis of each; long lists open on demand. */
const ServiceAccessCard = ({ access }: { access: ServiceAccess }) => {
  const translate = useTranslate();
  const [all, setAll] = useState(false);
  const shown = all ? access.sirets : access.sirets.slice(0, FIRST_ROWS);
  return (
    <Card variant="outlined">
      <CardHeader
        title={access.label}
        subheader={access.serviceCode}
        action={<Chip size="small" color={toneOf(access.accessMode)} label={translate(`app.enums.accessMode.${access.accessMode}`)} />}
        slotProps={{ title: { variant: 'h6', component: 'h2' } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {access.sirets.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('app.my_access.no_siret')}
          </Typography>
        ) : (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('app.my_access.siret')}</TableCell>
                <TableCell>{translate('app.my_access.basis')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map(({ siret, basis }) => (
                <TableRow key={`${siret}|${basis}`}>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{siret}</TableCell>
                  <TableCell>
                    <Chip size="small" color={toneOf(basis)} label={translate(`app.enums.accessBasis.${basis}`, { _: basis })} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {shown.length < access.sirets.length && (
          <Button size="small" sx={{ mt: 1 }} onClick={() => setAll(true)}>
            {translate('app.my_access.show_all', { count: access.sirets.length })}
          </Button>
        )}
      </CardContent>
    </Card>
  );
};

/** "Mes droits": per service, the SIRETs the signed-in user may act for and why (`GET /api/me/access`). */
export const MyAccessPage = () => {
  const dataProvider = useDataProvider<BackOfficeDataProvider>();
  const translate = useTranslate();
  const { data, isPending, error } = useQuery({ queryKey: ['me', 'access'], queryFn: () => dataProvider.getMyAccess() });
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="app.my_access.title" />
      <Alert severity="info">
        {translate('app.my_access.intro')}
        <Stack component="ul" sx={{ m: 0, mt: 1, pl: 2 }}>
          {enums.accessBasis.map((basis) => (
            <li key={basis}>
              <strong>{translate(`app.enums.accessBasis.${basis}`)}</strong> — {translate(`app.my_access.basis_help.${basis}`)}
            </li>
          ))}
        </Stack>
      </Alert>
      {isPending ? (
        <LinearProgress />
      ) : error ? (
        <Alert severity="error">{translate(error.message, { _: error.message })}</Alert>
      ) : data.length === 0 ? (
        <Alert severity="warning">{translate('app.my_access.nothing')}</Alert>
      ) : (
        data.map((access) => <ServiceAccessCard key={access.serviceCode} access={access} />)
      )}
    </Stack>
  );
};
