import { BooleanField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { CloseEstablishmentButton } from './CloseEstablishmentButton';

export const EstablishmentShow = () => (
  <Show
    actions={
      <TopToolbar>
        <CloseEstablishmentButton />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="siret" />
      <TextField source="name" />
      <CompanyField source="companyId" />
      <TextField source="address" sx={{ whiteSpace: 'pre-line' }} />
      <BooleanField source="headOffice" />
      <EnumField source="status" enumName="establishmentStatus" />
      <DateTimeField source="createdAt" />
    </SimpleShowLayout>
  </Show>
);
