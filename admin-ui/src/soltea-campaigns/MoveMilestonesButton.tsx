import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import { Alert, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, IconButton, MenuItem, Stack, TextField } from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, useNotify, usePermissions, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { postJson } from '../httpClient';
import type { Role } from '../types';
import { refusalText, stepLabel } from './stepLabel';
import { MILESTONES, type Campaign, type Milestone } from './types';

interface Row {
  milestone: Milestone | '';
  date: string;
}

/**
 * Support moves future milestones of a running campaign: several at once
 * (so that the order holds, as in 2024), with a reason and the text that
 * decided it; the workflow's validator answers, its refusal said in words.
 */
export const MoveMilestonesButton = () => {
  const campaign = useRecordContext<Campaign>();
  const { permissions: role } = usePermissions<Role>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<Row[]>([{ milestone: '', date: '' }]);
  const [reason, setReason] = useState('');
  const [legalReference, setLegalReference] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const { mutate, isPending } = useMutation({
    mutationFn: () =>
      postJson(`/soltea-campaigns/${campaign!.year}/milestone-moves`, {
        moves: rows.filter((r) => r.milestone && r.date).map((r) => ({ milestone: r.milestone, date: r.date })),
        reason: reason.trim(),
        legalReference: legalReference.trim(),
      }),
    onSuccess: () => {
      setOpen(false);
      notify('app.solteaCampaigns.moved', { type: 'success' });
      refresh();
    },
    onError: (error) => setRefusal(refusalText(translate, error)),
  });
  if (role !== 'SUPPORT' || !campaign || campaign.status !== 'RUNNING' || !campaign.calendar) return null;
  const set = (i: number, row: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...row } : r)));
  const ready = rows.some((r) => r.milestone && r.date) && reason.trim() && legalReference.trim();
  return (
    <>
      <Button label="app.solteaCampaigns.move" onClick={() => { setRefusal(null); setOpen(true); }}>
        <EventRepeatIcon />
      </Button>
      <Dialog open={open} onClose={() => !isPending && setOpen(false)} maxWidth="sm" fullWidth>
        <DialogTitle>{translate('app.solteaCampaigns.move_title', { year: campaign.year })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('app.solteaCampaigns.move_content')}</DialogContentText>
          <Stack spacing={2}>
            {rows.map((row, i) => (
              <Stack key={i} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <TextField
                  select
                  label={translate('app.solteaCampaigns.milestone_label')}
                  value={row.milestone}
                  onChange={(e) => set(i, { milestone: e.target.value as Milestone, date: row.date || campaign.calendar!.milestones[e.target.value as Milestone].date })}
                  sx={{ flex: 2 }}
                  size="small"
                >
                  {MILESTONES.map((m) => (
                    <MenuItem key={m} value={m}>
                      {stepLabel(translate, m)} ({campaign.calendar!.milestones[m].date.split('-').reverse().join('/')})
                    </MenuItem>
                  ))}
                </TextField>
                <TextField type="date" label={translate('app.solteaCampaigns.new_date')} value={row.date} onChange={(e) => set(i, { date: e.target.value })} size="small" sx={{ flex: 1 }} slotProps={{ inputLabel: { shrink: true } }} />
                <IconButton aria-label={translate('ra.action.delete')} onClick={() => setRows(rows.length > 1 ? rows.filter((_, j) => j !== i) : [{ milestone: '', date: '' }])}>
                  <DeleteIcon fontSize="small" />
                </IconButton>
              </Stack>
            ))}
            <Button label="app.solteaCampaigns.add_milestone" onClick={() => setRows([...rows, { milestone: '', date: '' }])} sx={{ alignSelf: 'flex-start' }} />
            <TextField label={translate('app.solteaCampaigns.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required multiline minRows={2} />
            <TextField
              label={translate('app.solteaCampaigns.legal_reference')}
              helperText={translate('app.solteaCampaigns.legal_reference_help')}
              value={legalReference}
              onChange={(e) => setLegalReference(e.target.value)}
              required
            />
            {refusal && <Alert severity="error">{refusal}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={() => setOpen(false)} disabled={isPending} />
          <Button label="app.solteaCampaigns.move_confirm" onClick={() => mutate()} disabled={!ready || isPending} variant="contained">
            <EventRepeatIcon />
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
