import SendIcon from '@mui/icons-material/Send';
import { useMutation } from '@tanstack/react-query';
import { Button, useNotify, usePermissions, useRecordContext, useRefresh } from 'react-admin';
import type { Role, Workflow } from '../types';
import { sendWorkflowCommand } from './workflowCommands';

/** Support only: one button per console command the running process offers (labels: app.workflows.commands.<name>). */
export const WorkflowCommandButtons = () => {
  const workflow = useRecordContext<Workflow>();
  const { permissions: role } = usePermissions<Role>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { mutate, isPending } = useMutation({
    mutationFn: ({ id, name }: { id: Workflow['id']; name: string }) => sendWorkflowCommand(id, name),
    onSuccess: () => {
      notify('app.workflows.command_sent', { type: 'success' });
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
  });
  if (role !== 'SUPPORT' || !workflow?.commands?.length) return null;
  return (
    <>
      {workflow.commands.map(({ name }) => (
        <Button
          key={name}
          label={`app.workflows.commands.${name}`}
          onClick={() => mutate({ id: workflow.id, name })}
          disabled={isPending}
        >
          <SendIcon />
        </Button>
      ))}
    </>
  );
};
