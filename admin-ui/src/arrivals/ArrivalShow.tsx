import {
  FunctionField,
  Labeled,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  usePermissions,
} from 'react-admin';
import { WorkflowLinkField } from '../workflows/WorkflowLinkField';
import { CalendarDateField } from '../common/CalendarDateField';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { RawStateField } from '../common/RawStateField';
import { RightsTable } from '../common/RightsTable';
import type { Arrival, ConsoleRole } from '../types';
import { CancelArrivalButton, ChangeStartDateButton } from './ArrivalActions';

export const ArrivalShow = () => {
  const { permissions: role } = usePermissions<ConsoleRole | null>();
  return (
    <Show
      actions={
        <TopToolbar>
          <ChangeStartDateButton />
          <CancelArrivalButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <TextField source="lastName" />
        <TextField source="firstName" />
        <TextField source="email" />
        <TextField source="siret" />
        {role === 'SUPPORT' && <CompanyField source="companyId" />}
        <EnumField source="role" enumName="arrivalRole" />
        <EnumField source="status" enumName="arrivalStatus" />
        <CalendarDateField source="startDate" />
        <ReferenceField source="accountId" reference="declarants" link="show" emptyText="—" />
        <DateTimeField source="createdAt" />
        <DateTimeField source="invitedAt" />
        <DateTimeField source="expiresAt" />
        <DateTimeField source="completedAt" />
        <EnumField source="rightsMode" enumName="arrivalRightsMode" />
        <Labeled label="resources.arrivals.fields.rights" fullWidth>
          <FunctionField<Arrival> render={({ rights }) => <RightsTable rights={rights} empty="app.arrivals.no_rights" />} />
        </Labeled>
        <WorkflowLinkField<Arrival> source="workflowId" />
        {role === 'SUPPORT' && <RawStateField source="workflow" />}
      </SimpleShowLayout>
    </Show>
  );
};
