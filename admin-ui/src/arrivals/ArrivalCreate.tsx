import { Alert } from '@mui/material';
import {
  AutocompleteInput,
  DateInput,
  RadioButtonGroupInput,
  ReferenceInput,
  TextInput,
  useCreatePath,
  useNotify,
  usePermissions,
  useTranslate,
  type Identifier,
} from 'react-admin';
import { useNavigate } from 'react-router';
import { useWatch, type FieldValues } from 'react-hook-form';
import { notBeforeToday, todayInParis } from '../common/calendarDate';
import { useServerSubmit } from '../common/useServerSubmit';
import { mandatory } from '../common/validation';
import { Wizard, type WizardStep } from '../common/Wizard';
import { enumChoices } from '../enums';
import { EstablishmentSiretInput } from '../establishments/EstablishmentSiretInput';
import type { ConsoleRole } from '../types';
import { createArrival } from './arrivalCommands';
import { toArrivalInput, type ArrivalFormValues } from './arrivalForm';
import { ArrivalSummary } from './ArrivalSummary';
import { CopyRightsInput } from './CopyRightsInput';
import { RightsListInput } from './RightsListInput';

const IdentityStep = ({ support }: { support: boolean }) => {
  const companyId: Identifier | undefined = useWatch({ name: 'companyId' });
  return (
    <>
      {support && (
        <ReferenceInput source="companyId" reference="companies" sort={{ field: 'legalName', order: 'ASC' }}>
          <AutocompleteInput label="resources.arrivals.fields.companyId" validate={mandatory} />
        </ReferenceInput>
      )}
      <EstablishmentSiretInput
        source="siret"
        label="resources.arrivals.fields.siret"
        companyId={companyId}
        validate={mandatory}
      />
      <TextInput source="lastName" label="resources.arrivals.fields.lastName" autoComplete="off" validate={mandatory} />
      <TextInput source="firstName" label="resources.arrivals.fields.firstName" autoComplete="off" validate={mandatory} />
      <TextInput source="email" label="resources.arrivals.fields.email" type="email" autoComplete="off" validate={mandatory} />
    </>
  );
};

const StartStep = () => (
  <>
    <DateInput
      source="startDate"
      label="resources.arrivals.fields.startDate"
      helperText="app.arrivals.start_date_help"
      validate={[mandatory, notBeforeToday]}
      slotProps={{ htmlInput: { min: todayInParis() } }}
    />
    <RadioButtonGroupInput source="role" label="resources.arrivals.fields.role" choices={enumChoices('arrivalRole')} row={false} />
  </>
);

const RightsStep = () => {
  const translate = useTranslate();
  const mode: ArrivalFormValues['rights']['mode'] = useWatch({ name: 'rights.mode' });
  const companyId: Identifier | undefined = useWatch({ name: 'companyId' });
  return (
    <>
      <RadioButtonGroupInput source="rights.mode" label="resources.arrivals.fields.rightsMode" choices={enumChoices('arrivalRightsMode')} />
      {mode === 'NONE' && <Alert severity="info">{translate('app.arrivals.none_help')}</Alert>}
      {mode === 'COPY' && <CopyRightsInput companyId={companyId} />}
      {mode === 'LIST' && <RightsListInput companyId={companyId} />}
    </>
  );
};

const SummaryStep = () => <ArrivalSummary companyId={useWatch({ name: 'companyId' })} />;

/** « Nouveau collaborateur »: identity, start date and role, rights, summary. */
export const ArrivalCreate = () => {
  const { permissions: role } = usePermissions<ConsoleRole | null>();
  const support = role === 'SUPPORT';
  const notify = useNotify();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const { submit, failure } = useServerSubmit(async (values: ArrivalFormValues) => {
    const { id } = await createArrival(toArrivalInput(values));
    notify('app.arrivals.created', { type: 'success' });
    void navigate(createPath({ resource: 'arrivals', type: 'show', id }));
  });
  const steps: WizardStep[] = [
    {
      label: 'app.arrivals.steps.identity',
      fields: ['companyId', 'siret', 'lastName', 'firstName', 'email'],
      content: <IdentityStep support={support} />,
    },
    { label: 'app.arrivals.steps.start', fields: ['startDate', 'role'], content: <StartStep /> },
    { label: 'app.arrivals.steps.rights', fields: ['rights'], content: <RightsStep /> },
    { label: 'app.arrivals.steps.summary', fields: [], content: <SummaryStep /> },
  ];
  return (
    <Wizard
      title="app.arrivals.create"
      steps={steps}
      submitLabel="app.arrivals.submit"
      failure={failure}
      defaultValues={{ startDate: todayInParis(), role: 'DECLARANT', rights: { mode: 'NONE', portfolioIds: [], items: [] } }}
      onSubmit={(values: FieldValues) => submit(values as ArrivalFormValues)}
    />
  );
};
