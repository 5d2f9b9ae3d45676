import { DataTable, List, ReferenceField, TextInput } from 'react-admin';
import { CalendarDateField } from '../common/CalendarDateField';
import { DateTimeField } from '../common/DateTimeField';

const filters = [
  <TextInput key="declaredSiret" source="declaredSiret" alwaysOn />,
  <TextInput key="declaringSiret" source="declaringSiret" alwaysOn />,
];

const PeriodField = () => <CalendarDateField source="period" options={{ year: 'numeric', month: 'long' }} />;

const DeclaringAccountField = () => (
  <ReferenceField source="declaringAccountId" reference="accounts" link={false} emptyText="—" />
);

export const DsnLinkList = () => (
  <List filters={filters} sort={{ field: 'filedAt', order: 'DESC' }}>
    <DataTable rowClick={false} bulkActionButtons={false}>
      <DataTable.Col source="declaredSiret" />
      <DataTable.Col source="declaringSiret" />
      <DataTable.Col source="period" field={PeriodField} />
      <DataTable.Col source="filedAt" field={DateTimeField} />
      <DataTable.Col source="declaringAccountId" field={DeclaringAccountField} disableSort />
    </DataTable>
  </List>
);
