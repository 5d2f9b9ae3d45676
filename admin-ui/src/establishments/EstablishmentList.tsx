import { BooleanField, DataTable, List, ReferenceInput, SearchInput, SelectInput } from 'react-admin';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { enumChoices } from '../enums';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="companyId" source="companyId" reference="companies" />,
  <SelectInput key="status" source="status" choices={enumChoices('establishmentStatus')} />,
];

export const EstablishmentList = () => (
  <List filters={filters} sort={{ field: 'siret', order: 'ASC' }}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="siret" />
      <DataTable.Col source="name" />
      <DataTable.Col source="companyId" field={CompanyField} disableSort />
      <DataTable.Col source="headOffice" field={BooleanField} disableSort />
      <DataTable.Col source="status">
        <EnumField source="status" enumName="establishmentStatus" />
      </DataTable.Col>
      <DataTable.Col source="createdAt" field={DateTimeField} />
    </DataTable>
  </List>
);
