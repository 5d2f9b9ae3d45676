import { DataTable, List } from 'react-admin';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';

export const AuditEventList = () => (
  <List sort={{ field: 'at', order: 'DESC' }}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="at" field={DateTimeField} />
      <DataTable.Col source="actorLabel" />
      <DataTable.Col source="action" />
      <DataTable.Col source="targetType" />
      <DataTable.Col source="targetId" />
      <DataTable.Col source="companyId" field={CompanyField} />
    </DataTable>
  </List>
);
