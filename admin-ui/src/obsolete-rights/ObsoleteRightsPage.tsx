import { Alert, Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link, Title, useGetOne, useLocation, useTranslate } from 'react-admin';
import { useParams } from 'react-router';
import { obsoleteRightsPath } from '../paths';
import type { Company } from '../types';
import { CleanupButton } from './CleanupButton';
import { getObsoleteRights } from './obsoleteRightsCommands';
import { ObsoleteRightsTable } from './ObsoleteRightsTable';

/**
 * « Droits obsolètes » of a company: habilitations on closed establishments or
 * outside every portfolio, of radiated accounts, on services a portfolio no
 * longer has; removed in one confirmed step. `?siret=` narrows it to one
 * establishment (after closing it).
 */
export const ObsoleteRightsPage = () => {
  const translate = useTranslate();
  const { companyId = '' } = useParams();
  const siret = new URLSearchParams(useLocation().search).get('siret') ?? undefined;
  const { data: company } = useGetOne<Company>('companies', { id: companyId });
  const { data, error, isPending, refetch } = useQuery({
    queryKey: ['obsolete-rights', companyId, siret],
    queryFn: () => getObsoleteRights(companyId, siret),
  });

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="app.obsolete_rights.title" />
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h6">
            {translate('app.obsolete_rights.heading', { company: company?.legalName ?? '' })}
          </Typography>
          <Alert severity="info">{translate('app.obsolete_rights.help')}</Alert>
          {siret && (
            <Alert severity="info">
              {translate('app.obsolete_rights.for_siret', { siret })}{' '}
              <Link to={obsoleteRightsPath(companyId)}>{translate('app.obsolete_rights.whole_company')}</Link>
            </Alert>
          )}
          {isPending ? (
            <LinearProgress />
          ) : error ? (
            <Alert severity="error">{translate(error.message, { _: error.message })}</Alert>
          ) : (
            <>
              <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                <Typography>{translate('app.obsolete_rights.count', { smart_count: data.count })}</Typography>
                <CleanupButton companyId={companyId} siret={siret} count={data.count} reload={() => refetch()} />
              </Stack>
              {data.items.length > 0 && <ObsoleteRightsTable items={data.items} />}
            </>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};
