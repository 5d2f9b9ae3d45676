import DoneIcon from '@mui/icons-material/TaskAlt';
import { Alert, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useNotify, useRefresh, useTranslate } from 'react-admin';
import { markCheckDone } from './preventionApi';
import { usePreventionErrorText } from './preventionErrors';
import type { PreventionCheck } from './types';

/**
 * « Vérification faite » of an open check, once the administrator confirmed
 * (what is still open is said: employees without a declaration, lines to
 * verify): the check's process records it and the task leaves « Mes
 * tâches ». A refusal (closed meanwhile, by a colleague or the due day)
 * stays in the dialog, in words; closing it reloads the check as it is.
 */
export const MarkCheckDoneButton = ({ check }: { check: PreventionCheck }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const errorText = usePreventionErrorText();
  const [open, setOpen] = useState(false);
  const { mutate, isPending, error, reset } = useMutation({
    mutationFn: () => markCheckDone(check.id),
    onSuccess: (done) => {
      setOpen(false);
      notify('app.prevention.check.marked_done', { type: 'success', messageArgs: { year: done.year } });
      refresh();
    },
  });
  const close = () => {
    if (isPending) return;
    setOpen(false);
    if (error) refresh();
  };
  if (check.status !== 'OPEN') return null;
  return (
    <>
      <Button
        label="app.prevention.check.mark_done"
        variant="contained"
        onClick={() => {
          reset();
          setOpen(true);
        }}
      >
        <DoneIcon />
      </Button>
      <Dialog open={open} onClose={close} maxWidth="sm" fullWidth aria-labelledby="check-done-title">
        <DialogTitle id="check-done-title">{translate('app.prevention.check.confirm_title', { year: check.year })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('app.prevention.check.confirm_content', { year: check.year })}</DialogContentText>
          {check.counts.without > 0 && (
            <Alert severity="info" sx={{ mt: 2 }}>
              {translate('app.prevention.check.confirm_without', { smart_count: check.counts.without })}
            </Alert>
          )}
          {check.counts.awaitingVerification > 0 && (
            <Alert severity="warning" sx={{ mt: 2 }}>
              {translate('app.prevention.check.confirm_awaiting', { smart_count: check.counts.awaitingVerification })}
            </Alert>
          )}
          {error && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }}>
              {errorText(error)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button label={error ? 'ra.action.close' : 'ra.action.cancel'} onClick={close} disabled={isPending} />
          {!error && (
            <Button label="app.prevention.check.confirm" variant="contained" onClick={() => mutate()} disabled={isPending}>
              <DoneIcon />
            </Button>
          )}
        </DialogActions>
      </Dialog>
    </>
  );
};
