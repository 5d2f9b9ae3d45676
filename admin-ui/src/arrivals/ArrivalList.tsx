import { Stack } from '@mui/material';
import { CreateButton, DataTable, List, SearchInput, SelectArrayInput, TopToolbar, usePermissions } from 'react-admin';
import { CalendarDateField } from '../common/CalendarDateField';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { PENDING_FILTER, PendingTabs, PendingTabsNoResults, usePendingTab } from '../common/PendingTabs';
import { PersonField } from '../common/PersonField';
import { enumChoices } from '../enums';
import type { ConsoleRole } from '../types';
import { CancelArrivalButton, ChangeStartDateButton } from './ArrivalActions';
import { ENDED_ARRIVAL } from './arrivalRules';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={enumChoices('arrivalStatus')} />,
];

/** The pending tab shows the actions, the history when each arrival ended. */
const ArrivalTable = () => {
  const { permissions: role } = usePermissions<ConsoleRole | null>();
  const pending = usePendingTab();
  return (
    <DataTable rowClick="show" bulkActionButtons={false} empty={<PendingTabsNoResults historyStatuses={ENDED_ARRIVAL} />}>
      <DataTable.Col source="lastName" label="resources.arrivals.fields.collaborator" field={PersonField} />
      <DataTable.Col source="siret" disableSort />
      {role === 'SUPPORT' && <DataTable.Col source="companyId" field={CompanyField} disableSort />}
      <DataTable.Col source="role" disableSort>
        <EnumField source="role" enumName="arrivalRole" />
      </DataTable.Col>
      <DataTable.Col source="startDate" field={CalendarDateField} />
      <DataTable.Col source="status">
        <EnumField source="status" enumName="arrivalStatus" />
      </DataTable.Col>
      <DataTable.Col source="rightsMode" disableSort>
        <EnumField source="rightsMode" enumName="arrivalRightsMode" />
      </DataTable.Col>
      {pending ? (
        <DataTable.Col label="app.processes.actions" disableSort>
          <Stack sx={{ alignItems: 'flex-start' }}>
            <ChangeStartDateButton />
            <CancelArrivalButton />
          </Stack>
        </DataTable.Col>
      ) : (
        <DataTable.Col source="completedAt" field={DateTimeField} disableSort />
      )}
    </DataTable>
  );
};

/** Pending arrivals (with their start dates, to cancel or re-date) and the history of the others. */
export const ArrivalList = () => (
  <List
    filters={filters}
    filterDefaultValues={PENDING_FILTER}
    sort={{ field: 'startDate', order: 'ASC' }}
    actions={
      <TopToolbar>
        <CreateButton label="app.arrivals.create" />
      </TopToolbar>
    }
  >
    <PendingTabs historyStatuses={ENDED_ARRIVAL} />
    <ArrivalTable />
  </List>
);
