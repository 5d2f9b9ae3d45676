import { Alert, Stack } from '@mui/material';
import { Link, useCreatePath, useGetList, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { useCalendarDateFormat } from '../common/calendarDate';
import type { Account, Arrival, ConsoleRole, Departure } from '../types';

const FIRST = { pagination: { page: 1, perPage: 1 }, sort: { field: 'createdAt', order: 'DESC' as const } };

/** On an account's page (staff): the arrival or departure still running for it, linked to its page. */
export const RunningArrivalDeparture = () => {
  const account = useRecordContext<Account>();
  const { permissions: role } = usePermissions<ConsoleRole | null>();
  const staff = role === 'SUPPORT' || role === 'ADMINISTRATOR';
  const translate = useTranslate();
  const createPath = useCreatePath();
  const calendarDate = useCalendarDateFormat();
  const filter = { accountId: account?.id, pending: true };
  const enabled = staff && account != null;
  const { data: arrivals } = useGetList<Arrival>('arrivals', { ...FIRST, filter }, { enabled });
  const { data: departures } = useGetList<Departure>('departures', { ...FIRST, filter }, { enabled });
  const arrival = arrivals?.[0];
  const departure = departures?.[0];
  if (!arrival && !departure) return null;
  return (
    <Stack spacing={1} sx={{ mb: 1 }}>
      {arrival && (
        <Alert severity="info">
          {translate('app.arrivals.running', {
            date: calendarDate(arrival.startDate),
            status: translate(`app.enums.arrivalStatus.${arrival.status}`),
          })}{' '}
          <Link to={createPath({ resource: 'arrivals', type: 'show', id: arrival.id })}>{translate('app.processes.open')}</Link>
        </Alert>
      )}
      {departure && (
        <Alert severity="warning">
          {translate('app.departures.running', {
            date: calendarDate(departure.effectiveDate),
            status: translate(`app.enums.departureStatus.${departure.status}`),
          })}{' '}
          <Link to={createPath({ resource: 'departures', type: 'show', id: departure.id })}>{translate('app.processes.open')}</Link>
        </Alert>
      )}
    </Stack>
  );
};
