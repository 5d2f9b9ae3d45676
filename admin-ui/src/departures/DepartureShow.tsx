import { Alert } from '@mui/material';
import {
  FunctionField,
  Labeled,
  NumberField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TopToolbar,
  usePermissions,
  useRecordContext,
} from 'react-admin';
import { WorkflowLinkField } from '../workflows/WorkflowLinkField';
import { CalendarDateField } from '../common/CalendarDateField';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { JsonField } from '../common/JsonField';
import { RightsTable } from '../common/RightsTable';
import type { ConsoleRole, Departure } from '../types';
import { CancelDepartureButton, ChangeEffectiveDateButton } from './DepartureActions';
import { RetargetDepartureButton } from './RetargetDepartureButton';

/** Why an applied departure still waits (its transfer target is not active yet). */
const WaitingReason = () => {
  const departure = useRecordContext<Departure>();
  if (!departure?.waitingReason) return null;
  return <Alert severity="warning">{departure.waitingReason}</Alert>;
};

export const DepartureShow = () => {
  const { permissions: role } = usePermissions<ConsoleRole | null>();
  return (
    <Show
      actions={
        <TopToolbar>
          <ChangeEffectiveDateButton />
          <RetargetDepartureButton />
          <CancelDepartureButton />
        </TopToolbar>
      }
    >
      <SimpleShowLayout>
        <WaitingReason />
        <ReferenceField source="accountId" reference="declarants" link="show" />
        {role === 'SUPPORT' && <CompanyField source="companyId" />}
        <EnumField source="status" enumName="departureStatus" />
        <CalendarDateField source="effectiveDate" />
        <EnumField source="rightsMode" enumName="departureRightsMode" />
        <ReferenceField source="toAccountId" reference="declarants" link="show" emptyText="—" />
        <ReferenceField source="arrivalId" reference="arrivals" link="show" emptyText="—" />
        <ReferenceField source="successorAccountId" reference="declarants" link="show" emptyText="—" />
        <NumberField source="transferred" emptyText="—" />
        <NumberField source="revoked" emptyText="—" />
        <DateTimeField source="createdAt" />
        <DateTimeField source="completedAt" />
        <Labeled label="resources.departures.fields.rights" fullWidth>
          <FunctionField<Departure> render={({ rights }) => <RightsTable rights={rights ?? []} empty="app.departures.no_rights" />} />
        </Labeled>
        <WorkflowLinkField<Departure> source="workflowId" />
        <JsonField source="workflow" />
      </SimpleShowLayout>
    </Show>
  );
};
