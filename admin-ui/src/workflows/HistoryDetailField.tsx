import { Stack, Typography } from '@mui/material';
import { useLocale, useRecordContext, useTranslate, type FieldProps } from 'react-admin';
import { FailureField } from '../common/FailureField';

interface HistoryEntry {
  eventType: string;
  name: string | null;
  by: string | null;
  reason: string | null;
  dueAt: string | null;
  phase: string | null;
  /** For a timer: the business phase it waits in. */
  waitingIn: string | null;
  failure: { cause: string; code: string | null } | null;
}

/** A person acting from the console is recorded as `First LAST <account id> (console)`: the name is what people read. */
const who = (identity: string) => identity.replace(/\s*<[^>]*>/, '');

/** Timer events say what the timer is for (its purpose, else « a timer »), the phase it waits in and when it fires — never its sequence number. */
const TIMER_DUE: Record<string, string> = {
  TIMER_STARTED: 'app.workflows.timer_fires',
  TIMER_FIRED: 'app.workflows.timer_was_due',
  TIMER_CANCELED: 'app.workflows.timer_was_due',
};

/** What a history event is about: the activity, update, signal or timer, who sent it, why, when a timer fires, the phase reached, its failure. */
export const HistoryDetailField = (_props: FieldProps) => {
  const entry = useRecordContext<HistoryEntry>();
  const translate = useTranslate();
  const locale = useLocale();
  if (!entry) return null;
  const phase = (value: string) => translate(`app.enums.workflowPhase.${value}`, { _: value });
  const when = (key: string, at: string | null) => at && translate(key, { date: new Date(at).toLocaleString(locale) });
  const timerDue = TIMER_DUE[entry.eventType];
  const lines = (
    timerDue
      ? [
          entry.name ? translate(`app.timers.${entry.name}`, { _: entry.name }) : translate('app.workflows.timer'),
          entry.waitingIn && translate('app.workflows.timer_in_phase', { phase: phase(entry.waitingIn) }),
          when(timerDue, entry.dueAt),
        ]
      : [
          entry.name && translate(`app.activities.${entry.name}`, { _: translate(`app.enums.workflowType.${entry.name}`, { _: entry.name }) }),
          entry.phase && translate('app.workflows.history_phase', { phase: phase(entry.phase) }),
          when('app.workflows.history_due', entry.dueAt),
          entry.by && translate('app.workflows.history_by', { who: who(entry.by) }),
          entry.reason && translate('app.workflows.history_reason', { reason: entry.reason }),
        ]
  ).filter(Boolean);
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
