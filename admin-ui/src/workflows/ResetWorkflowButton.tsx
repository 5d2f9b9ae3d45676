import RestartAltIcon from '@mui/icons-material/RestartAlt';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useNotify, usePermissions, useRecordContext, useRefresh } from 'react-admin';
import type { Role, Workflow } from '../types';
import { ReasonDialog } from './ReasonDialog';
import { resetWorkflow } from './workflowCommands';

/** The statuses the API lets support reset (a stuck, failed, timed-out or stopped process). */
const RESETTABLE = ['RUNNING', 'FAILED', 'TIMED_OUT', 'TERMINATED'];

/** Support only: replays the process up to its last workflow-task completion in a new run; a reason is mandatory. */
export const ResetWorkflowButton = () => {
  const workflow = useRecordContext<Workflow>();
  const { permissions: role } = usePermissions<Role>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const { mutate, isPending } = useMutation({
    mutationFn: ({ id, reason }: { id: Workflow['id']; reason: string }) => resetWorkflow(id, reason),
    onSuccess: () => {
      setOpen(false);
      notify('app.workflows.reset_done', { type: 'success' });
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
  });

  if (role !== 'SUPPORT' || !workflow || !RESETTABLE.includes(workflow.status)) return null;
  return (
    <>
      <Button label="app.workflows.reset" onClick={() => setOpen(true)} disabled={isPending}>
        <RestartAltIcon />
      </Button>
      <ReasonDialog
        open={open}
        pending={isPending}
        title="app.workflows.reset_title"
        content="app.workflows.reset_content"
        confirmLabel="app.workflows.reset"
        confirmIcon={<RestartAltIcon />}
        onConfirm={(reason) => mutate({ id: workflow.id, reason })}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
