import CancelIcon from '@mui/icons-material/Cancel';
import { TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  Button,
  Confirm,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { Role, Workflow } from '../types';
import { cancelWorkflow } from './workflowCommands';

/** Support only, while the workflow runs: asks it to cancel, with an optional reason. */
export const CancelWorkflowButton = () => {
  const workflow = useRecordContext<Workflow>();
  const { permissions: role } = usePermissions<Role>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { mutate, isPending } = useMutation({
    mutationFn: ({ id, reason }: { id: Workflow['id']; reason?: string }) => cancelWorkflow(id, reason),
    onSuccess: () => {
      setOpen(false);
      setReason('');
      notify('app.workflows.cancel_requested', { type: 'success' });
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
  });

  if (role !== 'SUPPORT' || workflow?.status !== 'RUNNING') return null;
  return (
    <>
      <Button label="app.workflows.cancel" onClick={() => setOpen(true)} disabled={isPending}>
        <CancelIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="app.workflows.cancel_title"
        content={
          <>
            {translate('app.workflows.cancel_content')}
            <TextField
              label={translate('app.workflows.reason_optional')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              fullWidth
              multiline
              margin="normal"
              disabled={isPending}
            />
          </>
        }
        confirm="app.workflows.cancel"
        onConfirm={() => mutate({ id: workflow.id, reason: reason.trim() || undefined })}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
