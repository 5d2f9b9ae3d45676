import DeleteIcon from '@mui/icons-material/Delete';
import { Alert, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useNotify, useRedirect, useRefresh, useTranslate } from 'react-admin';
import { deleteLearner } from './preventionApi';
import { usePreventionErrorText } from './preventionErrors';
import type { PreventionLearner } from './types';

/**
 * The declarer deletes one learner's line, once he confirmed: a declaration
 * is never edited — its learners are deleted and declared again; it goes
 * with its last learner (then back to the list).
 */
export const DeleteLearnerButton = ({ learner, last }: { learner: PreventionLearner; last: boolean }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const redirect = useRedirect();
  const errorText = usePreventionErrorText();
  const [open, setOpen] = useState(false);
  const { mutate, isPending, error, reset } = useMutation({
    mutationFn: () => deleteLearner(learner.id),
    onSuccess: ({ declarationDeleted }) => {
      setOpen(false);
      if (declarationDeleted) {
        notify('app.prevention.delete.declaration_deleted', { type: 'success' });
        redirect('list', 'prevention-declarations');
      } else {
        notify('app.prevention.delete.deleted', { type: 'success' });
        refresh();
      }
    },
  });
  const name = `${learner.birthName} ${learner.firstNames}`;
  return (
    <>
      <Button
        label="app.prevention.delete.action"
        color="error"
        onClick={() => {
          reset();
          setOpen(true);
        }}
      >
        <DeleteIcon />
      </Button>
      <Dialog open={open} onClose={() => !isPending && setOpen(false)} maxWidth="sm" fullWidth>
        <DialogTitle>{translate('app.prevention.delete.title', { name })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate('app.prevention.delete.content')}</DialogContentText>
          {last && (
            <Alert severity="warning" sx={{ mt: 2 }}>
              {translate('app.prevention.delete.last')}
            </Alert>
          )}
          {error && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }}>
              {errorText(error)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={() => setOpen(false)} disabled={isPending} />
          <Button label="app.prevention.delete.confirm" color="error" variant="contained" onClick={() => mutate()} disabled={isPending}>
            <DeleteIcon />
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
