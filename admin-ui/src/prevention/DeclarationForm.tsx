import SendIcon from '@mui/icons-material/Send';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import {
  ArrayInput,
  DateInput,
  Form,
  RadioButtonGroupInput,
  ResourceContextProvider,
  SelectInput,
  SimpleFormIterator,
  TextArrayInput,
  TextInput,
  useCreatePath,
  useNotify,
  useTranslate,
  type Validator,
} from 'react-admin';
import { useFormState, useWatch } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { todayInParis } from '../common/calendarDate';
import { mandatory } from '../common/validation';
import { enumChoices } from '../enums';
import { compactNir, nirProblem } from './nir';
import { createDeclaration } from './preventionApi';
import { usePreventionErrorText, usePreventionFieldErrors } from './preventionErrors';
import type { DeclarationInput, LearnerInput } from './types';

/** Without the separators people type in a NIR or a SIRET. */
const compact = (text: string | null | undefined) => (text ?? '').replace(/[\s.-]/g, '');

const field = (name: string) => `resources.prevention-declarations.fields.${name}`;
const learnerField = (name: string) => `resources.prevention-declarations.fields.learner.${name}`;

const siret: Validator = (value) => (typeof value === 'string' && value !== '' && !/^\d{14}$/.test(compact(value)) ? 'app.prevention.validation.siret' : undefined);
/** The NIR checked as the server checks it, said in the console's language. */
const nir: Validator = (value) => {
  const problem = typeof value === 'string' && value !== '' ? nirProblem(value) : null;
  return problem ? `app.prevention.errors.${problem.replace('.', '_')}` : undefined;
};
const notAfterToday: Validator = (value) => (typeof value === 'string' && value > todayInParis() ? 'app.prevention.validation.not_future' : undefined);

interface FormValues extends Omit<DeclarationInput, 'learners'> {
  learners: Partial<LearnerInput>[];
}


const toInput = (values: FormValues): DeclarationInput => ({
  ...values,
  title: values.title.trim(),
  proofValidFrom: values.proofType === 'SUCCESS' ? values.proofValidFrom || null : null,
  nsfCode: values.certificationKind === 'FORMACODE' ? values.nsfCode?.trim() || null : null,
  romeSkills: (values.romeSkills ?? []).map((s) => s.trim().toUpperCase()).filter(Boolean),
  certificationCode: values.certificationCode.trim(),
  learners: values.learners.map((l) => ({
    nir: compactNir(l.nir ?? ''),
    birthName: (l.birthName ?? '').trim(),
    firstNames: (l.firstNames ?? '').trim(),
    birthDate: l.birthDate ?? '',
    employerSiret: compact(l.employerSiret),
  })),
});

const Section = ({ title }: { title: string }) => {
  const translate = useTranslate();
  return (
    <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600, mt: 1 }}>
      {translate(title)}
    </Typography>
  );
};

/** The proof's date, asked for a success proof only. */
const ProofDateInput = () => {
  const proofType = useWatch({ name: 'proofType' });
  if (proofType !== 'SUCCESS') return null;
  return <DateInput source="proofValidFrom" fullWidth={false} label={field('proofValidFrom')} validate={[mandatory, notAfterToday]} helperText="app.prevention.declare.proof_help" />;
};

/** The NSF code, asked with a Formacode only. */
const NsfInput = () => {
  const kind = useWatch({ name: 'certificationKind' });
  if (kind !== 'FORMACODE') return null;
  return <TextInput source="nsfCode" fullWidth={false} label={field('nsfCode')} validate={mandatory} sx={{ width: 160 }} />;
};

const SendButton = () => {
  const { isSubmitting } = useFormState();
  const translate = useTranslate();
  return (
    <Button type="submit" variant="contained" startIcon={<SendIcon />} loading={isSubmitting}>
      {translate('app.prevention.declare.submit')}
    </Button>
  );
};

/**
 * One declaration by form: the declaring establishment and its kind, the
 * training and its proof (the proof's date for a success only), the
 * certification, then the learners. A refusal shows above the form, and
 * each field at fault under its input (`learners.0.nir`).
 */
export const DeclarationForm = ({ sirets }: { sirets: string[] }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const errorText = usePreventionErrorText();
  const fieldErrors = usePreventionFieldErrors();
  const [failure, setFailure] = useState<string>();
  const submit = async (values: Record<string, unknown>) => {
    setFailure(undefined);
    try {
      const declaration = await createDeclaration(toInput(values as unknown as FormValues));
      notify('app.prevention.declare.created', { type: 'success', messageArgs: { smart_count: declaration.learnerCount } });
      void navigate(createPath({ resource: 'prevention-declarations', type: 'show', id: declaration.id }));
      return undefined;
    } catch (error) {
      setFailure(errorText(error));
      return fieldErrors(error);
    }
  };
  const defaults: Partial<FormValues> = {
    declarantSiret: sirets[0],
    declarantKind: 'EMPLOYER',
    proofType: 'ATTENDANCE',
    modality: 'IN_PERSON',
    certificationKind: 'RS',
    romeSkills: [],
    learners: [{ employerSiret: sirets[0] }],
  };
  return (
    <ResourceContextProvider value="prevention-declarations">
      <Form onSubmit={submit} defaultValues={defaults} noValidate disableInvalidFormNotification>
        <Stack spacing={1} sx={{ maxWidth: 1040 }}>
          {failure && (
            <Alert severity="error" role="alert">
              {failure}
            </Alert>
          )}
          <Section title="app.prevention.declare.declarant" />
          <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <SelectInput source="declarantSiret" fullWidth={false} label={field('declarantSiret')} choices={sirets.map((s) => ({ id: s, name: s }))} validate={mandatory} sx={{ minWidth: 220 }} />
            <RadioButtonGroupInput fullWidth={false} source="declarantKind" label="app.prevention.declare.kind" choices={enumChoices('preventionDeclarantKind')} />
          </Stack>
          <Section title="app.prevention.declare.training" />
          <TextInput source="title" label={field('title')} validate={mandatory} fullWidth />
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <DateInput source="trainingStart" fullWidth={false} label={field('trainingStart')} validate={[mandatory, notAfterToday]} />
            <DateInput source="trainingEnd" fullWidth={false} label={field('trainingEnd')} validate={[mandatory, notAfterToday]} />
            <SelectInput source="modality" fullWidth={false} label={field('modality')} choices={enumChoices('preventionModality')} validate={mandatory} sx={{ minWidth: 180 }} />
          </Stack>
          <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <RadioButtonGroupInput fullWidth={false} source="proofType" label={field('proofType')} choices={enumChoices('preventionProofType')} />
            <ProofDateInput />
          </Stack>
          <TextArrayInput source="romeSkills" fullWidth={false} label={field('romeSkills')} helperText="app.prevention.declare.rome_help" sx={{ maxWidth: 520 }} />
          <TextInput source="trainerQualification" label={field('trainerQualification')} validate={mandatory} multiline minRows={2} fullWidth />
          <Section title="app.prevention.declare.certification" />
          <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <SelectInput source="certificationKind" fullWidth={false} label={field('certificationKind')} choices={enumChoices('preventionCertificationKind')} validate={mandatory} sx={{ minWidth: 200 }} />
            <TextInput source="certificationCode" fullWidth={false} label={field('certificationCode')} validate={mandatory} sx={{ width: 200 }} />
            <NsfInput />
          </Stack>
          <Section title="app.prevention.declare.learners" />
          <Typography variant="body2" color="text.secondary">
            {translate('app.prevention.declare.learners_help')}
          </Typography>
          <ArrayInput source="learners" label={false}>
            <SimpleFormIterator inline disableReordering>
              <TextInput source="nir" fullWidth={false} label={learnerField('nir')} validate={[mandatory, nir]} autoComplete="off" sx={{ width: 190 }} />
              <TextInput source="birthName" fullWidth={false} label={learnerField('birthName')} validate={mandatory} autoComplete="off" sx={{ width: 170 }} />
              <TextInput source="firstNames" fullWidth={false} label={learnerField('firstNames')} validate={mandatory} autoComplete="off" sx={{ width: 190 }} />
              <DateInput source="birthDate" fullWidth={false} label={learnerField('birthDate')} validate={[mandatory, notAfterToday]} sx={{ width: 170 }} />
              <TextInput source="employerSiret" fullWidth={false} label={learnerField('employerSiret')} validate={[mandatory, siret]} autoComplete="off" sx={{ width: 180 }} />
            </SimpleFormIterator>
          </ArrayInput>
          <Box>
            <SendButton />
          </Box>
        </Stack>
      </Form>
    </ResourceContextProvider>
  );
};
