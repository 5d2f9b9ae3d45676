import AddIcon from '@mui/icons-material/Add';
import { Typography } from '@mui/material';
import {
  Button,
  DataTable,
  ExportButton,
  FilterButton,
  List,
  NullableBooleanInput,
  NumberField,
  SearchInput,
  SelectInput,
  TopToolbar,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { enumChoices } from '../enums';
import type { ConsoleRole } from '../types';
import { declarationsExporter } from './preventionExport';
import { quarterChoices } from './preventionFormat';
import { DayField, DeadlineField, QuarterField, StatusCounts } from './PreventionFields';
import { PREVENTION_DECLARE_PATH } from './paths';
import type { PreventionDeclaration } from './types';

/** The title, its certification beneath (one column: the list fits a laptop's width). */
const TrainingCell = () => {
  const declaration = useRecordContext<PreventionDeclaration>();
  const translate = useTranslate();
  if (!declaration) return null;
  return (
    <>
      {declaration.title}
      <Typography variant="caption" component="div" color="text.secondary">
        {translate(`app.enums.preventionCertificationKind.${declaration.certificationKind}`)} {declaration.certificationCode}
        {' · '}
        {translate(`app.enums.preventionProofType.${declaration.proofType}`)}
      </Typography>
    </>
  );
};

/** The declaring SIRET, its kind beneath. */
const DeclarantCell = () => {
  const declaration = useRecordContext<PreventionDeclaration>();
  const translate = useTranslate();
  if (!declaration) return null;
  return (
    <>
      <span style={{ whiteSpace: 'nowrap' }}>{declaration.declarantSiret}</span>
      <Typography variant="caption" component="div" color="text.secondary">
        {translate(`app.enums.preventionDeclarantKind.${declaration.declarantKind}`)}
      </Typography>
    </>
  );
};

const useFilters = () => {
  const translate = useTranslate();
  return [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="quarter" source="quarter" choices={quarterChoices(translate)} alwaysOn />,
    <NullableBooleanInput key="late" source="late" />,
    <SelectInput key="declarantKind" source="declarantKind" choices={enumChoices('preventionDeclarantKind')} />,
  ];
};

const Actions = () => {
  const { permissions: role } = usePermissions<ConsoleRole | null>();
  return (
    <TopToolbar>
      <FilterButton />
      {role !== 'SUPPORT' && (
        <Button to={PREVENTION_DECLARE_PATH} label="app.prevention.declare.new">
          <AddIcon />
        </Button>
      )}
      <ExportButton />
    </TopToolbar>
  );
};

/**
 * « Passeport de prévention — déclarations »: those the signed-in person's
 * establishments made, and those naming their employees (support: all, read
 * only); each with its quarter, its legal deadline and lateness, its learners
 * and where they stand.
 */
export const PreventionDeclarationList = () => {
  const filters = useFilters();
  return (
    <List title="app.prevention.declarations.title" filters={filters} sort={{ field: 'createdAt', order: 'DESC' }} actions={<Actions />} exporter={declarationsExporter}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="title">
          <TrainingCell />
        </DataTable.Col>
        <DataTable.Col source="declarantSiret">
          <DeclarantCell />
        </DataTable.Col>
        <DataTable.Col source="quarter">
          <QuarterField />
        </DataTable.Col>
        <DataTable.Col source="trainingEnd">
          <DayField source="trainingEnd" />
        </DataTable.Col>
        <DataTable.Col source="deadline">
          <DeadlineField />
        </DataTable.Col>
        <DataTable.Col source="learnerCount" field={NumberField} disableSort align="right" />
        <DataTable.Col source="statusCounts" disableSort>
          <StatusCounts />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
