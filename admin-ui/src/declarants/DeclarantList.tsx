import { DataTable, List, ReferenceInput, SearchInput, SelectInput, usePermissions } from 'react-admin';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { enumChoices } from '../enums';
import type { Role } from '../types';

/** Declarants are declarants or administrators of a company, never support. */
const declarantRoleChoices = enumChoices('role').filter(({ id }) => id !== 'SUPPORT');

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('accountStatus')} />,
  <SelectInput key="role" source="role" choices={declarantRoleChoices} />,
];

const supportFilters = [
  ...filters,
  <ReferenceInput key="companyId" source="companyId" reference="companies" sort={{ field: 'legalName', order: 'ASC' }} />,
];

export const DeclarantList = () => {
  const { permissions: role } = usePermissions<Role>();
  return (
    <List filters={role === 'SUPPORT' ? supportFilters : filters} sort={{ field: 'lastName', order: 'ASC' }}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="siret" />
        <DataTable.Col source="lastName" />
        <DataTable.Col source="firstName" />
        <DataTable.Col source="email" />
        <DataTable.Col source="role">
          <EnumField source="role" enumName="role" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <EnumField source="status" enumName="accountStatus" />
        </DataTable.Col>
        <DataTable.Col source="emailConfirmedAt" field={DateTimeField} disableSort />
        {role === 'SUPPORT' && <DataTable.Col source="companyId" field={CompanyField} disableSort />}
      </DataTable>
    </List>
  );
};
