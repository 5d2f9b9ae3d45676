import { Show, SimpleShowLayout, TextField } from 'react-admin';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import { JsonField } from '../common/JsonField';

export const AuditEventShow = () => (
  <Show>
    <SimpleShowLayout>
      <DateTimeField source="at" />
      <TextField source="actorLabel" />
      <TextField source="actorId" />
      <TextField source="action" />
      <TextField source="targetType" />
      <TextField source="targetId" />
      <CompanyField source="companyId" />
      <JsonField source="before" />
      <JsonField source="after" />
    </SimpleShowLayout>
  </Show>
);
