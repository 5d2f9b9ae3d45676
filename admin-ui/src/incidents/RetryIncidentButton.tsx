import ReplayIcon from '@mui/icons-material/Replay';
import { useMutation } from '@tanstack/react-query';
import { Button, useNotify, usePermissions, useRecordContext, useRefresh, type FieldProps } from 'react-admin';
import type { Incident, Role } from '../types';
import { retryIncident } from '../workflows/workflowCommands';

/** Support only: runs the failing activity again now (its attempts start again from 1). */
export const RetryIncidentButton = (_props: FieldProps) => {
  const incident = useRecordContext<Incident>();
  const { permissions: role } = usePermissions<Role>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { mutate, isPending } = useMutation({
    mutationFn: (i: Incident) => retryIncident(i.workflowId, i.activityId),
    onSuccess: () => {
      notify('app.incidents.retry_requested', { type: 'success' });
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
  });
  if (role !== 'SUPPORT' || !incident) return null;
  return (
    <Button
      label="app.incidents.retry"
      disabled={isPending}
      onClick={(event) => {
        event.stopPropagation();
        mutate(incident);
      }}
    >
      <ReplayIcon />
    </Button>
  );
};
