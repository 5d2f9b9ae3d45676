import {
  BooleanField,
  FunctionField,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  usePermissions,
} from 'react-admin';
import { WorkflowLinkField } from '../workflows/WorkflowLinkField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { RawStateField } from '../common/RawStateField';
import type { Candidacy, ConsoleRole } from '../types';
import { CancelCandidacyButton, RequestLetterButton, ResendMailButton, UnlockCandidacyButton } from './CandidacyActions';
import { DecisionButtons } from './DecisionButtons';

const SupportActions = () => (
  <>
    <ResendMailButton />
    <RequestLetterButton label="app.candidacies.reissue_letter" />
    <UnlockCandidacyButton />
    <CancelCandidacyButton />
  </>
);

export const CandidacyShow = () => {
  const { permissions: role } = usePermissions<ConsoleRole | null>();
  return (
    <Show actions={<TopToolbar>{role === 'SUPPORT' ? <SupportActions /> : <DecisionButtons />}</TopToolbar>}>
      <SimpleShowLayout>
        <TextField source="lastName" />
        <TextField source="firstName" />
        <TextField source="email" />
        <TextField source="companyName" />
        <TextField source="companySiren" />
        <TextField source="siret" />
        <EnumField source="status" enumName="candidacyStatus" />
        <EnumField source="route" enumName="candidacyRoute" />
        <DateTimeField source="createdAt" />
        <DateTimeField source="dueDate" />
        <DateTimeField source="expiresAt" />
        <BooleanField source="letterRouteOffered" />
        <NumberField source="attemptsLeft" />
        <NumberField source="lettersSent" />
        <FunctionField<Candidacy>
          source="decidedBy"
          render={({ decidedBy }) => (decidedBy ? `${decidedBy.firstName} ${decidedBy.lastName}` : null)}
        />
        <DateTimeField source="decidedAt" />
        <TextField source="refusalReason" />
        <WorkflowLinkField<Candidacy> source="workflowId" />
        {role === 'SUPPORT' && <RawStateField source="workflow" />}
      </SimpleShowLayout>
    </Show>
  );
};
