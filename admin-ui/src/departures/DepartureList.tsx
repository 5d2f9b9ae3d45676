import { Stack } from '@mui/material';
import { CreateButton, DataTable, List, NumberField, SearchInput, SelectArrayInput, TextField, TopToolbar, usePermissions } from 'react-admin';
import { CalendarDateField } from '../common/CalendarDateField';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { PENDING_FILTER, PendingTabs, PendingTabsNoResults, usePendingTab } from '../common/PendingTabs';
import { PersonField } from '../common/PersonField';
import { enumChoices } from '../enums';
import type { ConsoleRole } from '../types';
import { CancelDepartureButton, ChangeEffectiveDateButton } from './DepartureActions';
import { ENDED_DEPARTURE } from './departureRules';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={enumChoices('departureStatus')} />,
];

/** The pending tab shows the actions, the history what each departure transferred or revoked, and when. */
const DepartureTable = () => {
  const { permissions: role } = usePermissions<ConsoleRole | null>();
  const pending = usePendingTab();
  return (
    <DataTable rowClick="show" bulkActionButtons={false} empty={<PendingTabsNoResults historyStatuses={ENDED_DEPARTURE} />}>
      <DataTable.Col source="lastName" label="resources.departures.fields.leaver" field={PersonField} />
      {role === 'SUPPORT' && <DataTable.Col source="companyId" field={CompanyField} disableSort />}
      <DataTable.Col source="effectiveDate" field={CalendarDateField} />
      <DataTable.Col source="status">
        <EnumField source="status" enumName="departureStatus" />
      </DataTable.Col>
      <DataTable.Col source="rightsMode" disableSort>
        <EnumField source="rightsMode" enumName="departureRightsMode" />
      </DataTable.Col>
      <DataTable.Col source="toName" field={TextField} disableSort />
      {pending ? (
        <DataTable.Col label="app.processes.actions" disableSort>
          <Stack sx={{ alignItems: 'flex-start' }}>
            <ChangeEffectiveDateButton />
            <CancelDepartureButton />
          </Stack>
        </DataTable.Col>
      ) : (
        [
          <DataTable.Col key="transferred" source="transferred" field={NumberField} disableSort />,
          <DataTable.Col key="revoked" source="revoked" field={NumberField} disableSort />,
          <DataTable.Col key="completedAt" source="completedAt" field={DateTimeField} disableSort />,
        ]
      )}
    </DataTable>
  );
};

/** Pending departures (with their effective dates, to cancel or re-date) and the history, with what was transferred. */
export const DepartureList = () => (
  <List
    filters={filters}
    filterDefaultValues={PENDING_FILTER}
    sort={{ field: 'effectiveDate', order: 'ASC' }}
    actions={
      <TopToolbar>
        <CreateButton label="app.departures.create" />
      </TopToolbar>
    }
  >
    <PendingTabs historyStatuses={ENDED_DEPARTURE} />
    <DepartureTable />
  </List>
);
