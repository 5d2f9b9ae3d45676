import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { Alert, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, List, ListItem, ListItemText, MenuItem, Stack, TextField } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useLocale, useNotify, useRedirect, useTranslate } from 'react-admin';
import { postJson } from '../httpClient';
import { refusalText, stepLabel } from './stepLabel';
import { CALENDAR_VERSIONS, type CampaignStep } from './types';

/** Support starts a year's campaign by hand (the Schedule does it each November): a calendar version chosen, its steps previewed first. */
export const StartCampaignButton = () => {
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const redirect = useRedirect();
  const [open, setOpen] = useState(false);
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [version, setVersion] = useState('');
  const [reminders, setReminders] = useState('7, 2');
  const [equalShare, setEqualShare] = useState('40');
  const [steps, setSteps] = useState<CampaignStep[] | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const body = () => ({
    year: Number(year),
    ...(version ? { calendarVersion: version } : {}),
    reminderDaysBefore: reminders.split(/[,; ]+/).filter(Boolean).map(Number),
    unallocatedEqualShareBp: Math.round(Number(equalShare.replace(',', '.')) * 100),
  });
  const preview = useMutation({
    mutationFn: () => postJson<{ steps: CampaignStep[] }>('/soltea-campaigns/preview', body()),
    onSuccess: (answer) => { setRefusal(null); setSteps(answer.steps); },
    onError: (error) => { setSteps(null); setRefusal(refusalText(translate, error)); },
  });
  const start = useMutation({
    mutationFn: () => postJson<{ year: number }>('/soltea-campaigns', body()),
    onSuccess: (answer) => {
      setOpen(false);
      notify('app.solteaCampaigns.started', { type: 'success' });
      redirect('show', 'soltea-campaigns', answer.year);
    },
    onError: (error) => setRefusal(refusalText(translate, error)),
  });
  const day = (at: string) => new Date(at).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Paris' });
  const changed = (f: () => void) => { f(); setSteps(null); };
  return (
    <>
      <Button label="app.solteaCampaigns.start" onClick={() => setOpen(true)}>
        <PlayArrowIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} maxWidth="sm" fullWidth>
        <DialogTitle>{translate('app.solteaCampaigns.start_title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('app.solteaCampaigns.start_content')}</DialogContentText>
          <Stack spacing={2}>
            <Stack direction="row" spacing={2}>
              <TextField label={translate('app.solteaCampaigns.year')} type="number" value={year} onChange={(e) => changed(() => setYear(e.target.value))} size="small" />
              <TextField select label={translate('app.solteaCampaigns.calendar')} value={version} onChange={(e) => changed(() => setVersion(e.target.value))} size="small" sx={{ flex: 1 }}>
                <MenuItem value="">{translate('app.solteaCampaigns.calendar_default')}</MenuItem>
                {CALENDAR_VERSIONS.map((v) => (
                  <MenuItem key={v} value={v}>{translate(`app.solteaCampaigns.calendar_version.${v}`)}</MenuItem>
                ))}
              </TextField>
            </Stack>
            <Stack direction="row" spacing={2}>
              <TextField label={translate('app.solteaCampaigns.reminder_days')} helperText={translate('app.solteaCampaigns.reminder_days_help')} value={reminders} onChange={(e) => changed(() => setReminders(e.target.value))} size="small" sx={{ flex: 1 }} />
              <TextField label={translate('app.solteaCampaigns.equal_share')} helperText={translate('app.solteaCampaigns.equal_share_help')} value={equalShare} onChange={(e) => changed(() => setEqualShare(e.target.value))} size="small" sx={{ flex: 1 }} />
            </Stack>
            {steps && (
              <List dense sx={{ maxHeight: 320, overflow: 'auto' }}>
                {steps.map((s) => (
                  <ListItem key={s.key} disableGutters>
                    <ListItemText primary={stepLabel(translate, s.key)} secondary={`${day(s.at)}${s.past ? ` · ${translate('app.solteaCampaigns.past_step')}` : ''}`} />
                  </ListItem>
                ))}
              </List>
            )}
            {refusal && <Alert severity="error">{refusal}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
          <Button label="app.solteaCampaigns.preview" onClick={() => preview.mutate()} disabled={preview.isPending} />
          <Button label="app.solteaCampaigns.start_confirm" variant="contained" onClick={() => start.mutate()} disabled={!steps || start.isPending}>
            <PlayArrowIcon />
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
