import StopCircleIcon from '@mui/icons-material/StopCircle';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useNotify, usePermissions, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { Role, Workflow } from '../types';
import { TERMINATE_REASON_MIN_LENGTH, terminateWorkflow } from './workflowCommands';

/** Support only, while the workflow runs: terminates it at once; a reason is mandatory. */
export const TerminateWorkflowButton = () => {
  const workflow = useRecordContext<Workflow>();
  const { permissions: role } = usePermissions<Role>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { mutate, isPending } = useMutation({
    mutationFn: ({ id, reason }: { id: Workflow['id']; reason: string }) => terminateWorkflow(id, reason),
    onSuccess: () => {
      setOpen(false);
      setReason('');
      notify('app.workflows.terminated', { type: 'success' });
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
  });

  if (role !== 'SUPPORT' || workflow?.status !== 'RUNNING') return null;
  const trimmed = reason.trim();
  const valid = trimmed.length >= TERMINATE_REASON_MIN_LENGTH;
  const close = () => {
    if (!isPending) setOpen(false);
  };
  return (
    <>
      <Button label="app.workflows.terminate" onClick={() => setOpen(true)} disabled={isPending}>
        <StopCircleIcon />
      </Button>
      <Dialog open={open} onClose={close} fullWidth maxWidth="sm">
        <DialogTitle>{translate('app.workflows.terminate_title')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('app.workflows.terminate_content')}</DialogContentText>
          <TextField
            label={translate('app.workflows.reason_required')}
            helperText={translate('app.workflows.reason_min_length', { min: TERMINATE_REASON_MIN_LENGTH })}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            required
            fullWidth
            multiline
            margin="normal"
            disabled={isPending}
            autoFocus
          />
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={close} disabled={isPending} />
          <Button
            label="app.workflows.terminate"
            color="error"
            variant="contained"
            onClick={() => mutate({ id: workflow.id, reason: trimmed })}
            disabled={!valid || isPending}
          >
            <StopCircleIcon />
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
