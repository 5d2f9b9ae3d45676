import { Table, TableBody } from '@mui/material';
import { useGetList, useGetOne, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { useCalendarDateFormat } from '../common/calendarDate';
import { personName } from '../common/personName';
import { SummaryLine } from '../common/SummaryLine';
import type { Declarant, Habilitation } from '../types';
import type { DepartureFormValues } from './departureForm';

/** The last step: who leaves when, and where his habilitations go. */
export const DepartureSummary = () => {
  const translate = useTranslate();
  const calendarDate = useCalendarDateFormat();
  const values = useWatch() as DepartureFormValues;
  const { rights } = values;
  const { data: leaver } = useGetOne<Declarant>('declarants', { id: values.accountId });
  const { data: target } = useGetOne<Declarant>(
    'declarants',
    { id: rights.toAccountId ?? '' },
    { enabled: rights.mode === 'TRANSFER' && rights.toAccountId != null },
  );
  const { total } = useGetList<Habilitation>('habilitations', {
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'createdAt', order: 'ASC' },
    filter: { accountId: values.accountId },
  });
  const newcomer = rights.arrival;
  return (
    <Table size="small">
      <TableBody>
        <SummaryLine label="resources.departures.fields.accountId" value={leaver ? `${personName(leaver)} (${leaver.siret})` : undefined} />
        <SummaryLine label="resources.departures.fields.effectiveDate" value={values.effectiveDate && calendarDate(values.effectiveDate)} />
        <SummaryLine label="app.departures.rights_held" value={total != null ? String(total) : undefined} />
        <SummaryLine label="resources.departures.fields.rightsMode" value={translate(`app.enums.departureRightsMode.${rights.mode}`)} />
        {rights.mode === 'TRANSFER' && (
          <SummaryLine label="resources.departures.fields.toAccountId" value={target ? `${personName(target)} (${target.siret})` : undefined} />
        )}
        {rights.mode === 'TRANSFER_NEW' && newcomer && (
          <SummaryLine label="app.departures.newcomer" value={`${personName(newcomer)} (${newcomer.siret}) — ${newcomer.email}`} />
        )}
      </TableBody>
    </Table>
  );
};
