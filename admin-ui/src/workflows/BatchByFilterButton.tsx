import PlaylistRemoveIcon from '@mui/icons-material/PlaylistRemove';
import { Alert, Checkbox, FormControlLabel, LinearProgress, Radio, RadioGroup } from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useListContext, useNotify, usePermissions, useRefresh, useTranslate } from 'react-admin';
import type { Role } from '../types';
import { ReasonDialog } from '../common/ReasonDialog';
import { TERMINATE_REASON_MIN_LENGTH } from './workflowCommands';
import { BatchCompanies } from './BatchCompanies';
import { batchJob, previewBatch, startBatch, type BatchAction, type BatchScope } from './workflowCommands';

const DONE = ['COMPLETED', 'FAILED'];

/**
 * Support only: cancel or terminate every running process the list's
 * current filter designates, as one Temporal batch operation. The dialog
 * shows how many, asks for a reason, then follows the job's progress. A
 * filter that names no company acts on every company: the dialog then lists
 * the count per company and asks a second confirmation.
 */
export const BatchByFilterButton = () => {
  const { filterValues } = useListContext();
  const { permissions: role } = usePermissions<Role>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [action, setAction] = useState<BatchAction>('terminate');
  const [jobId, setJobId] = useState<string | null>(null);
  const [everyCompanyConfirmed, setEveryCompanyConfirmed] = useState(false);
  const scope: BatchScope = filterValues.companySiren ? { filter: filterValues } : { filter: filterValues, allCompanies: true };

  const preview = useQuery({ queryKey: ['workflows-batch-preview', scope], queryFn: () => previewBatch(scope), enabled: open && !jobId });
  const count = preview.data?.count ?? 0;
  const job = useQuery({
    queryKey: ['workflows-batch', jobId],
    queryFn: () => batchJob(jobId!),
    enabled: !!jobId,
    refetchInterval: (query) => (query.state.data && DONE.includes(query.state.data.state) ? false : 1000),
  });
  const start = useMutation({
    mutationFn: (reason: string) => startBatch({ ...scope, action, reason, expectedCount: count }),
    onSuccess: setJobId,
    onError: (error) => {
      notify(error.message, { type: 'error', messageArgs: { _: error.message } });
      void preview.refetch();
    },
  });

  if (role !== 'SUPPORT') return null;
  const running = !!jobId && !(job.data && DONE.includes(job.data.state));
  const close = () => {
    if (jobId && !running) {
      notify('app.workflows.batch_done', { type: 'success', messageArgs: { completed: job.data?.completed ?? 0 } });
      refresh();
    }
    setOpen(false);
    setJobId(null);
    setEveryCompanyConfirmed(false);
  };
  return (
    <>
      <Button label="app.workflows.batch" onClick={() => setOpen(true)}>
        <PlaylistRemoveIcon />
      </Button>
      <ReasonDialog
        open={open}
        pending={start.isPending || running}
        title="app.workflows.batch_title"
        content="app.workflows.batch_content"
        confirmLabel={action === 'cancel' ? 'app.workflows.batch_cancel' : 'app.workflows.batch_terminate'}
        minLength={TERMINATE_REASON_MIN_LENGTH}
        confirmIcon={<PlaylistRemoveIcon />}
        ready={!jobId && count > 0 && (!scope.allCompanies || everyCompanyConfirmed)}
        onConfirm={(reason) => start.mutate(reason)}
        onClose={close}
      >
        {preview.isPending ? (
          <LinearProgress sx={{ my: 2 }} />
        ) : (
          <Alert severity={count ? 'warning' : 'info'} sx={{ my: 2 }}>
            {count ? translate('app.workflows.batch_count', { smart_count: count }) : translate('app.workflows.batch_none')}
          </Alert>
        )}
        {scope.allCompanies && preview.data && count > 0 && (
          <>
            <BatchCompanies preview={preview.data} />
            <FormControlLabel
              control={<Checkbox checked={everyCompanyConfirmed} onChange={(event) => setEveryCompanyConfirmed(event.target.checked)} disabled={!!jobId} />}
              label={translate('app.workflows.batch_every_company', { smart_count: preview.data.byCompany.length })}
            />
          </>
        )}
        <RadioGroup row value={action} onChange={(event) => setAction(event.target.value as BatchAction)}>
          <FormControlLabel value="terminate" control={<Radio />} label={translate('app.workflows.batch_terminate')} disabled={!!jobId} />
          <FormControlLabel value="cancel" control={<Radio />} label={translate('app.workflows.batch_cancel')} disabled={!!jobId} />
        </RadioGroup>
        {job.data && (
          <Alert severity={job.data.state === 'FAILED' || job.data.failed ? 'error' : running ? 'info' : 'success'}>
            {translate('app.workflows.batch_progress', job.data)}
          </Alert>
        )}
      </ReasonDialog>
    </>
  );
};
