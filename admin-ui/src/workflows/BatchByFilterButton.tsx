import PlaylistRemoveIcon from '@mui/icons-material/PlaylistRemove';
import { Alert, FormControlLabel, LinearProgress, Radio, RadioGroup } from '@mui/material';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useListContext, useNotify, usePermissions, useRefresh, useTranslate } from 'react-admin';
import type { Role } from '../types';
import { ReasonDialog } from '../common/ReasonDialog';
import { TERMINATE_REASON_MIN_LENGTH } from './workflowCommands';
import { batchJob, previewBatch, startBatch, type BatchAction } from './workflowCommands';

const DONE = ['COMPLETED', 'FAILED'];

/**
 * Support only: cancel or terminate every running process the list's
 * current filter designates, as one Temporal batch operation. The dialog
 * shows how many, asks for a reason, then follows the job's progress.
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

  const preview = useQuery({ queryKey: ['workflows-batch-preview', filterValues], queryFn: () => previewBatch(filterValues), enabled: open && !jobId });
  const job = useQuery({
    queryKey: ['workflows-batch', jobId],
    queryFn: () => batchJob(jobId!),
    enabled: !!jobId,
    refetchInterval: (query) => (query.state.data && DONE.includes(query.state.data.state) ? false : 1000),
  });
  const start = useMutation({
    mutationFn: (reason: string) => startBatch({ action, filter: filterValues, reason, expectedCount: preview.data ?? 0 }),
    onSuccess: setJobId,
    onError: (error) => {
      notify(error.message, { type: 'error', messageArgs: { _: error.message } });
      preview.refetch();
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
        ready={!jobId && !!preview.data}
        onConfirm={(reason) => start.mutate(reason)}
        onClose={close}
      >
        {preview.isPending ? (
          <LinearProgress sx={{ my: 2 }} />
        ) : (
          <Alert severity={preview.data ? 'warning' : 'info'} sx={{ my: 2 }}>
            {preview.data ? translate('app.workflows.batch_count', { smart_count: preview.data }) : translate('app.workflows.batch_none')}
          </Alert>
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
