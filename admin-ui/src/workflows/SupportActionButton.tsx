import { useMutation } from '@tanstack/react-query';
import { useState, type ReactElement } from 'react';
import { Button, useNotify, usePermissions, useRecordContext, useRefresh } from 'react-admin';
import { ReasonDialog } from '../common/ReasonDialog';
import type { Role, Workflow } from '../types';

interface SupportActionProps {
  /** i18n keys under app.workflows: `<action>`, `<action>_title`, `<action>_content`. */
  action: 'cancel' | 'terminate' | 'reset';
  icon: ReactElement;
  /** The statuses in which the API accepts the action. */
  statuses: string[];
  /** The reason's minimum length; 0: optional. */
  minLength: number;
  done: string;
  /** Called with the trimmed reason ('' when none was typed). */
  run: (id: Workflow['id'], reason: string) => Promise<unknown>;
  /** Whether the process shown offers the action at all (default: always). */
  offered?: (workflow: Workflow) => boolean;
}

/** A support action on the process shown, asked with a reason in a dialog; the server's refusal is notified. */
export const SupportActionButton = ({ action, icon, statuses, minLength, done, run, offered = () => true }: SupportActionProps) => {
  const workflow = useRecordContext<Workflow>();
  const { permissions: role } = usePermissions<Role>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const { mutate, isPending } = useMutation({
    mutationFn: ({ id, reason }: { id: Workflow['id']; reason: string }) => run(id, reason),
    onSuccess: () => {
      setOpen(false);
      notify(done, { type: 'success' });
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
  });

  if (role !== 'SUPPORT' || !workflow || !statuses.includes(workflow.status) || !offered(workflow)) return null;
  const label = `app.workflows.${action}`;
  return (
    <>
      <Button label={label} onClick={() => setOpen(true)} disabled={isPending}>
        {icon}
      </Button>
      <ReasonDialog
        open={open}
        pending={isPending}
        title={`${label}_title`}
        content={`${label}_content`}
        confirmLabel={label}
        confirmIcon={icon}
        minLength={minLength}
        onConfirm={(reason) => mutate({ id: workflow.id, reason })}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
