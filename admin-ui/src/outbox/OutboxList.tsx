import { DataTable, List, NumberField, SearchInput, SelectInput } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { enumChoices } from '../enums';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('mailStatus')} />,
];

export const OutboxList = () => (
  <List filters={filters} sort={{ field: 'createdAt', order: 'DESC' }}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="createdAt" field={DateTimeField} />
      <DataTable.Col source="to" />
      <DataTable.Col source="subject" disableSort />
      <DataTable.Col source="status">
        <EnumField source="status" enumName="mailStatus" />
      </DataTable.Col>
      <DataTable.Col source="attempts" field={NumberField} disableSort />
      <DataTable.Col source="sentAt" field={DateTimeField} />
    </DataTable>
  </List>
);
