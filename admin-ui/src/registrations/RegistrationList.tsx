import { DataTable, List, SelectInput } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { enumChoices } from '../enums';

const filters = [
  <SelectInput key="workflowStatus" source="workflowStatus" choices={enumChoices('workflowStatus')} alwaysOn />,
];

export const RegistrationList = () => (
  <List filters={filters} sort={{ field: 'startedAt', order: 'DESC' }}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="legalName" />
      <DataTable.Col source="siren" />
      <DataTable.Col source="email" />
      <DataTable.Col source="workflowStatus">
        <EnumField source="workflowStatus" enumName="workflowStatus" />
      </DataTable.Col>
      <DataTable.Col source="phase">
        <EnumField source="phase" enumName="registrationPhase" />
      </DataTable.Col>
      <DataTable.Col source="startedAt" field={DateTimeField} />
      <DataTable.Col source="tokenExpiresAt" field={DateTimeField} />
    </DataTable>
  </List>
);
