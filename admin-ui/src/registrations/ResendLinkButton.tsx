import SendIcon from '@mui/icons-material/Send';
import { useMutation } from '@tanstack/react-query';
import { Button, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { BackOfficeDataProvider } from '../dataProvider';
import type { Registration } from '../types';

/** Sends a fresh confirmation link; offered only while the workflow waits for the confirmation. */
export const ResendLinkButton = () => {
  const registration = useRecordContext<Registration>();
  const dataProvider = useDataProvider<BackOfficeDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { mutate, isPending } = useMutation({
    mutationFn: (registrationId: Registration['id']) => dataProvider.resendRegistrationLink(registrationId),
    onSuccess: () => {
      notify('app.registrations.link_resent', { type: 'success' });
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
  });

  if (registration?.phase !== 'AWAITING_CONFIRMATION' || registration.workflowStatus !== 'RUNNING') {
    return null;
  }
  return (
    <Button label="app.registrations.resend_link" onClick={() => mutate(registration.id)} disabled={isPending}>
      <SendIcon />
    </Button>
  );
};
