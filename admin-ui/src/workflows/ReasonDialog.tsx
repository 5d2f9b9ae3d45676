import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useState, type ReactElement, type ReactNode } from 'react';
import { Button, useTranslate } from 'react-admin';
import { TERMINATE_REASON_MIN_LENGTH } from './workflowCommands';

interface ReasonDialogProps {
  open: boolean;
  pending: boolean;
  title: string;
  content: string;
  /** Shown above the reason (a count, a progress…). */
  children?: ReactNode;
  confirmLabel: string;
  confirmIcon: ReactElement;
  /** False while the action cannot be confirmed yet (nothing to act on). */
  ready?: boolean;
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

/** Asks for a mandatory reason (support actions that stop or rewind processes) before confirming. */
export const ReasonDialog = ({ open, pending, title, content, children, confirmLabel, confirmIcon, ready = true, onConfirm, onClose }: ReasonDialogProps) => {
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
          label={translate('app.workflows.reason_required')}
          helperText={translate('app.workflows.reason_min_length', { min: TERMINATE_REASON_MIN_LENGTH })}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          required
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
          disabled={!ready || trimmed.length < TERMINATE_REASON_MIN_LENGTH || pending}
        >
          {confirmIcon}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
