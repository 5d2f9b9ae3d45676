import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { Alert, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Stack, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useLocale, useNotify, useRefresh, useTranslate } from 'react-admin';
import { todayInParis } from '../common/calendarDate';
import { startCheckRun } from './preventionApi';
import { errorBody, usePreventionErrorText } from './preventionErrors';
import { dayText } from './preventionFormat';

/**
 * Support starts a year's check by hand (its Schedule does it each
 * December): the year and the checks' last day, 31 December by default;
 * once per year, a refusal said in words on its field.
 */
const StartDialog = ({ onClose }: { onClose: () => void }) => {
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const refresh = useRefresh();
  const errorText = usePreventionErrorText();
  const today = todayInParis();
  const [year, setYear] = useState(today.slice(0, 4));
  const [due, setDue] = useState(`${today.slice(0, 4)}-12-31`);
  const { mutate, isPending, error } = useMutation({
    mutationFn: () => startCheckRun(Number(year), due),
    onSuccess: (started) => {
      notify('app.prevention.check_runs.started', { type: 'success', messageArgs: { year: started.year, due: dayText(started.due, locale) } });
      refresh();
      onClose();
    },
  });
  const body = errorBody(error);
  const refusal = error ? errorText(error) : null;
  const onField = (name: 'year' | 'due') => !!body?.errors?.[name];
  const close = () => !isPending && onClose();
  return (
    <Dialog open onClose={close} maxWidth="sm" fullWidth>
      <DialogTitle>{translate('app.prevention.check_runs.start_title')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{translate('app.prevention.check_runs.start_content')}</DialogContentText>
        {refusal && !onField('year') && !onField('due') && (
          <Alert severity="error" role="alert" sx={{ mt: 2 }}>
            {refusal}
          </Alert>
        )}
        <Stack direction="row" spacing={2} sx={{ mt: 1 }}>
          <TextField
            type="number"
            label={translate('resources.prevention-check-runs.fields.year')}
            value={year}
            onChange={(e) => setYear(e.target.value)}
            error={onField('year')}
            helperText={onField('year') ? refusal : undefined}
            margin="normal"
            disabled={isPending}
            slotProps={{ htmlInput: { min: 2025, max: Number(today.slice(0, 4)), step: 1 } }}
          />
          <TextField
            type="date"
            label={translate('resources.prevention-check-runs.fields.due')}
            value={due}
            onChange={(e) => setDue(e.target.value)}
            error={onField('due')}
            helperText={onField('due') ? refusal : translate('app.prevention.check_runs.due_help')}
            margin="normal"
            disabled={isPending}
            slotProps={{ htmlInput: { min: today }, inputLabel: { shrink: true } }}
          />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button label="ra.action.cancel" onClick={close} disabled={isPending} />
        <Button label="app.prevention.check_runs.start_confirm" variant="contained" onClick={() => mutate()} disabled={!/^\d{4}$/.test(year) || due === '' || isPending}>
          <PlayArrowIcon />
        </Button>
      </DialogActions>
    </Dialog>
  );
};

export const StartCheckRunButton = () => {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button label="app.prevention.check_runs.start" onClick={() => setOpen(true)}>
        <PlayArrowIcon />
      </Button>
      {open && <StartDialog onClose={() => setOpen(false)} />}
    </>
  );
};
