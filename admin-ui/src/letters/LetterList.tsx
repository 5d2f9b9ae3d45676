import { BooleanInput, DataTable, List, SelectInput, TextField } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { NoResults } from '../common/NoResults';
import { enumChoices } from '../enums';
import { DownloadLettersButton, MarkLettersPostedButton } from './LetterButtons';
import { isPrintable } from './letterRules';
import { HeldChip } from './HeldChip';
import { OverdueChip } from './OverdueChip';

const filters = [
  <SelectInput key="status" source="status" choices={enumChoices('letterStatus')} alwaysOn />,
  <BooleanInput key="overdue" source="overdue" defaultValue={true} />,
];

/** The queue opens on the letters to post. */
const TO_POST = { status: 'PENDING' };

const BulkActions = () => (
  <>
    <DownloadLettersButton />
    <MarkLettersPostedButton />
  </>
);

/** Support's print queue: letters to print and post, oldest first. */
export const LetterList = () => (
  <List filters={filters} filterDefaultValues={TO_POST} sort={{ field: 'createdAt', order: 'ASC' }}>
    <DataTable rowClick="show" bulkActionButtons={<BulkActions />} isRowSelectable={isPrintable} empty={<NoResults own={TO_POST} />}>
      <DataTable.Col source="companyName" />
      <DataTable.Col source="siret" disableSort />
      <DataTable.Col source="candidateName" disableSort />
      <DataTable.Col source="address" disableSort>
        <TextField source="address" />
        <HeldChip />
      </DataTable.Col>
      <DataTable.Col source="sequence" disableSort />
      <DataTable.Col source="status">
        <EnumField source="status" enumName="letterStatus" />
      </DataTable.Col>
      <DataTable.Col source="createdAt" field={DateTimeField} />
      <DataTable.Col source="postBy">
        <DateTimeField source="postBy" />
        <OverdueChip />
      </DataTable.Col>
      <DataTable.Col source="postedAt" field={DateTimeField} disableSort />
      <DataTable.Col source="keyExpiresAt" field={DateTimeField} disableSort />
    </DataTable>
  </List>
);
