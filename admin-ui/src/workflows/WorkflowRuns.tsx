import { Alert, Chip, Stack } from '@mui/material';
import { Link, useSearchParams } from 'react-router';
import { ArrayField, Button, DataTable, useLocale, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import type { Workflow, WorkflowRun } from '../types';

/** The page of one run of a process: an earlier one (`?runId=`, read-only), or the latest without it. */
export const runPath = (workflowId: string, runId?: string) =>
  `/workflows/${encodeURIComponent(workflowId)}/show${runId ? `?runId=${encodeURIComponent(runId)}` : ''}`;

/** The run the page was asked for (`?runId=`), if any. */
export const useAskedRunId = (): string | undefined => useSearchParams()[0].get('runId') ?? undefined;

/** The latest run (the API lists them newest first); without the list, the one shown. */
const latestRunId = (workflow: Workflow) => workflow.runs?.[0]?.runId ?? workflow.runId;

/** Whether the page shows an earlier run than the latest: its actions would act on the latest one, so it is read-only. */
export const useShowsEarlierRun = (): boolean => {
  const workflow = useRecordContext<Workflow>();
  const asked = useAskedRunId();
  return !!workflow && !!asked && latestRunId(workflow) !== asked;
};

/** Above an earlier run's page: it is read-only, and a way to the current run. */
export const EarlierRunNotice = () => {
  const workflow = useRecordContext<Workflow>();
  const translate = useTranslate();
  const locale = useLocale();
  const earlier = useShowsEarlierRun();
  if (!workflow || !earlier) return null;
  const run = workflow.runs?.find((r) => r.runId === workflow.runId);
  return (
    <Alert
      severity="info"
      action={<Button component={Link} to={runPath(workflow.id)} label="app.workflows.open_current_run" />}
    >
      {translate('app.workflows.earlier_run', { date: run ? new Date(run.startedAt).toLocaleString(locale) : workflow.runId })}
    </Alert>
  );
};

/** Which run this is: the current one, the one shown, or a link to open it. */
const RunState = ({ workflow, run }: { workflow: Workflow; run: WorkflowRun }) => {
  const translate = useTranslate();
  const current = run.runId === latestRunId(workflow);
  const shown = run.runId === workflow.runId;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      {current && <Chip size="small" color="primary" label={translate('app.workflows.run_current')} />}
      {shown && !current && <Chip size="small" variant="outlined" label={translate('app.workflows.run_shown')} />}
      {!shown && (
        <Button
          component={Link}
          to={runPath(workflow.id, current ? undefined : run.runId)}
          label="app.workflows.open_run"
          onClick={(event) => event.stopPropagation()}
        />
      )}
    </Stack>
  );
};

/** Every run of the process (a reset or a continue-as-new starts a new one), newest first, each one to open. */
export const WorkflowRunsField = (_props: FieldProps) => {
  const workflow = useRecordContext<Workflow>();
  if (!workflow) return null;
  return (
    <ArrayField source="runs">
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="startedAt" field={DateTimeField} disableSort />
        <DataTable.Col source="closedAt" field={DateTimeField} disableSort />
        <DataTable.Col source="status" disableSort>
          <EnumField source="status" enumName="workflowStatus" />
        </DataTable.Col>
        <DataTable.Col source="runId" disableSort />
        <DataTable.Col label="app.workflows.run" disableSort render={(run: WorkflowRun) => <RunState workflow={workflow} run={run} />} />
      </DataTable>
    </ArrayField>
  );
};
