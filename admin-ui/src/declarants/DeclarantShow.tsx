import { EditButton, Show, SimpleShowLayout, TextField, TopToolbar, usePermissions } from 'react-admin';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { RunningArrivalDeparture } from '../accounts/RunningArrivalDeparture';
import type { Role } from '../types';
import { PendingEmailField } from './PendingEmailField';
import { RegisterDepartureButton } from './RegisterDepartureButton';
import { ResendDeclarantLinkButton } from './ResendDeclarantLinkButton';

export const DeclarantShow = () => {
  const { permissions: role } = usePermissions<Role>();
  return (
    <Show
      actions={
        <TopToolbar>
          <ResendDeclarantLinkButton />
          <RegisterDepartureButton />
          <EditButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <RunningArrivalDeparture />
        <TextField source="siret" />
        <TextField source="lastName" />
        <TextField source="firstName" />
        <TextField source="email" />
        <PendingEmailField resource="declarants" />
        <EnumField source="role" enumName="role" />
        <EnumField source="status" enumName="accountStatus" />
        <EnumField source="adminStatus" enumName="adminStatus" />
        {role === 'SUPPORT' && <CompanyField source="companyId" />}
        <DateTimeField source="emailConfirmedAt" />
        <DateTimeField source="createdAt" />
      </SimpleShowLayout>
    </Show>
  );
};
