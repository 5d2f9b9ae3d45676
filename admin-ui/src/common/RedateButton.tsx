import EventIcon from '@mui/icons-material/Event';
import { useState } from 'react';
import { Button, useRecordContext, type Identifier, type RaRecord } from 'react-admin';
import { DateDialog } from './DateDialog';
import { useCommand } from './useCommand';

interface RedateButtonProps<Record extends RaRecord> {
  /** i18n keys: the button, the dialog's title and text, the date input, the success notification. */
  label: string;
  title: string;
  content: string;
  dateLabel: string;
  done: string;
  /** The record's current date (`YYYY-MM-DD`). */
  dateOf: (record: Record) => string;
  /** Whether the process still accepts a new date. */
  offered: (record: Record) => boolean;
  run: (id: Identifier, date: string) => Promise<unknown>;
}

/** Moves the date a waiting process acts on; the server's refusal (already started…) is notified. */
export const RedateButton = <Record extends RaRecord>(props: RedateButtonProps<Record>) => {
  const { label, title, content, dateLabel, done, dateOf, offered, run } = props;
  const record = useRecordContext<Record>();
  const [open, setOpen] = useState(false);
  const { mutate, isPending } = useCommand(({ id, date }: { id: Identifier; date: string }) => run(id, date), {
    onSuccess: done,
  });
  if (!record || !offered(record)) return null;
  return (
    // Inside a list row, a click here (dialog included) must not open the row.
    <span onClick={(event) => event.stopPropagation()}>
      <Button label={label} onClick={() => setOpen(true)} disabled={isPending}>
        <EventIcon />
      </Button>
      {open && (
        <DateDialog
          pending={isPending}
          title={title}
          content={content}
          label={dateLabel}
          initial={dateOf(record)}
          onConfirm={(date) => mutate({ id: record.id, date }, { onSuccess: () => setOpen(false) })}
          onClose={() => setOpen(false)}
        />
      )}
    </span>
  );
};
