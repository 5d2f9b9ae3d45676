import { DataTable, List } from 'react-admin';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import { AuditActionField, AuditTargetField, AuditTargetTypeField } from './AuditFields';

export const AuditEventList = () => (
  <List sort={{ field: 'at', order: 'DESC' }}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="at" field={DateTimeField} />
      <DataTable.Col source="actorLabel" disableSort />
      <DataTable.Col source="action" field={AuditActionField} />
      <DataTable.Col source="targetType" field={AuditTargetTypeField} />
      <DataTable.Col source="targetId" field={AuditTargetField} disableSort />
      <DataTable.Col source="companyId" field={CompanyField} disableSort />
    </DataTable>
  </List>
);
