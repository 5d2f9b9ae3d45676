import { DataTable, List, SearchInput, SelectInput } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { enumChoices } from '../enums';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('companyStatus')} />,
];

export const CompanyList = () => (
  <List filters={filters} sort={{ field: 'legalName', order: 'ASC' }}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="siren" />
      <DataTable.Col source="legalName" />
      <DataTable.Col source="status">
        <EnumField source="status" enumName="companyStatus" />
      </DataTable.Col>
      <DataTable.Col source="createdAt" field={DateTimeField} />
    </DataTable>
  </List>
);
