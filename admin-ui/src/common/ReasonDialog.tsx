import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useState, type ReactElement, type ReactNode } from 'react';
import { Button, useTranslate } from 'react-admin';

interface ReasonDialogProps {
  open: boolean;
  pending: boolean;
  title: string;
  content: string;
  /** Shown above the reason (a count, a progress…). */
  children?: ReactNode;
  confirmLabel: string;
  confirmIcon: ReactElement;
  /** The reason's minimum length once trimmed; 0: optional. */
  minLength: number;
  /** False while the action cannot be confirmed yet (nothing to act on). */
  ready?: boolean;
  /** Called with the trimmed reason ('' when none was typed). */
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

/** Asks a reason before an action on a process (refusal, cancellation, termination, reset, batch). */
export const ReasonDialog = (props: ReasonDialogProps) => {
  const { open, pending, title, content, children, confirmLabel, confirmIcon, minLength, ready = true, onConfirm, onClose } = props;
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  const trimmed = reason.trim();
  const close = () => {
    if (!pending) onClose();
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="sm" slotProps={{ transition: { onExited: () => setReason('') } }}>
      <DialogTitle>{translate(title)}</DialogTitle>
      <DialogContent>
        <DialogContentText>{translate(content)}</DialogContentText>
        {children}
        <TextField
          label={translate(minLength > 0 ? 'app.reason.required' : 'app.reason.optional')}
          helperText={minLength > 1 ? translate('app.reason.min_length', { min: minLength }) : undefined}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          required={minLength > 0}
          fullWidth
          multiline
          margin="normal"
          disabled={pending}
          autoFocus
        />
      </DialogContent>
      <DialogActions>
        <Button label="ra.action.cancel" onClick={close} disabled={pending} />
        <Button
          label={confirmLabel}
          color="error"
          variant="contained"
          onClick={() => onConfirm(trimmed)}
          disabled={!ready || pending || trimmed.length < minLength}
        >
          {confirmIcon}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
