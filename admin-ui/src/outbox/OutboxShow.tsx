import { NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { LinksField } from './LinksField';

export const OutboxShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="to" />
      <TextField source="subject" />
      <EnumField source="status" enumName="mailStatus" />
      <NumberField source="attempts" />
      <TextField source="lastError" />
      <DateTimeField source="createdAt" />
      <DateTimeField source="sentAt" />
      <TextField source="text" sx={{ whiteSpace: 'pre-wrap' }} />
      <LinksField source="links" />
    </SimpleShowLayout>
  </Show>
);
