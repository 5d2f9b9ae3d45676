import { BooleanInput, DataTable, FilterButton, List, SearchInput, SelectInput, TextInput, TopToolbar, regex, usePermissions } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { enumChoices } from '../enums';
import type { Role } from '../types';
import { BatchByFilterButton } from './BatchByFilterButton';
import { DueDateField } from './DueDateField';

const validateSiren = regex(/^\d{9}$/, 'app.workflows.siren_invalid');

const filtersFor = (role: Role | null | undefined) => [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="type" source="type" choices={enumChoices('workflowType')} alwaysOn />,
  <SelectInput key="status" source="status" choices={enumChoices('workflowStatus')} alwaysOn />,
  ...(role === 'SUPPORT'
    ? [<TextInput key="companySiren" source="companySiren" validate={validateSiren} alwaysOn />]
    : []),
  <SelectInput key="phase" source="phase" choices={enumChoices('workflowPhase')} />,
  <SelectInput key="awaitedRole" source="awaitedRole" choices={enumChoices('awaitedRole')} />,
  <BooleanInput key="overdue" source="overdue" defaultValue={true} />,
];

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <BatchByFilterButton />
  </TopToolbar>
);

/** Searchable by SIREN, SIRET, workflow, run or account id, a person's name or e-mail; sortable on the API's columns (newest first by default). */
export const WorkflowList = () => {
  const { permissions: role } = usePermissions<Role | null>();
  return (
    <List filters={filtersFor(role)} sort={{ field: 'startedAt', order: 'DESC' }} actions={<ListActions />}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="type">
          <EnumField source="type" enumName="workflowType" />
        </DataTable.Col>
        <DataTable.Col source="companySiren" disableSort />
        <DataTable.Col source="phase">
          <EnumField source="phase" enumName="workflowPhase" />
        </DataTable.Col>
        <DataTable.Col source="awaitedRole" disableSort>
          <EnumField source="awaitedRole" enumName="awaitedRole" />
        </DataTable.Col>
        <DataTable.Col source="dueDate" field={DueDateField} />
        <DataTable.Col source="status">
          <EnumField source="status" enumName="workflowStatus" />
        </DataTable.Col>
        <DataTable.Col source="startedAt" field={DateTimeField} />
        <DataTable.Col source="closedAt" field={DateTimeField} />
      </DataTable>
    </List>
  );
};
