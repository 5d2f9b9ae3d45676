import { useState } from 'react';
import BlockIcon from '@mui/icons-material/Block';
import { useMutation } from '@tanstack/react-query';
import { Button, Confirm, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { BackOfficeDataProvider } from '../dataProvider';
import type { ApiKey } from '../types';

/** Revokes a key for good, after a confirmation; offered only while the key works. */
export const RevokeApiKeyButton = () => {
  const key = useRecordContext<ApiKey>();
  const dataProvider = useDataProvider<BackOfficeDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const { mutate, isPending } = useMutation({
    mutationFn: (id: ApiKey['id']) => dataProvider.revokeApiKey(id),
    onSuccess: () => {
      notify('app.api_keys.revoked_notice', { type: 'success' });
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
    onSettled: () => setOpen(false),
  });
  if (!key || key.revokedAt) return null;
  return (
    <>
      <Button label="app.api_keys.revoke" color="error" onClick={() => setOpen(true)} disabled={isPending}>
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="app.api_keys.revoke_title"
        content="app.api_keys.revoke_content"
        titleTranslateOptions={{ name: key.name }}
        contentTranslateOptions={{ name: key.name, prefix: key.prefix }}
        onConfirm={() => mutate(key.id)}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
