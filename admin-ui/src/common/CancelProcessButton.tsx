import CancelIcon from '@mui/icons-material/Cancel';
import { useState } from 'react';
import { Button, Confirm, useRecordContext, type Identifier, type RaRecord } from 'react-admin';
import { useCommand } from './useCommand';

interface CancelProcessButtonProps<Record extends RaRecord> {
  /** i18n keys: the button, the confirmation's title and text (given `name`), the success notification. */
  label: string;
  title: string;
  content: string;
  done: string;
  /** How the confirmation names the record. */
  nameOf: (record: Record) => string;
  /** Whether the process can still be cancelled. */
  offered: (record: Record) => boolean;
  run: (id: Identifier) => Promise<unknown>;
}

/** Cancels a waiting process after a confirmation; the server's refusal (already applied…) is notified. */
export const CancelProcessButton = <Record extends RaRecord>(props: CancelProcessButtonProps<Record>) => {
  const { label, title, content, done, nameOf, offered, run } = props;
  const record = useRecordContext<Record>();
  const [open, setOpen] = useState(false);
  const { mutate, isPending } = useCommand(run, { onSuccess: done });
  if (!record || !offered(record)) return null;
  return (
    // Inside a list row, a click here (dialog included) must not open the row.
    <span onClick={(event) => event.stopPropagation()}>
      <Button label={label} color="error" onClick={() => setOpen(true)} disabled={isPending}>
        <CancelIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title={title}
        content={content}
        translateOptions={{ name: nameOf(record) }}
        confirm={label}
        onConfirm={() => mutate(record.id, { onSuccess: () => setOpen(false) })}
        onClose={() => setOpen(false)}
      />
    </span>
  );
};
