import EventIcon from '@mui/icons-material/Event';
import { Alert, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useLocale, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { todayInParis } from '../common/calendarDate';
import { moveDeadline } from './preventionApi';
import { errorBody, usePreventionErrorText } from './preventionErrors';
import { dayText, quarterLabel } from './preventionFormat';
import type { PreventionWindow } from './types';

const MIN_REASON = 3;

/** The move's form: the new last day and why; a refusal in words, on its field when it names one. */
const MoveDialog = ({ record, onClose }: { record: PreventionWindow; onClose: () => void }) => {
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const refresh = useRefresh();
  const errorText = usePreventionErrorText();
  const [deadline, setDeadline] = useState(record.deadline);
  const [reason, setReason] = useState('');
  const { mutate, isPending, error } = useMutation({
    mutationFn: () => moveDeadline(record.id, deadline, reason.trim()),
    onSuccess: (moved) => {
      notify('app.prevention.windows.moved', { type: 'success', messageArgs: { deadline: dayText(moved.deadline, locale) } });
      refresh();
      onClose();
    },
  });
  const body = errorBody(error);
  const refusal = error ? errorText(error) : null;
  const onField = (name: 'deadline' | 'reason') => !!body?.errors?.[name];
  const today = todayInParis();
  const ready = deadline !== '' && deadline !== record.deadline && reason.trim().length >= MIN_REASON;
  const close = () => !isPending && onClose();
  return (
    <Dialog open onClose={close} maxWidth="sm" fullWidth>
      <DialogTitle>{translate('app.prevention.windows.move_title', { siren: record.employerSiren, quarter: quarterLabel(translate, record.quarter) })}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {translate('app.prevention.windows.move_content', { deadline: dayText(record.deadline, locale), smart_count: record.pending })}
        </DialogContentText>
        {refusal && !onField('deadline') && !onField('reason') && (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            {refusal}
          </Alert>
        )}
        <TextField
          type="date"
          label={translate('app.prevention.windows.new_deadline')}
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
          error={onField('deadline')}
          helperText={onField('deadline') ? refusal : undefined}
          margin="normal"
          disabled={isPending}
          slotProps={{ htmlInput: { min: today }, inputLabel: { shrink: true } }}
        />
        <TextField
          label={translate('app.reason.required')}
          helperText={onField('reason') ? refusal : translate('app.reason.min_length', { min: MIN_REASON })}
          error={onField('reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          fullWidth
          multiline
          margin="normal"
          disabled={isPending}
        />
      </DialogContent>
      <DialogActions>
        <Button label="ra.action.cancel" onClick={close} disabled={isPending} />
        <Button label="app.prevention.windows.move_confirm" variant="contained" onClick={() => mutate()} disabled={!ready || isPending}>
          <EventIcon />
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** « Déplacer l’échéance » of an open window (support): its process records who moved it, from when, to when and why. */
export const MoveDeadlineButton = () => {
  const record = useRecordContext<PreventionWindow>();
  const [open, setOpen] = useState(false);
  if (!record || record.status !== 'OPEN') return null;
  return (
    <>
      <Button label="app.prevention.windows.move" onClick={() => setOpen(true)} sx={{ whiteSpace: 'nowrap' }}>
        <EventIcon />
      </Button>
      {open && <MoveDialog record={record} onClose={() => setOpen(false)} />}
    </>
  );
};
