import { Show, SimpleShowLayout, TextField } from 'react-admin';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import { JsonField } from '../common/JsonField';
import { AuditActionField, AuditTargetField, AuditTargetTypeField } from './AuditFields';

export const AuditEventShow = () => (
  <Show>
    <SimpleShowLayout>
      <DateTimeField source="at" />
      <TextField source="actorLabel" />
      <TextField source="actorId" />
      <AuditActionField source="action" />
      <AuditTargetTypeField source="targetType" />
      <AuditTargetField source="targetId" />
      <CompanyField source="companyId" />
      <JsonField source="before" />
      <JsonField source="after" />
    </SimpleShowLayout>
  </Show>
);
