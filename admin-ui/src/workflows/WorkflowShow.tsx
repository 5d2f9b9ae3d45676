import { Typography } from '@mui/material';
import {
  ArrayField,
  DataTable,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { ActivityTypeField } from '../common/ActivityTypeField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { FailureField } from '../common/FailureField';
import { RawStateField } from '../common/RawStateField';
import type { Role } from '../types';
import { DueDateField } from './DueDateField';
import { CancelWorkflowButton } from './CancelWorkflowButton';
import { HistoryDownloadLink } from './HistoryDownloadLink';
import { ResetWorkflowButton } from './ResetWorkflowButton';
import { HistoryDetailField } from './HistoryDetailField';
import { SubjectAccountField } from './SubjectAccountField';
import { TemporalLink } from './TemporalLink';
import { TerminateWorkflowButton } from './TerminateWorkflowButton';
import { WorkflowCommandButtons } from './WorkflowCommandButtons';
import { EarlierRunNotice, useAskedRunId, useShowsEarlierRun, WorkflowRunsField } from './WorkflowRuns';

const Empty = ({ message }: { message: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary">
      {translate(message)}
    </Typography>
  );
};

/** The support actions act on the latest run: an earlier run's page has none but its link to Temporal. */
const WorkflowActions = () => {
  const earlier = useShowsEarlierRun();
  return (
    <TopToolbar>
      {!earlier && (
        <>
          <WorkflowCommandButtons />
          <CancelWorkflowButton />
          <TerminateWorkflowButton />
          <ResetWorkflowButton />
          <HistoryDownloadLink />
        </>
      )}
      <TemporalLink />
    </TopToolbar>
  );
};

export const WorkflowShow = () => {
  const { permissions: role } = usePermissions<Role | null>();
  const runId = useAskedRunId();
  return (
    <Show actions={<WorkflowActions />} queryOptions={{ meta: runId ? { runId } : undefined }}>
      <EarlierRunNotice />
      <SimpleShowLayout>
        <TextField source="id" />
        <TextField source="runId" />
        <EnumField source="type" enumName="workflowType" />
        <EnumField source="status" enumName="workflowStatus" />
        <TextField source="companySiren" />
        <SubjectAccountField source="subjectAccount" />
        <EnumField source="phase" enumName="workflowPhase" />
        <EnumField source="awaitedRole" enumName="awaitedRole" />
        <DueDateField source="dueDate" />
        <DateTimeField source="startedAt" />
        <DateTimeField source="closedAt" />
        {role === 'SUPPORT' && <RawStateField source="state" />}
        <WorkflowRunsField source="runs" />
        <ArrayField source="pendingActivities">
          <DataTable bulkActionButtons={false} empty={<Empty message="app.workflows.no_pending_activity" />}>
            <DataTable.Col source="activityType" field={ActivityTypeField} disableSort />
            <DataTable.Col source="attempt" field={NumberField} disableSort />
            <DataTable.Col source="failure" field={FailureField} disableSort />
            <DataTable.Col source="nextAttemptAt" field={DateTimeField} disableSort />
          </DataTable>
        </ArrayField>
        <ArrayField source="history">
          <DataTable bulkActionButtons={false} empty={<Empty message="app.workflows.no_history" />}>
            <DataTable.Col source="eventId" disableSort />
            <DataTable.Col source="at" field={DateTimeField} disableSort />
            <DataTable.Col source="eventType" disableSort>
              <EnumField source="eventType" enumName="historyEvent" />
            </DataTable.Col>
            <DataTable.Col source="name" field={HistoryDetailField} disableSort />
          </DataTable>
        </ArrayField>
      </SimpleShowLayout>
    </Show>
  );
};
