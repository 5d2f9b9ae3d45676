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
  useTranslate,
} from 'react-admin';
import { WorkflowLinkField } from '../workflows/WorkflowLinkField';
import { CalendarDateField } from '../common/CalendarDateField';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { RawStateField } from '../common/RawStateField';
import { RightsTable } from '../common/RightsTable';
import { waitingReasonText } from './waitingReason';
import type { ConsoleRole, Departure } from '../types';
import { CancelDepartureButton, ChangeEffectiveDateButton } from './DepartureActions';
import { RetargetDepartureButton } from './RetargetDepartureButton';

/** Why a departure still waits past its date, put in words from its code (`app.departures.waiting.<code>`); a status in it, translated too. */
const WaitingReason = () => {
  const departure = useRecordContext<Departure>();
  const translate = useTranslate();
  const reason = departure?.waitingReason;
  if (!reason) return null;
  return <Alert severity="warning">{waitingReasonText(reason, translate)}</Alert>;
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
        {role === 'SUPPORT' && <RawStateField source="workflow" />}
      </SimpleShowLayout>
    </Show>
  );
};
