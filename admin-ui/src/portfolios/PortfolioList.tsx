import { DataTable, List, NumberField, ReferenceInput, SearchInput, SelectInput, usePermissions } from 'react-admin';
import { CompanyField } from '../common/CompanyField';
import { EnumField } from '../common/EnumField';
import { enumChoices } from '../enums';
import type { Role } from '../types';
import { ServiceCodesField } from './ServiceCodesField';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={enumChoices('portfolioKind')} />,
];

const supportFilters = [
  <ReferenceInput key="companyId" source="companyId" reference="companies" sort={{ field: 'legalName', order: 'ASC' }} />,
  ...filters,
];

export const PortfolioList = () => {
  const { permissions: role } = usePermissions<Role>();
  const support = role === 'SUPPORT';
  return (
    <List filters={support ? supportFilters : filters} sort={{ field: 'name', order: 'ASC' }}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="kind">
          <EnumField source="kind" enumName="portfolioKind" />
        </DataTable.Col>
        <DataTable.Col source="siretCount" field={NumberField} disableSort />
        <DataTable.Col source="serviceCodes" field={ServiceCodesField} disableSort />
        {support && <DataTable.Col source="companyId" field={CompanyField} disableSort />}
      </DataTable>
    </List>
  );
};
