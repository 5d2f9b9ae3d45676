import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import {
  DataTable,
  FilterButton,
  Link,
  List,
  NumberField,
  RecordContextProvider,
  ReferenceField,
  SelectInput,
  TextInput,
  TopToolbar,
  useCreatePath,
  useLocale,
  useRecordContext,
  useTranslate,
  type Validator,
} from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { enumChoices } from '../enums';
import { MoveDeadlineButton } from './MoveDeadlineButton';
import { dayText, instantText, quarterChoices } from './preventionFormat';
import { DayField, QuarterField } from './PreventionFields';
import type { PreventionWindow } from './types';

/** The deadline's moves, oldest first: when, who, from which day to which, and why; and the window's process. */
const MovesPanel = () => {
  const record = useRecordContext<PreventionWindow>();
  const translate = useTranslate();
  const locale = useLocale();
  const createPath = useCreatePath();
  if (!record) return null;
  return (
    <Box sx={{ py: 1, pl: 6 }}>
      {record.moves.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('app.prevention.windows.no_move')}
        </Typography>
      ) : (
        <Table size="small" aria-label={translate('app.prevention.windows.moves_title')} sx={{ maxWidth: 960 }}>
          <TableHead>
            <TableRow>
              {['at', 'actor', 'from', 'to', 'reason'].map((c) => (
                <TableCell key={c}>{translate(`app.prevention.windows.move_column.${c}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {record.moves.map((m) => (
              <RecordContextProvider key={`${m.at}-${m.to}`} value={m}>
                <TableRow>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{instantText(m.at, locale)}</TableCell>
                  <TableCell>
                    <ReferenceField source="actorId" reference="accounts" link={false} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{dayText(m.from, locale)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{dayText(m.to, locale)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'pre-line' }}>{m.reason}</TableCell>
                </TableRow>
              </RecordContextProvider>
            ))}
          </TableBody>
        </Table>
      )}
      {record.workflowId && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          <Link to={createPath({ resource: 'workflows', type: 'show', id: record.workflowId })}>{translate('app.prevention.windows.process')}</Link>
        </Typography>
      )}
    </Box>
  );
};

/** How many times the deadline moved; the expand arrow shows them. */
const MovesCell = () => {
  const record = useRecordContext<PreventionWindow>();
  const translate = useTranslate();
  if (!record) return null;
  return <>{record.moves.length ? translate('app.prevention.windows.moves', { smart_count: record.moves.length }) : '—'}</>;
};

/** A SIREN whole (9 digits) before it filters: the API refuses a part of one. */
const siren: Validator = (value) => (typeof value === 'string' && value !== '' && !/^\d{9}$/.test(value) ? 'app.prevention.validation.siren' : undefined);

const useFilters = () => {
  const translate = useTranslate();
  return [
    <TextInput key="employerSiren" source="employerSiren" validate={siren} alwaysOn />,
    <SelectInput key="quarter" source="quarter" choices={quarterChoices(translate)} alwaysOn />,
    <SelectInput key="status" source="status" choices={enumChoices('preventionWindowStatus')} />,
  ];
};

/**
 * « Fenêtres de vérification » (support): one per employer SIREN and
 * quarter, open until its deadline — then the lines still pending are
 * deemed verified. Support moves an open window's deadline, with a reason;
 * each row opens on its moves.
 */
export const PreventionWindowList = () => {
  const filters = useFilters();
  return (
    <List title="app.prevention.windows.title" filters={filters} sort={{ field: 'deadline', order: 'ASC' }} actions={<TopToolbar><FilterButton /></TopToolbar>} exporter={false}>
      <DataTable bulkActionButtons={false} expand={<MovesPanel />}>
        <DataTable.Col source="employerSiren" />
        <DataTable.Col source="quarter">
          <QuarterField />
        </DataTable.Col>
        <DataTable.Col source="status">
          <EnumField source="status" enumName="preventionWindowStatus" />
        </DataTable.Col>
        <DataTable.Col source="deadline">
          <DayField source="deadline" />
        </DataTable.Col>
        <DataTable.Col source="pending" field={NumberField} disableSort align="right" />
        <DataTable.Col source="deemedVerified" field={NumberField} disableSort align="right" />
        <DataTable.Col source="moves" disableSort>
          <MovesCell />
        </DataTable.Col>
        <DataTable.Col source="closedAt" disableSort>
          <DateTimeField source="closedAt" />
        </DataTable.Col>
        <DataTable.Col label="app.processes.actions" disableSort>
          <MoveDeadlineButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
