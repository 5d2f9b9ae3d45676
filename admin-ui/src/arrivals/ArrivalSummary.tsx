import { Stack, Table, TableBody, Typography } from '@mui/material';
import { useGetOne, useTranslate, type Identifier } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { useCalendarDateFormat } from '../common/calendarDate';
import { personName } from '../common/personName';
import { RightsTable } from '../common/RightsTable';
import { SummaryLine } from '../common/SummaryLine';
import { useCompanyPortfolios } from '../portfolios/useCompanyPortfolios';
import type { Declarant } from '../types';
import type { ArrivalFormValues } from './arrivalForm';

/** The last step: what will be created, and which rights the newcomer will get once he confirms his e-mail. */
export const ArrivalSummary = ({ companyId }: { companyId?: Identifier }) => {
  const translate = useTranslate();
  const calendarDate = useCalendarDateFormat();
  const values = useWatch() as ArrivalFormValues;
  const { rights } = values;
  const { byId } = useCompanyPortfolios(companyId);
  const { data: source } = useGetOne<Declarant>(
    'declarants',
    { id: rights.fromAccountId ?? '' },
    { enabled: rights.mode === 'COPY' && rights.fromAccountId != null },
  );
  const portfolioNames = (rights.portfolioIds ?? []).map((id) => byId.get(String(id))?.name ?? String(id)).join(', ');
  const items = (rights.items ?? []).map((item) => ({ ...item, portfolioName: byId.get(String(item.portfolioId))?.name }));

  return (
    <Stack spacing={2}>
      <Table size="small">
        <TableBody>
          <SummaryLine label="resources.arrivals.fields.lastName" value={values.lastName} />
          <SummaryLine label="resources.arrivals.fields.firstName" value={values.firstName} />
          <SummaryLine label="resources.arrivals.fields.email" value={values.email} />
          <SummaryLine label="resources.arrivals.fields.siret" value={values.siret} />
          <SummaryLine label="resources.arrivals.fields.startDate" value={values.startDate && calendarDate(values.startDate)} />
          <SummaryLine label="resources.arrivals.fields.role" value={translate(`app.enums.arrivalRole.${values.role}`)} />
          <SummaryLine
            label="resources.arrivals.fields.rightsMode"
            value={translate(`app.enums.arrivalRightsMode.${rights.mode}`)}
          />
          {rights.mode === 'COPY' && (
            <>
              <SummaryLine label="resources.arrivals.fields.fromAccountId" value={source ? personName(source) : undefined} />
              <SummaryLine label="resources.arrivals.fields.portfolioIds" value={portfolioNames} />
            </>
          )}
        </TableBody>
      </Table>
      {rights.mode === 'LIST' && <RightsTable rights={items} empty="app.arrivals.no_rights" />}
      <Typography variant="body2" color="text.secondary">
        {translate('app.arrivals.summary_help')}
      </Typography>
    </Stack>
  );
};
