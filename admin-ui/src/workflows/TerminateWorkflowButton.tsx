import StopCircleIcon from '@mui/icons-material/StopCircle';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useNotify, usePermissions, useRecordContext, useRefresh } from 'react-admin';
import type { Role, Workflow } from '../types';
import { ReasonDialog } from './ReasonDialog';
import { terminateWorkflow } from './workflowCommands';

/** Support only, while the workflow runs: terminates it at once; a reason is mandatory. */
export const TerminateWorkflowButton = () => {
  const workflow = useRecordContext<Workflow>();
  const { permissions: role } = usePermissions<Role>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const { mutate, isPending } = useMutation({
    mutationFn: ({ id, reason }: { id: Workflow['id']; reason: string }) => terminateWorkflow(id, reason),
    onSuccess: () => {
      setOpen(false);
      notify('app.workflows.terminated', { type: 'success' });
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
  });

  if (role !== 'SUPPORT' || workflow?.status !== 'RUNNING') return null;
  return (
    <>
      <Button label="app.workflows.terminate" onClick={() => setOpen(true)} disabled={isPending}>
        <StopCircleIcon />
      </Button>
      <ReasonDialog
        open={open}
        pending={isPending}
        title="app.workflows.terminate_title"
        content="app.workflows.terminate_content"
        confirmLabel="app.workflows.terminate"
        confirmIcon={<StopCircleIcon />}
        onConfirm={(reason) => mutate({ id: workflow.id, reason })}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
