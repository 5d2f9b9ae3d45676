import {
  DataTable,
  FilterButton,
  List,
  NumberField,
  NumberInput,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
  type Validator,
} from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { enumChoices } from '../enums';
import { DayField } from './PreventionFields';

/** A SIREN whole (9 digits) before it filters: the API refuses a part of one. */
const siren: Validator = (value) => (typeof value === 'string' && value !== '' && !/^\d{9}$/.test(value) ? 'app.prevention.validation.siren' : undefined);

const filters = [
  <TextInput key="employerSiren" source="employerSiren" validate={siren} alwaysOn />,
  <NumberInput key="year" source="year" min={2025} max={2100} step={1} />,
  <SelectInput key="status" source="status" choices={enumChoices('preventionCheckStatus')} />,
];

/**
 * « Vérifications annuelles » (support): each employer's check of a year —
 * its status and due day, its employees and those without a declaration,
 * its lines still to verify, when it was reminded and done. Read only: the
 * company's administrators mark it done; each row opens on its employees.
 */
export const PreventionCheckList = () => (
  <List
    title="app.prevention.menu.checks"
    filters={filters}
    sort={{ field: 'year', order: 'DESC' }}
    actions={
      <TopToolbar>
        <FilterButton />
      </TopToolbar>
    }
    exporter={false}
  >
    <DataTable bulkActionButtons={false} rowClick="show">
      <DataTable.Col source="employerSiren" />
      <DataTable.Col source="year" field={TextField} />
      <DataTable.Col source="status">
        <EnumField source="status" enumName="preventionCheckStatus" />
      </DataTable.Col>
      <DataTable.Col source="due">
        <DayField source="due" />
      </DataTable.Col>
      <DataTable.Col source="counts.employees" label="resources.prevention-checks.fields.employees" field={NumberField} disableSort align="right" />
      <DataTable.Col source="counts.without" label="resources.prevention-checks.fields.without" field={NumberField} disableSort align="right" />
      <DataTable.Col
        source="counts.awaitingVerification"
        label="resources.prevention-checks.fields.awaitingVerification"
        field={NumberField}
        disableSort
        align="right"
      />
      <DataTable.Col source="remindedAt" disableSort>
        <DateTimeField source="remindedAt" />
      </DataTable.Col>
      <DataTable.Col source="doneAt" disableSort>
        <DateTimeField source="doneAt" />
      </DataTable.Col>
    </DataTable>
  </List>
);
