import { DataTable, List, ReferenceInput, SearchInput, SelectInput, usePermissions } from 'react-admin';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { enumChoices } from '../enums';
import type { Role } from '../types';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="companyId" source="companyId" reference="companies" />,
  <SelectInput key="role" source="role" choices={enumChoices('role')} />,
  <SelectInput key="status" source="status" choices={enumChoices('accountStatus')} />,
];

/** A declarant sees only his own account: no filters, no company column. */
export const AccountList = () => {
  const { permissions: role } = usePermissions<Role>();
  const declarant = role === 'DECLARANT';
  return (
    <List filters={declarant ? undefined : filters} sort={{ field: 'lastName', order: 'ASC' }}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="siret" />
        <DataTable.Col source="lastName" />
        <DataTable.Col source="firstName" />
        <DataTable.Col source="email" disableSort />
        <DataTable.Col source="role">
          <EnumField source="role" enumName="role" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <EnumField source="status" enumName="accountStatus" />
        </DataTable.Col>
        {!declarant && <DataTable.Col source="companyId" field={CompanyField} disableSort />}
        <DataTable.Col source="lastLoginAt" field={DateTimeField} />
      </DataTable>
    </List>
  );
};
