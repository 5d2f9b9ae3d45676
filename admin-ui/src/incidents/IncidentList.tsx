import { DataTable, List, NumberField, type RaRecord } from 'react-admin';
import { ActivityTypeField } from '../common/ActivityTypeField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { FailureField } from '../common/FailureField';
import type { Incident } from '../types';
import { RetryIncidentButton } from './RetryIncidentButton';

/** Activities failing again and again; a row opens its process. Computed at each load: no filter, no sort. */
export const IncidentList = () => (
  <List exporter={false} empty={false}>
    <DataTable
      rowClick={(_id, _resource, record: RaRecord) => `/workflows/${encodeURIComponent((record as Incident).workflowId)}/show`}
      bulkActionButtons={false}
    >
      <DataTable.Col source="workflowId" disableSort />
      <DataTable.Col source="workflowType" disableSort>
        <EnumField source="workflowType" enumName="workflowType" />
      </DataTable.Col>
      <DataTable.Col source="companySiren" disableSort />
      <DataTable.Col source="activityType" field={ActivityTypeField} disableSort />
      <DataTable.Col source="attempt" field={NumberField} disableSort />
      <DataTable.Col source="failure" field={FailureField} disableSort />
      <DataTable.Col source="nextAttemptAt" field={DateTimeField} disableSort />
      <DataTable.Col source="activityId" field={RetryIncidentButton} disableSort />
    </DataTable>
  </List>
);
