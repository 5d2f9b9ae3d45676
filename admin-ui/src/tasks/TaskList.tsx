import { BooleanInput, DataTable, List, SelectInput, type RaRecord } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { enumChoices } from '../enums';
import type { Task } from '../types';
import { DueDateField } from '../workflows/DueDateField';
import { SubjectAccountField } from '../workflows/SubjectAccountField';
import { OpenTaskButton } from './OpenTaskButton';

const filters = [
  <SelectInput key="type" source="type" choices={enumChoices('workflowType')} alwaysOn />,
  <BooleanInput key="overdue" source="overdue" alwaysOn />,
];

/** « Mes tâches »: what awaits the caller's role, overdue first (the API's order; no column sorts). */
export const TaskList = () => (
  <List filters={filters} exporter={false} empty={false}>
    <DataTable rowClick={(_id, _resource, record: RaRecord) => (record as Task).page} bulkActionButtons={false}>
      <DataTable.Col source="dueDate" field={DueDateField} disableSort />
      <DataTable.Col source="type" disableSort>
        <EnumField source="type" enumName="workflowType" />
      </DataTable.Col>
      <DataTable.Col source="phase" disableSort>
        <EnumField source="phase" enumName="workflowPhase" />
      </DataTable.Col>
      <DataTable.Col source="companySiren" disableSort />
      <DataTable.Col source="subjectAccount" field={SubjectAccountField} disableSort />
      <DataTable.Col source="startedAt" field={DateTimeField} disableSort />
      <DataTable.Col source="page" field={OpenTaskButton} disableSort />
    </DataTable>
  </List>
);
