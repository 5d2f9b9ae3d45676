import { Box, Collapse, IconButton, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocale, useTranslate } from 'react-admin';
import { getJson } from '../httpClient';
import { stepLabel } from './stepLabel';
import type { CampaignRun } from './types';

interface RunFailure {
  item: string;
  code: string;
  params: Record<string, unknown> | null;
}

/** A run's failures, item by item, each reason in words (fetched when the row is opened). */
const RunFailures = ({ runId }: { runId: string }) => {
  const translate = useTranslate();
  const { data } = useQuery({ queryKey: ['soltea-run', runId], queryFn: () => getJson<{ failures: RunFailure[]; failureCount: number }>(`/soltea-runs/${runId}`) });
  if (!data) return null;
  return (
    <Box sx={{ py: 1 }}>
      {data.failures.map((f) => (
        <Typography key={f.item} variant="body2">
          {f.item} — {translate(`app.solteaCampaigns.failure.${f.code}`, { _: f.code, ...(f.params ?? {}) })}
        </Typography>
      ))}
      {data.failureCount > data.failures.length && (
        <Typography variant="body2" color="text.secondary">{translate('app.solteaCampaigns.more_failures', { n: data.failureCount - data.failures.length })}</Typography>
      )}
    </Box>
  );
};

const RunRow = ({ run }: { run: CampaignRun }) => {
  const translate = useTranslate();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const when = (at: string | null) => (at ? new Date(at).toLocaleString(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' }) : '—');
  const counts = Object.entries(run.counts)
    .map(([k, v]) => `${translate(`app.solteaCampaigns.count.${k}`, { _: k })} : ${k.endsWith('Cents') ? (v / 100).toLocaleString(locale, { style: 'currency', currency: 'EUR' }) : k.endsWith('Bp') ? `${(v / 100).toLocaleString(locale)} %` : v.toLocaleString(locale)}`)
    .join(' · ');
  return (
    <>
      <TableRow>
        <TableCell>{stepLabel(translate, run.step)}</TableCell>
        <TableCell>{translate(`app.solteaCampaigns.run_status.${run.status}`)}</TableCell>
        <TableCell>{when(run.startedAt)}</TableCell>
        <TableCell>{when(run.endedAt)}</TableCell>
        <TableCell sx={{ maxWidth: 420 }}>{counts}</TableCell>
        <TableCell>
          {run.failureCount}
          {run.failureCount > 0 && (
            <IconButton size="small" aria-label={translate('app.solteaCampaigns.show_failures')} onClick={() => setOpen(!open)}>
              <ExpandMoreIcon fontSize="small" />
            </IconButton>
          )}
        </TableCell>
      </TableRow>
      {open && (
        <TableRow>
          <TableCell colSpan={6}>
            <Collapse in>
              <RunFailures runId={run.id} />
            </Collapse>
          </TableCell>
        </TableRow>
      )}
    </>
  );
};

/** The run report of each step done: started, ended, counts, failures per item with their reason. */
export const CampaignRuns = ({ runs }: { runs: CampaignRun[] }) => {
  const translate = useTranslate();
  if (!runs.length) return <Typography variant="body2" color="text.secondary">{translate('app.solteaCampaigns.no_run')}</Typography>;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          {['step', 'status', 'started', 'ended', 'counts', 'failures'].map((c) => (
            <TableCell key={c}>{translate(`app.solteaCampaigns.runs_column.${c}`)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {runs.map((run) => (
          <RunRow key={run.id} run={run} />
        ))}
      </TableBody>
    </Table>
  );
};
