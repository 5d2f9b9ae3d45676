import {
  BooleanInput,
  DataTable,
  List,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  TextInput,
  regex,
  usePermissions,
} from 'react-admin';
import { AgeField } from '../common/AgeField';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { NoResults } from '../common/NoResults';
import { PersonField } from '../common/PersonField';
import { enumChoices } from '../enums';
import type { Candidacy, ConsoleRole } from '../types';
import { BulkDecisionButtons } from './BulkDecisionButtons';
import { awaitsApproval } from './candidacyRules';
import { DecisionButtons } from './DecisionButtons';

const validateSiren = regex(/^\d{9}$/, 'app.candidacies.siren_invalid');

/** Support sees every company's candidacies. */
const supportFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={enumChoices('candidacyStatus')} alwaysOn />,
  <SelectInput key="route" source="route" choices={enumChoices('candidacyRoute')} alwaysOn />,
  <TextInput key="companySiren" source="companySiren" validate={validateSiren} alwaysOn />,
];

/** An administrator's approval inbox: his company's pending candidacies, oldest first. */
const INBOX_FILTER = { pending: true };
const inboxFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <BooleanInput key="pending" source="pending" defaultValue={true} />,
  <SelectInput key="status" source="status" choices={enumChoices('candidacyStatus')} />,
];

export const CandidacyList = () => {
  const { permissions: role } = usePermissions<ConsoleRole | null>();
  const support = role === 'SUPPORT';
  return (
    <List
      filters={support ? supportFilters : inboxFilters}
      filterDefaultValues={support ? undefined : INBOX_FILTER}
      sort={{ field: 'createdAt', order: support ? 'DESC' : 'ASC' }}
    >
      <DataTable
        rowClick="show"
        bulkActionButtons={support ? false : <BulkDecisionButtons />}
        isRowSelectable={(candidacy: Candidacy) => awaitsApproval(candidacy)}
        empty={<NoResults own={support ? {} : INBOX_FILTER} />}
      >
        <DataTable.Col source="lastName" label="resources.candidacies.fields.candidate" field={PersonField} />
        {support && <DataTable.Col source="companyName" />}
        <DataTable.Col source="siret" disableSort />
        <DataTable.Col source="status">
          <EnumField source="status" enumName="candidacyStatus" />
        </DataTable.Col>
        <DataTable.Col source="route" disableSort>
          <EnumField source="route" enumName="candidacyRoute" />
        </DataTable.Col>
        <DataTable.Col source="createdAt" label="resources.candidacies.fields.age">
          <AgeField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="dueDate" field={DateTimeField} />
        <DataTable.Col source="expiresAt" field={DateTimeField} disableSort />
        {!support && (
          <DataTable.Col label="app.candidacies.decision" disableSort>
            <DecisionButtons direction="column" />
          </DataTable.Col>
        )}
      </DataTable>
    </List>
  );
};
