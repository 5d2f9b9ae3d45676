import { BooleanField, NumberField, Show, SimpleShowLayout, TextField, TopToolbar, UrlField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { ResendLinkButton } from './ResendLinkButton';

export const RegistrationShow = () => (
  <Show
    actions={
      <TopToolbar>
        <ResendLinkButton />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="legalName" />
      <TextField source="siren" />
      <TextField source="siret" />
      <EnumField source="workflowStatus" enumName="workflowStatus" />
      <EnumField source="phase" enumName="registrationPhase" />
      <DateTimeField source="tokenExpiresAt" />
      <DateTimeField source="purgeAt" />
      <NumberField source="mailsSent" />
      <BooleanField source="reminderSent" />
      <DateTimeField source="startedAt" />
      <DateTimeField source="closedAt" />
      <UrlField source="temporalUiUrl" target="_blank" rel="noopener noreferrer" />
    </SimpleShowLayout>
  </Show>
);
