import EventIcon from '@mui/icons-material/Event';
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useState } from 'react';
import { Button, useTranslate } from 'react-admin';
import { todayInParis } from './calendarDate';

interface DateDialogProps {
  pending: boolean;
  title: string;
  content: string;
  /** Label of the date input. */
  label: string;
  /** The date shown first (`YYYY-MM-DD`). */
  initial: string;
  /** Called with the chosen date (`YYYY-MM-DD`, today or later). */
  onConfirm: (date: string) => void;
  onClose: () => void;
}

/** Asks a new date, today or later, for a process that waits for one (start date, effective date). */
export const DateDialog = ({ pending, title, content, label, initial, onConfirm, onClose }: DateDialogProps) => {
  const translate = useTranslate();
  const [date, setDate] = useState(initial);
  const today = todayInParis();
  const valid = date !== '' && date >= today;
  const close = () => {
    if (!pending) onClose();
  };
  return (
    <Dialog open onClose={close} fullWidth maxWidth="xs">
      <DialogTitle>{translate(title)}</DialogTitle>
      <DialogContent>
        <DialogContentText>{translate(content)}</DialogContentText>
        <TextField
          type="date"
          label={translate(label)}
          value={date}
          onChange={(event) => setDate(event.target.value)}
          error={date !== '' && !valid}
          helperText={date !== '' && !valid ? translate('app.dates.not_in_the_past') : undefined}
          fullWidth
          margin="normal"
          disabled={pending}
          slotProps={{ htmlInput: { min: today }, inputLabel: { shrink: true } }}
          autoFocus
        />
      </DialogContent>
      <DialogActions>
        <Button label="ra.action.cancel" onClick={close} disabled={pending} />
        <Button label="app.dates.change" variant="contained" onClick={() => onConfirm(date)} disabled={!valid || pending}>
          <EventIcon />
        </Button>
      </DialogActions>
    </Dialog>
  );
};
