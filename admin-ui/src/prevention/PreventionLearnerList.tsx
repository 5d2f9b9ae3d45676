import { Typography } from '@mui/material';
import {
  DataTable,
  ExportButton,
  FilterButton,
  Link,
  List,
  SearchInput,
  SelectInput,
  TextInput,
  TopToolbar,
  useCreatePath,
  useGetIdentity,
  useLocale,
  useRecordContext,
  useTranslate,
  type Validator,
} from 'react-admin';
import { EnumField } from '../common/EnumField';
import { NoResults } from '../common/NoResults';
import { enumChoices } from '../enums';
import type { Identity } from '../types';
import { BulkCorrectionButton, BulkVerifyButton } from './LearnerBulkButtons';
import { learnersExporter } from './preventionExport';
import { dayText, quarterChoices, verificationOver } from './preventionFormat';
import { NirText, QuarterField, VerificationDeadlineField } from './PreventionFields';
import type { PreventionLearner } from './types';

/** The list opens on the lines still to verify. */
const TO_VERIFY = { status: 'PENDING_VERIFICATION' };

/** The learner's names, the NIR as the API sent it beneath. */
const LearnerCell = () => {
  const learner = useRecordContext<PreventionLearner>();
  if (!learner) return null;
  return (
    <>
      {learner.birthName} {learner.firstNames}
      <Typography variant="caption" component="div" color="text.secondary">
        <NirText learner={learner} />
      </Typography>
    </>
  );
};

const BirthDateCell = () => {
  const learner = useRecordContext<PreventionLearner>();
  const locale = useLocale();
  return learner ? <span style={{ whiteSpace: 'nowrap' }}>{dayText(learner.birthDate, locale)}</span> : null;
};

/** The training (a link to its declaration), who declared it beneath. */
const TrainingCell = () => {
  const learner = useRecordContext<PreventionLearner>();
  const translate = useTranslate();
  const locale = useLocale();
  const createPath = useCreatePath();
  if (!learner) return null;
  return (
    <>
      <Link to={createPath({ resource: 'prevention-declarations', type: 'show', id: learner.declarationId })}>{learner.title}</Link>
      <Typography variant="caption" component="div" color="text.secondary" sx={{ maxWidth: 280 }}>
        {translate('app.prevention.verify.declared_by', {
          kind: translate(`app.enums.preventionDeclarantKind.${learner.declarantKind}`),
          siret: learner.declarantSiret,
          end: dayText(learner.trainingEnd, locale),
        })}
      </Typography>
    </>
  );
};

const StatusCell = () => {
  const learner = useRecordContext<PreventionLearner>();
  const translate = useTranslate();
  if (!learner) return null;
  return (
    <>
      <EnumField source="status" enumName="preventionLearnerStatus" />
      {learner.correctionReason && (
        <Typography variant="caption" component="div" sx={{ whiteSpace: 'pre-line', maxWidth: 220 }}>
          {translate('app.prevention.correction_reason', { reason: learner.correctionReason })}
        </Typography>
      )}
    </>
  );
};

/** A SIRET or its beginning (a SIREN), digits only: what the API filters on. */
const siretStart: Validator = (value) => (typeof value === 'string' && value !== '' && !/^\d{1,14}$/.test(value) ? 'app.prevention.validation.siret_start' : undefined);

const useFilters = () => {
  const translate = useTranslate();
  return [
    <SearchInput key="q" source="q" alwaysOn />,
    <SelectInput key="status" source="status" choices={enumChoices('preventionLearnerStatus')} alwaysOn />,
    <SelectInput key="quarter" source="quarter" choices={quarterChoices(translate)} />,
    <TextInput key="employerSiret" source="employerSiret" validate={siretStart} />,
  ];
};

const BulkActions = () => (
  <>
    <BulkVerifyButton />
    <BulkCorrectionButton />
  </>
);

const Actions = () => (
  <TopToolbar>
    <FilterButton />
    <ExportButton />
  </TopToolbar>
);

/**
 * « Passeport de prévention — à vérifier »: the employer's lines that a
 * training body declared, opened on those still to verify; he verifies them
 * or asks for a correction, in bulk, until their deadline (then they are
 * deemed verified). His own declarations' lines are listed, not verified.
 */
export const PreventionLearnerList = () => {
  const filters = useFilters();
  const { identity } = useGetIdentity();
  const companySiren = (identity as Identity | undefined)?.companySiren;
  const verifiable = (l: PreventionLearner) =>
    l.status === 'PENDING_VERIFICATION' && !verificationOver(l.verificationDeadline) && !!companySiren && !l.declarantSiret.startsWith(companySiren);
  return (
    <List title="app.prevention.verify.title" filters={filters} filterDefaultValues={TO_VERIFY} sort={{ field: 'quarter', order: 'ASC' }} actions={<Actions />} exporter={learnersExporter}>
      <DataTable bulkActionButtons={<BulkActions />} isRowSelectable={verifiable} empty={<NoResults own={TO_VERIFY} />}>
        <DataTable.Col source="birthName" label="resources.prevention-learners.fields.learner">
          <LearnerCell />
        </DataTable.Col>
        <DataTable.Col source="birthDate" disableSort>
          <BirthDateCell />
        </DataTable.Col>
        <DataTable.Col source="employerSiret" />
        <DataTable.Col source="title" disableSort>
          <TrainingCell />
        </DataTable.Col>
        <DataTable.Col source="quarter">
          <QuarterField />
        </DataTable.Col>
        <DataTable.Col source="status">
          <StatusCell />
        </DataTable.Col>
        <DataTable.Col source="verificationDeadline" disableSort>
          <VerificationDeadlineField />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
