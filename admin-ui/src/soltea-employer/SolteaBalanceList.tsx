import { Chip } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { DataTable, List, NumberField, TextField, useLocaleState, useRecordContext, useTranslate, type Identifier, type RaRecord } from 'react-admin';
import { allocationsPath } from '../paths';
import { euros, percent } from './money';
import { getAllocations } from './solteaEmployerApi';
import type { SolteaBalance } from './types';

const AmountField = () => {
  const balance = useRecordContext<SolteaBalance>();
  const [locale] = useLocaleState();
  return balance ? <>{euros(balance.amountCents, locale)}</> : null;
};

/** The share of the balance allocated now (the employer's choices for that year). */
const AllocatedField = () => {
  const balance = useRecordContext<SolteaBalance>();
  const [locale] = useLocaleState();
  const { data } = useQuery({
    queryKey: ['soltea-allocations', balance?.employerSiret, balance?.year],
    queryFn: () => getAllocations(balance!.employerSiret, balance!.year),
    enabled: !!balance,
  });
  return data ? <>{percent(data.totalPercent, locale)}</> : null;
};

const FrozenField = () => {
  const balance = useRecordContext<SolteaBalance>();
  const translate = useTranslate();
  if (!balance) return null;
  return balance.frozen ? (
    <Chip size="small" color="info" label={translate('app.solteaEmployer.balances.frozen')} />
  ) : (
    <Chip size="small" variant="outlined" label={translate('app.solteaEmployer.balances.editable')} />
  );
};

const rowClick = (_id: Identifier, _resource: string, record: RaRecord) => {
  const balance = record as SolteaBalance;
  return allocationsPath(balance.employerSiret, balance.year);
};

/** The employer SIRETs the signed-in person may allocate for (GET /api/soltea-balances), each leading to its allocations editor. */
export const SolteaBalanceList = () => (
  <List sort={{ field: 'employerSiret', order: 'ASC' }} title="app.solteaEmployer.balances.title" exporter={false}>
    <DataTable rowClick={rowClick} bulkActionButtons={false}>
      <DataTable.Col source="employerSiret" label="app.solteaEmployer.fields.employerSiret">
        <TextField source="employerSiret" />
      </DataTable.Col>
      <DataTable.Col source="employerName" label="app.solteaEmployer.fields.employerName" />
      <DataTable.Col source="year" label="app.solteaEmployer.fields.year">
        <NumberField source="year" options={{ useGrouping: false }} />
      </DataTable.Col>
      <DataTable.Col source="amountCents" label="app.solteaEmployer.fields.balance" align="right">
        <AmountField />
      </DataTable.Col>
      <DataTable.Col label="app.solteaEmployer.fields.allocated" align="right" disableSort>
        <AllocatedField />
      </DataTable.Col>
      <DataTable.Col source="frozenAt" label="app.solteaEmployer.fields.frozen">
        <FrozenField />
      </DataTable.Col>
    </DataTable>
  </List>
);
