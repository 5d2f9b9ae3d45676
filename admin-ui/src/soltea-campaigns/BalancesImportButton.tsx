import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, List, ListItem, ListItemText } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { apiUrl, httpClient } from '../httpClient';
import type { Role } from '../types';
import { refusalText } from './stepLabel';
import type { Campaign } from './types';

interface ImportReport {
  outcome: 'OK' | 'PARTIAL' | 'KO';
  imported: number;
  updated: number;
  rejected: { line: number; reason: string }[];
  rejectedCount: number;
}

/** Support imports the employers' balances of the campaign's year (CSV of the DSN's code 076 amounts) and reads the per-line report. */
export const BalancesImportButton = () => {
  const campaign = useRecordContext<Campaign>();
  const { permissions: role } = usePermissions<Role>();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const { mutate, isPending } = useMutation({
    mutationFn: async () =>
      (await httpClient(`${apiUrl}/soltea-balances/import?year=${campaign!.year}`, { method: 'POST', body: await file!.arrayBuffer(), headers: new Headers({ 'Content-Type': 'text/csv' }) })).json as ImportReport,
    onSuccess: (answer) => { setRefusal(null); setReport(answer); },
    onError: (error) => setRefusal(refusalText(translate, error)),
  });
  if (role !== 'SUPPORT' || !campaign) return null;
  return (
    <>
      <Button label="app.solteaCampaigns.import_balances" onClick={() => { setReport(null); setFile(null); setOpen(true); }}>
        <UploadFileIcon />
      </Button>
      <Dialog open={open} onClose={() => !isPending && setOpen(false)} maxWidth="sm" fullWidth>
        <DialogTitle>{translate('app.solteaCampaigns.import_title', { year: campaign.year })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('app.solteaCampaigns.import_content')}</DialogContentText>
          <input type="file" accept=".csv,text/csv" aria-label={translate('app.solteaCampaigns.import_file')} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          {report && (
            <Alert severity={report.outcome === 'OK' ? 'success' : report.outcome === 'PARTIAL' ? 'warning' : 'error'} sx={{ mt: 2 }}>
              {translate(`app.solteaCampaigns.import_outcome.${report.outcome}`, { imported: report.imported, updated: report.updated, rejected: report.rejectedCount })}
              {report.rejected.length > 0 && (
                <List dense>
                  {report.rejected.map((r) => (
                    <ListItem key={r.line} disableGutters>
                      <ListItemText primary={translate('app.solteaCampaigns.import_line', { line: r.line, reason: r.reason })} />
                    </ListItem>
                  ))}
                </List>
              )}
            </Alert>
          )}
          {refusal && <Alert severity="error" sx={{ mt: 2 }}>{refusal}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.close" onClick={() => setOpen(false)} disabled={isPending} />
          <Button label="app.solteaCampaigns.import_confirm" variant="contained" onClick={() => mutate()} disabled={!file || isPending}>
            <UploadFileIcon />
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
