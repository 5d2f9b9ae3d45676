import SendIcon from '@mui/icons-material/Send';
import { useMutation } from '@tanstack/react-query';
import { Button, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { BackOfficeDataProvider } from '../dataProvider';
import type { Declarant } from '../types';
import type { AddressRecord } from './pendingEmail';

/** Mails a fresh confirmation link; offered only while the account, its address or the new address waiting to replace it awaits confirmation. */
export const ResendDeclarantLinkButton = () => {
  const declarant = useRecordContext<AddressRecord>();
  const dataProvider = useDataProvider<BackOfficeDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { mutate, isPending } = useMutation({
    mutationFn: (id: Declarant['id']) => dataProvider.resendDeclarantLink(id),
    onSuccess: () => {
      notify('app.declarants.link_resent', { type: 'success' });
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
  });

  if (!declarant || (declarant.status !== 'PENDING' && declarant.emailConfirmedAt != null && !declarant.pendingEmail)) return null;
  return (
    <Button label="app.declarants.resend_link" onClick={() => mutate(declarant.id)} disabled={isPending}>
      <SendIcon />
    </Button>
  );
};
