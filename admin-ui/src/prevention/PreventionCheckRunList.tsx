import { Typography } from '@mui/material';
import { DataTable, FilterButton, Link, List, NumberField, NumberInput, SelectInput, TextField, TopToolbar, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { enumChoices } from '../enums';
import { DayField } from './PreventionFields';
import { StartCheckRunButton } from './StartCheckRunButton';
import type { CheckRunReport, PreventionCheckRun } from './types';

const filters = [<NumberInput key="year" source="year" min={2025} max={2100} step={1} />, <SelectInput key="status" source="status" choices={enumChoices('preventionCheckRunStatus')} />];

/** One count of the due day's report; before it, said to come then. */
const ReportCell = ({ name }: { name: keyof CheckRunReport; label?: string }) => {
  const run = useRecordContext<PreventionCheckRun>();
  const translate = useTranslate();
  if (!run) return null;
  if (!run.report) {
    return (
      <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
        {name === 'done' ? translate('app.prevention.check_runs.no_report') : '—'}
      </Typography>
    );
  }
  const value = run.report[name];
  return value === undefined ? <>—</> : <NumberField source={`report.${name}`} />;
};

const ProcessCell = (_props: { label?: string }) => {
  const run = useRecordContext<PreventionCheckRun>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (!run) return null;
  return <Link to={createPath({ resource: 'workflows', type: 'show', id: run.workflowId })}>{translate('app.processes.open')}</Link>;
};

/**
 * « Campagnes de vérification annuelle » (support): one run per year — the
 * employers whose check it started, and at the due day its report: checks
 * done, not done, cancelled, lines of the year still awaiting verification.
 */
export const PreventionCheckRunList = () => (
  <List
    title="app.prevention.check_runs.title"
    filters={filters}
    sort={{ field: 'year', order: 'DESC' }}
    actions={
      <TopToolbar>
        <FilterButton />
        <StartCheckRunButton />
      </TopToolbar>
    }
    exporter={false}
    empty={false}
  >
    <DataTable bulkActionButtons={false} rowClick={false}>
      <DataTable.Col source="year" field={TextField} />
      <DataTable.Col source="status">
        <EnumField source="status" enumName="preventionCheckRunStatus" />
      </DataTable.Col>
      <DataTable.Col source="due" disableSort>
        <DayField source="due" />
      </DataTable.Col>
      <DataTable.Col source="employers" field={NumberField} disableSort align="right" />
      <DataTable.Col source="startedAt">
        <DateTimeField source="startedAt" />
      </DataTable.Col>
      <DataTable.Col source="reportedAt">
        <DateTimeField source="reportedAt" />
      </DataTable.Col>
      <DataTable.Col source="report.done" label="resources.prevention-check-runs.fields.done" disableSort align="right">
        <ReportCell name="done" />
      </DataTable.Col>
      <DataTable.Col source="report.notDone" label="resources.prevention-check-runs.fields.notDone" disableSort align="right">
        <ReportCell name="notDone" />
      </DataTable.Col>
      <DataTable.Col source="report.cancelled" label="resources.prevention-check-runs.fields.cancelled" disableSort align="right">
        <ReportCell name="cancelled" />
      </DataTable.Col>
      <DataTable.Col source="report.pendingLines" label="resources.prevention-check-runs.fields.pendingLines" disableSort align="right">
        <ReportCell name="pendingLines" />
      </DataTable.Col>
      <DataTable.Col label="resources.prevention-check-runs.fields.process" disableSort>
        <ProcessCell />
      </DataTable.Col>
    </DataTable>
  </List>
);
