import { Show, SimpleShowLayout, TextField, usePermissions } from 'react-admin';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { PendingEmailField } from '../declarants/PendingEmailField';
import type { Role } from '../types';
import { RunningArrivalDeparture } from './RunningArrivalDeparture';

export const AccountShow = () => {
  const { permissions: role } = usePermissions<Role>();
  return (
    <Show>
      <SimpleShowLayout>
        <RunningArrivalDeparture />
        <TextField source="siret" />
        <TextField source="lastName" />
        <TextField source="firstName" />
        <TextField source="email" />
        <PendingEmailField resource="accounts" />
        <EnumField source="role" enumName="role" />
        <EnumField source="status" enumName="accountStatus" />
        <EnumField source="adminStatus" enumName="adminStatus" />
        {role !== 'DECLARANT' && <CompanyField source="companyId" />}
        <DateTimeField source="emailConfirmedAt" />
        <DateTimeField source="lastLoginAt" />
        <DateTimeField source="createdAt" />
      </SimpleShowLayout>
    </Show>
  );
};
