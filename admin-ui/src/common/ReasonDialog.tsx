import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useState, type ReactElement } from 'react';
import { Button, useTranslate } from 'react-admin';

interface ReasonDialogProps {
  open: boolean;
  title: string;
  content: string;
  /** Label and icon of the confirming button. */
  confirm: string;
  icon: ReactElement;
  /** A mandatory reason disables the confirming button until one is typed. */
  required: boolean;
  loading: boolean;
  onConfirm: (reason: string | undefined) => void;
  onClose: () => void;
}

/** Asks a reason before a process action (refusal, cancellation); the reason is trimmed, an empty one is none. */
export const ReasonDialog = ({ open, title, content, confirm, icon, required, loading, onConfirm, onClose }: ReasonDialogProps) => {
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  const trimmed = reason.trim();
  const close = () => {
    if (!loading) onClose();
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm">
      <DialogTitle>{translate(title)}</DialogTitle>
      <DialogContent>
        <DialogContentText>{translate(content)}</DialogContentText>
        <TextField
          label={translate(required ? 'app.reason.required' : 'app.reason.optional')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          required={required}
          fullWidth
          multiline
          margin="normal"
          disabled={loading}
          autoFocus
        />
      </DialogContent>
      <DialogActions>
        <Button label="ra.action.cancel" onClick={close} disabled={loading} />
        <Button
          label={confirm}
          color="error"
          variant="contained"
          onClick={() => onConfirm(trimmed || undefined)}
          disabled={loading || (required && !trimmed)}
        >
          {icon}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
