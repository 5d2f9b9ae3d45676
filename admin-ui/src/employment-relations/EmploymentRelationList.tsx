import { DataTable, List, TextInput } from 'react-admin';
import { CalendarDateField } from '../common/CalendarDateField';

const filters = [
  <TextInput key="employerSiret" source="employerSiret" alwaysOn />,
  <TextInput key="employeeId" source="employeeId" alwaysOn />,
];

export const EmploymentRelationList = () => (
  <List filters={filters} sort={{ field: 'startDate', order: 'DESC' }}>
    <DataTable rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="employerSiret" />
      <DataTable.Col source="employeeId" />
      <DataTable.Col source="startDate" field={CalendarDateField} />
      <DataTable.Col source="endDate" field={CalendarDateField} />
    </DataTable>
  </List>
);
