import CleanIcon from '@mui/icons-material/CleaningServices';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Confirm, HttpError, useNotify, type Identifier } from 'react-admin';
import { cleanUpObsoleteRights, COUNT_CHANGED } from './obsoleteRightsCommands';

interface CleanupButtonProps {
  companyId: Identifier;
  siret?: string;
  /** The count shown to the user: the server removes nothing if the list no longer has that many. */
  count: number;
  /** Reloads the list (after the clean-up, or when the server says it changed). */
  reload: () => void;
}

/** « Nettoyer »: removes every obsolete right shown, after a confirmation that gives their number. */
export const CleanupButton = ({ companyId, siret, count, reload }: CleanupButtonProps) => {
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const { mutate, isPending } = useMutation({
    mutationFn: () => cleanUpObsoleteRights(companyId, count, siret),
    onSuccess: ({ removed }) => notify('app.obsolete_rights.removed', { type: 'success', messageArgs: { smart_count: removed } }),
    onError: (error) => {
      if (error instanceof HttpError && error.body?.code === COUNT_CHANGED) {
        notify('app.obsolete_rights.count_changed', { type: 'warning' });
      } else {
        notify(error.message, { type: 'error', messageArgs: { _: error.message } });
      }
    },
    onSettled: () => {
      setOpen(false);
      reload();
    },
  });
  return (
    <>
      <Button
        label="app.obsolete_rights.clean"
        variant="contained"
        color="warning"
        onClick={() => setOpen(true)}
        disabled={count === 0 || isPending}
      >
        <CleanIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="app.obsolete_rights.clean_title"
        content="app.obsolete_rights.clean_content"
        translateOptions={{ smart_count: count }}
        confirm="app.obsolete_rights.clean"
        onConfirm={() => mutate()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
