import { Alert, Stack } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  DateInput,
  RadioButtonGroupInput,
  TextInput,
  useCreatePath,
  useGetOne,
  useNotify,
  useTranslate,
  type Identifier,
} from 'react-admin';
import { useNavigate } from 'react-router';
import { useWatch, type FieldValues } from 'react-hook-form';
import { notBeforeToday, todayInParis } from '../common/calendarDate';
import { useServerSubmit } from '../common/useServerSubmit';
import { mandatory } from '../common/validation';
import { Wizard, type WizardStep } from '../common/Wizard';
import { DeclarantPickerInput } from '../declarants/DeclarantPickerInput';
import { enumChoices } from '../enums';
import { EstablishmentSiretInput } from '../establishments/EstablishmentSiretInput';
import type { Declarant } from '../types';
import { createDeparture } from './departureCommands';
import { toDepartureInput, type DepartureFormValues } from './departureForm';
import { LAST_ADMINISTRATOR } from './departureRules';
import { DepartureSummary } from './DepartureSummary';
import { ExistingTargetFields } from './ExistingTargetFields';

/** The leaver's company: the target, the newcomer's establishment and the successor are chosen in it. */
const useLeaverCompany = (): Identifier | undefined => {
  const accountId: Identifier | undefined = useWatch({ name: 'accountId' });
  const { data } = useGetOne<Declarant>('declarants', { id: accountId ?? '' }, { enabled: accountId != null });
  return data?.companyId;
};

const LeaverStep = () => (
  <>
    <DeclarantPickerInput source="accountId" label="resources.departures.fields.accountId" validate={mandatory} />
    <DateInput
      source="effectiveDate"
      label="resources.departures.fields.effectiveDate"
      helperText="app.departures.effective_date_help"
      validate={[mandatory, notBeforeToday]}
      slotProps={{ htmlInput: { min: todayInParis() } }}
    />
  </>
);

const RightsStep = () => {
  const translate = useTranslate();
  const mode: DepartureFormValues['rights']['mode'] = useWatch({ name: 'rights.mode' });
  const companyId = useLeaverCompany();
  return (
    <>
      <RadioButtonGroupInput
        source="rights.mode"
        label="resources.departures.fields.rightsMode"
        choices={enumChoices('departureRightsMode')}
        row={false}
      />
      <ExistingTargetFields mode={mode} source="rights.toAccountId" companyId={companyId} />
      {mode === 'TRANSFER_NEW' && (
        <>
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate('app.departures.transfer_new_help')}
          </Alert>
          <EstablishmentSiretInput
            source="rights.arrival.siret"
            label="resources.arrivals.fields.siret"
            companyId={companyId}
            validate={mandatory}
          />
          <TextInput source="rights.arrival.lastName" label="resources.arrivals.fields.lastName" autoComplete="off" validate={mandatory} />
          <TextInput source="rights.arrival.firstName" label="resources.arrivals.fields.firstName" autoComplete="off" validate={mandatory} />
          <TextInput
            source="rights.arrival.email"
            label="resources.arrivals.fields.email"
            type="email"
            autoComplete="off"
            validate={mandatory}
          />
        </>
      )}
    </>
  );
};

/** After the API refused the last active administrator's departure: an active administrator who takes over. */
const SuccessorInput = () => {
  const translate = useTranslate();
  const companyId = useLeaverCompany();
  return (
    <Stack spacing={1}>
      <Alert severity="warning">{translate('app.departures.successor_help')}</Alert>
      <DeclarantPickerInput
        source="successorAccountId"
        label="resources.departures.fields.successorAccountId"
        filter={{ companyId, role: 'ADMINISTRATOR' }}
        validate={mandatory}
      />
    </Stack>
  );
};

/** « Départ d'un collaborateur »: who and when, his rights, summary (and a successor if the API asks for one). */
export const DepartureCreate = () => {
  const notify = useNotify();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const { submit, failure, lastError } = useServerSubmit(async (values: DepartureFormValues) => {
    const { id } = await createDeparture(toDepartureInput(values));
    notify('app.departures.created', { type: 'success' });
    void navigate(createPath({ resource: 'departures', type: 'show', id }));
  });
  // Once asked for, the successor stays on screen (with the server's errors about him).
  const [askSuccessor, setAskSuccessor] = useState(false);
  useEffect(() => {
    if (lastError?.body?.code === LAST_ADMINISTRATOR) setAskSuccessor(true);
  }, [lastError]);
  const steps: WizardStep[] = [
    { label: 'app.departures.steps.leaver', fields: ['accountId', 'effectiveDate'], content: <LeaverStep /> },
    { label: 'app.departures.steps.rights', fields: ['rights'], content: <RightsStep /> },
    { label: 'app.departures.steps.summary', fields: ['successorAccountId'], content: <DepartureSummary /> },
  ];
  return (
    <Wizard
      title="app.departures.create"
      steps={steps}
      submitLabel="app.departures.submit"
      failure={failure}
      footer={askSuccessor ? <SuccessorInput /> : undefined}
      defaultValues={{ effectiveDate: todayInParis(), rights: { mode: 'TRANSFER' } }}
      onSubmit={(values: FieldValues) => submit(values as DepartureFormValues)}
    />
  );
};
