import { Stack, Typography } from '@mui/material';
import { useLocale, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { FailureField } from '../common/FailureField';

interface HistoryEntry {
  name: string | null;
  by: string | null;
  reason: string | null;
  dueAt: string | null;
  phase: string | null;
  failure: { cause: string; code: string | null } | null;
}

/** A person acting from the console is recorded as `First LAST <account id> (console)`: the name is what people read. */
const who = (identity: string) => identity.replace(/\s*<[^>]*>/, '');

/** What a history event is about: the activity, update, signal or timer, who sent it, why, when a timer fires, the phase reached, its failure. */
export const HistoryDetailField = (_props: FieldProps) => {
  const entry = useRecordContext<HistoryEntry>();
  const translate = useTranslate();
  const locale = useLocale();
  if (!entry) return null;
  const lines = [
    entry.name && translate(`app.activities.${entry.name}`, { _: translate(`app.enums.workflowType.${entry.name}`, { _: entry.name }) }),
    entry.phase && translate('app.workflows.history_phase', { phase: translate(`app.enums.workflowPhase.${entry.phase}`, { _: entry.phase }) }),
    entry.dueAt && translate('app.workflows.history_due', { date: new Date(entry.dueAt).toLocaleString(locale) }),
    entry.by && translate('app.workflows.history_by', { who: who(entry.by) }),
    entry.reason && translate('app.workflows.history_reason', { reason: entry.reason }),
  ].filter(Boolean);
  return (
    <Stack spacing={0.25}>
      {lines.map((line) => (
        <Typography key={line as string} variant="body2" sx={{ overflowWrap: 'anywhere' }}>
          {line}
        </Typography>
      ))}
      {entry.failure && <FailureField source="failure" />}
    </Stack>
  );
};
