import { BooleanField, DataTable, List, NullableBooleanInput, SearchInput, SelectInput, usePermissions } from 'react-admin';
import { EnumField } from '../common/EnumField';
import { enumChoices } from '../enums';
import type { Role } from '../types';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="accessMode" source="accessMode" choices={enumChoices('accessMode')} />,
  <NullableBooleanInput key="active" source="active" />,
];

export const ServiceList = () => {
  const { permissions: role } = usePermissions<Role>();
  return (
    <List filters={filters} sort={{ field: 'code', order: 'ASC' }} pagination={false} perPage={100}>
      <DataTable rowClick={role === 'SUPPORT' ? 'edit' : false} bulkActionButtons={false}>
        <DataTable.Col source="code" />
        <DataTable.Col source="label" />
        <DataTable.Col source="accessMode">
          <EnumField source="accessMode" enumName="accessMode" />
        </DataTable.Col>
        <DataTable.Col source="checkDeclaringSiret" field={BooleanField} disableSort />
        <DataTable.Col source="checkEmployees" field={BooleanField} disableSort />
        <DataTable.Col source="active" field={BooleanField} />
      </DataTable>
    </List>
  );
};
