import CloseIcon from '@mui/icons-material/DoDisturbOn';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Confirm, useNotify, usePermissions, useRecordContext, useRefresh } from 'react-admin';
import { useNavigate } from 'react-router';
import { closeEstablishment } from '../obsolete-rights/obsoleteRightsCommands';
import { obsoleteRightsPath } from '../paths';
import type { ClosedEstablishment, ConsoleRole, Establishment } from '../types';

/**
 * Support or the company's administrator closes an establishment (after a
 * confirmation); then the rights it made obsolete are offered for clean-up.
 */
export const CloseEstablishmentButton = () => {
  const establishment = useRecordContext<Establishment>();
  const { permissions: role } = usePermissions<ConsoleRole | null>();
  const notify = useNotify();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [closed, setClosed] = useState<ClosedEstablishment>();
  const { mutate, isPending } = useMutation({
    mutationFn: closeEstablishment,
    onSuccess: (answer) => {
      setAsking(false);
      setClosed(answer);
      notify('app.establishments.closed', { type: 'success' });
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
  });
  if (!establishment || (role !== 'SUPPORT' && role !== 'ADMINISTRATOR')) return null;
  return (
    <>
      {establishment.status !== 'CLOSED' && (
        <Button label="app.establishments.close" color="error" onClick={() => setAsking(true)} disabled={isPending}>
          <CloseIcon />
        </Button>
      )}
      <Confirm
        isOpen={asking}
        loading={isPending}
        title="app.establishments.close_title"
        content="app.establishments.close_content"
        translateOptions={{ siret: establishment.siret, name: establishment.name }}
        confirm="app.establishments.close"
        onConfirm={() => mutate(establishment.siret)}
        onClose={() => setAsking(false)}
      />
      <Confirm
        isOpen={closed != null && closed.obsoleteRights > 0}
        title="app.establishments.cleanup_title"
        content="app.establishments.cleanup_content"
        translateOptions={{ smart_count: closed?.obsoleteRights ?? 0, siret: establishment.siret }}
        confirm="app.establishments.cleanup_open"
        cancel="app.establishments.cleanup_later"
        onConfirm={() => navigate(obsoleteRightsPath(establishment.companyId, establishment.siret))}
        onClose={() => setClosed(undefined)}
      />
    </>
  );
};
