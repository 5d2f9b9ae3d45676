import LockIcon from '@mui/icons-material/Lock';
import { Box, Chip, Stack, Tooltip, Typography } from '@mui/material';
import { useLocale, useRecordContext, useTranslate } from 'react-admin';
import { toneOf } from '../enums';
import { dayText, quarterLabel, verificationOver } from './preventionFormat';
import { LEARNER_STATUSES, type PreventionDeclaration, type PreventionLearner } from './types';

/** A learner's NIR as the API sent it: in clear for the declarer and the employer, masked (sex and birth year) for anyone else, said so. */
export const NirText = ({ learner }: { learner: Pick<PreventionLearner, 'nir' | 'nirMasked'> }) => {
  const translate = useTranslate();
  if (!learner.nirMasked) return <Box component="span" sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{learner.nir}</Box>;
  return (
    <Tooltip title={translate('app.prevention.nir_masked')}>
      <Box component="span" sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap', color: 'text.secondary', display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
        <LockIcon sx={{ fontSize: 14 }} aria-label={translate('app.prevention.nir_masked')} />
        {learner.nir}
      </Box>
    </Tooltip>
  );
};

/** A calendar day of the record (`YYYY-MM-DD`) in the console's language. */
export const DayField = ({ source }: { source: 'trainingStart' | 'trainingEnd' | 'deadline' | 'birthDate' | 'verificationDeadline' | 'proofValidFrom' | 'due'; label?: string }) => {
  const record = useRecordContext<Record<string, unknown>>();
  const locale = useLocale();
  const value = record?.[source];
  return typeof value === 'string' ? <Box component="span" sx={{ whiteSpace: 'nowrap' }}>{dayText(value, locale)}</Box> : null;
};

export const QuarterField = (_props: { label?: string }) => {
  const record = useRecordContext<{ quarter: string }>();
  const translate = useTranslate();
  return record ? <Box component="span" sx={{ whiteSpace: 'nowrap' }}>{quarterLabel(translate, record.quarter)}</Box> : null;
};

/** « en retard de 12 jours » on a declaration made after its legal deadline. */
export const LateChip = () => {
  const declaration = useRecordContext<PreventionDeclaration>();
  const translate = useTranslate();
  if (!declaration?.late) return null;
  return <Chip size="small" color="error" variant="outlined" label={translate('app.prevention.late', { smart_count: declaration.daysLate })} sx={{ mt: 0.5 }} />;
};

/** The deadline, and under it whether the declaration came late. */
export const DeadlineField = (_props: { label?: string }) => (
  <Stack spacing={0.25} sx={{ alignItems: 'flex-start' }}>
    <DayField source="deadline" />
    <LateChip />
  </Stack>
);

/** Each status its learners are in, counted (those with none left out). */
export const StatusCounts = (_props: { label?: string }) => {
  const declaration = useRecordContext<PreventionDeclaration>();
  const translate = useTranslate();
  if (!declaration) return null;
  const counts = LEARNER_STATUSES.filter((s) => (declaration.statusCounts?.[s] ?? 0) > 0);
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {counts.map((s) => (
        <Chip
          key={s}
          size="small"
          color={toneOf(s)}
          label={translate(`app.prevention.status_count.${s}`, { smart_count: declaration.statusCounts[s] })}
        />
      ))}
    </Stack>
  );
};

/** The last day to verify a training body's line, said past once it is. */
export const VerificationDeadlineField = (_props: { label?: string }) => {
  const learner = useRecordContext<PreventionLearner>();
  const translate = useTranslate();
  const locale = useLocale();
  if (!learner) return null;
  if (!learner.verificationDeadline) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.prevention.no_verification')}
      </Typography>
    );
  }
  const over = verificationOver(learner.verificationDeadline) && learner.status === 'PENDING_VERIFICATION';
  return (
    <Stack spacing={0.25} sx={{ alignItems: 'flex-start' }}>
      <Box component="span" sx={{ whiteSpace: 'nowrap' }}>{dayText(learner.verificationDeadline, locale)}</Box>
      {over && <Chip size="small" variant="outlined" color="warning" label={translate('app.prevention.verification_over')} />}
    </Stack>
  );
};
