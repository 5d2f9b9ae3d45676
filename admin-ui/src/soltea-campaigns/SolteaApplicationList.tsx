import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import { Typography } from '@mui/material';
import { useState } from 'react';
import { BooleanField, Button, DataTable, ExportButton, List, NumberField, SearchInput, SelectArrayInput, TextField, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { EnumField } from '../common/EnumField';
import { ReasonDialog } from '../common/ReasonDialog';
import { useCommand } from '../common/useCommand';
import { enumChoices } from '../enums';
import { postJson } from '../httpClient';
import { refusalText } from './stepLabel';

interface Application {
  id: string;
  name: string;
  uai: string;
  city: string;
  region: string;
  status: 'SUBMITTED' | 'ACCEPTED' | 'REFUSED';
}

/** The establishment's name, its UAI and city beneath (one column: the list fits a laptop's width). */
const EstablishmentCell = () => {
  const application = useRecordContext<Application>();
  if (!application) return null;
  return (
    <>
      {application.name}
      <Typography variant="caption" component="div" color="text.secondary">
        {application.uai} · {application.city}
      </Typography>
    </>
  );
};

const RegionCell = () => {
  const application = useRecordContext<Application>();
  const translate = useTranslate();
  return application ? <>{translate(`app.solteaEmployer.regions.${application.region}`, { _: application.region })}</> : null;
};

/** Support accepts an application (the establishment joins the eligible list) or refuses it with a reason. */
const DecisionButtons = () => {
  const application = useRecordContext<Application>();
  const translate = useTranslate();
  const [refusing, setRefusing] = useState(false);
  const onError = { onSuccess: 'app.solteaCampaigns.application_decided' } as const;
  const accept = useCommand(() => postJson(`/soltea-applications/${application!.id}/accept`), onError);
  const refuse = useCommand((reason: string) => postJson(`/soltea-applications/${application!.id}/refuse`, { reason }), onError);
  if (!application || application.status !== 'SUBMITTED') return null;
  const error = accept.error ?? refuse.error;
  return (
    <>
      <Button label="app.solteaCampaigns.accept" onClick={(e) => { e.stopPropagation(); accept.mutate(undefined); }} disabled={accept.isPending}>
        <CheckIcon />
      </Button>
      <Button label="app.solteaCampaigns.refuse" onClick={(e) => { e.stopPropagation(); setRefusing(true); }}>
        <CloseIcon />
      </Button>
      {error && <span role="alert">{refusalText(translate, error)}</span>}
      <ReasonDialog
        open={refusing}
        pending={refuse.isPending}
        title="app.solteaCampaigns.refuse_title"
        content="app.solteaCampaigns.refuse_content"
        confirmLabel="app.solteaCampaigns.refuse"
        confirmIcon={<CloseIcon />}
        minLength={3}
        onConfirm={(reason) => refuse.mutate(reason, { onSuccess: () => setRefusing(false) })}
        onClose={() => setRefusing(false)}
      />
    </>
  );
};

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={enumChoices('solteaApplicationStatus')} />,
];

/** Establishments' applications to review, for support. */
export const SolteaApplicationList = () => (
  <List filters={filters} empty={false} sort={{ field: 'createdAt', order: 'DESC' }} actions={<TopToolbar><ExportButton /></TopToolbar>}>
    <DataTable bulkActionButtons={false}>
      <DataTable.Col source="year" field={TextField} />
      <DataTable.Col source="name">
        <EstablishmentCell />
      </DataTable.Col>
      <DataTable.Col source="siret" field={TextField} />
      <DataTable.Col source="region">
        <RegionCell />
      </DataTable.Col>
      <DataTable.Col source="shortageTrainings" field={NumberField} disableSort />
      <DataTable.Col source="bankDetailsPresent" field={BooleanField} disableSort />
      <DataTable.Col source="status">
        <EnumField source="status" enumName="solteaApplicationStatus" />
      </DataTable.Col>
      <DataTable.Col label="app.processes.actions" disableSort>
        <DecisionButtons />
      </DataTable.Col>
    </DataTable>
  </List>
);
