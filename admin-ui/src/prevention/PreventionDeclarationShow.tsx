import { Alert, Box, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { RecordContextProvider, Show, useLocale, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { EnumField } from '../common/EnumField';
import type { ConsoleRole } from '../types';
import { DeleteLearnerButton } from './DeleteLearnerButton';
import { dayText, instantText, quarterLabel } from './preventionFormat';
import { DayField, LateChip, NirText, StatusCounts, VerificationDeadlineField } from './PreventionFields';
import type { PreventionDeclaration, PreventionLearner } from './types';
import { useDeclarantSirets } from './useDeclarantSirets';

const Item = ({ label, children }: { label: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ minWidth: 160 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate(`resources.prevention-declarations.fields.${label}`)}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Box>
  );
};

/** What was declared: who, the training, its proof and certification, the quarter and the deadline. */
const Summary = () => {
  const d = useRecordContext<PreventionDeclaration>();
  const translate = useTranslate();
  const locale = useLocale();
  if (!d) return null;
  return (
    <Stack spacing={2}>
      <Box>
        <Typography variant="h6" component="h1">
          {d.title}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('app.prevention.show.subtitle', { siret: d.declarantSiret, at: instantText(d.createdAt, locale) })}
        </Typography>
      </Box>
      <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Item label="declarantKind">
          <EnumField source="declarantKind" enumName="preventionDeclarantKind" />
        </Item>
        <Item label="channel">{translate(`app.enums.preventionChannel.${d.channel}`)}</Item>
        <Item label="quarter">{quarterLabel(translate, d.quarter)}</Item>
        <Item label="deadline">
          <DayField source="deadline" />
          <div>
            <LateChip />
          </div>
        </Item>
        <Item label="learnerCount">{d.learnerCount}</Item>
        <Item label="statusCounts">
          <StatusCounts />
        </Item>
      </Stack>
      <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Item label="proofType">{translate(`app.enums.preventionProofType.${d.proofType}`)}</Item>
        <Item label="trainingStart">{dayText(d.trainingStart, locale)}</Item>
        <Item label="trainingEnd">{dayText(d.trainingEnd, locale)}</Item>
        {d.proofValidFrom && <Item label="proofValidFrom">{dayText(d.proofValidFrom, locale)}</Item>}
        <Item label="modality">{translate(`app.enums.preventionModality.${d.modality}`)}</Item>
        <Item label="certificationKind">
          {translate(`app.enums.preventionCertificationKind.${d.certificationKind}`)} {d.certificationCode}
          {d.nsfCode && ` · NSF ${d.nsfCode}`}
        </Item>
        <Item label="romeSkills">
          {d.romeSkills.length ? (
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {d.romeSkills.map((s) => (
                <Chip key={s} size="small" variant="outlined" label={s} />
              ))}
            </Stack>
          ) : (
            '—'
          )}
        </Item>
      </Stack>
      <Item label="trainerQualification">
        <Box component="span" sx={{ whiteSpace: 'pre-line' }}>
          {d.trainerQualification}
        </Box>
      </Item>
    </Stack>
  );
};

/** A line's outcome: when decided, and the correction asked. */
const Decision = ({ learner }: { learner: PreventionLearner }) => {
  const translate = useTranslate();
  const locale = useLocale();
  return (
    <>
      <EnumField source="status" enumName="preventionLearnerStatus" />
      {learner.decidedAt && (
        <Typography variant="caption" component="div" color="text.secondary">
          {translate('app.prevention.decided_at', { at: instantText(learner.decidedAt, locale) })}
        </Typography>
      )}
      {learner.correctionReason && (
        <Typography variant="caption" component="div" sx={{ whiteSpace: 'pre-line', maxWidth: 260 }}>
          {translate('app.prevention.correction_reason', { reason: learner.correctionReason })}
        </Typography>
      )}
    </>
  );
};

/** The learners the signed-in person sees, each with where it stands; the declarer deletes a line (never edits it). */
const Learners = () => {
  const d = useRecordContext<PreventionDeclaration>();
  const translate = useTranslate();
  const locale = useLocale();
  const { permissions: role } = usePermissions<ConsoleRole | null>();
  const { sirets } = useDeclarantSirets();
  if (!d) return null;
  const learners = d.learners ?? [];
  const declarer = role !== 'SUPPORT' && sirets.includes(d.declarantSiret);
  const column = (name: string) => translate(`resources.prevention-learners.fields.${name}`);
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        {translate('app.prevention.show.learners', { smart_count: learners.length })}
      </Typography>
      {declarer && <Alert severity="info">{translate('app.prevention.show.never_edited')}</Alert>}
      <Table size="small" aria-label={translate('app.prevention.show.learners', { smart_count: learners.length })}>
        <TableHead>
          <TableRow>
            <TableCell>{column('learner')}</TableCell>
            <TableCell>{column('nir')}</TableCell>
            <TableCell>{column('birthDate')}</TableCell>
            <TableCell>{column('employerSiret')}</TableCell>
            <TableCell>{column('status')}</TableCell>
            <TableCell>{column('verificationDeadline')}</TableCell>
            {declarer && <TableCell>{translate('app.processes.actions')}</TableCell>}
          </TableRow>
        </TableHead>
        <TableBody>
          {learners.map((l) => (
            <RecordContextProvider key={l.id} value={l}>
              <TableRow>
                <TableCell>
                  {l.birthName} {l.firstNames}
                </TableCell>
                <TableCell>
                  <NirText learner={l} />
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{dayText(l.birthDate, locale)}</TableCell>
                <TableCell>{l.employerSiret}</TableCell>
                <TableCell>
                  <Decision learner={l} />
                </TableCell>
                <TableCell>
                  <VerificationDeadlineField />
                </TableCell>
                {declarer && (
                  <TableCell>
                    <DeleteLearnerButton learner={l} last={learners.length === 1} />
                  </TableCell>
                )}
              </TableRow>
            </RecordContextProvider>
          ))}
        </TableBody>
      </Table>
    </Stack>
  );
};

const ShowTitle = () => {
  const d = useRecordContext<PreventionDeclaration>();
  const translate = useTranslate();
  return <>{d ? translate('app.prevention.show.title', { title: d.title }) : ''}</>;
};

/** One declaration: what was declared, and its learners (status chips; the declarer deletes a line and declares it again). */
export const PreventionDeclarationShow = () => (
  <Show title={<ShowTitle />} actions={false}>
    <CardContent>
      <Stack spacing={3}>
        <Summary />
        <Learners />
      </Stack>
    </CardContent>
  </Show>
);
