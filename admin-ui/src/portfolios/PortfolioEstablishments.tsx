import { useState } from 'react';
import RemoveIcon from '@mui/icons-material/RemoveCircleOutlineOutlined';
import { Alert, Stack } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import {
  Button,
  Confirm,
  DataTable,
  ListBase,
  Pagination,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import type { BackOfficeDataProvider } from '../dataProvider';
import type { Portfolio, PortfolioEstablishment } from '../types';
import { AddEstablishmentsForm } from './AddEstablishmentsForm';

const RemoveEstablishmentButton = ({ portfolio }: { portfolio: Portfolio }) => {
  const establishment = useRecordContext<PortfolioEstablishment>();
  const dataProvider = useDataProvider<BackOfficeDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const { mutate, isPending } = useMutation({
    mutationFn: (siret: string) => dataProvider.removePortfolioEstablishment(portfolio.id, siret),
    onSuccess: (_, siret) => {
      notify('app.portfolios.establishment_removed', { type: 'success', messageArgs: { siret } });
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
    onSettled: () => setOpen(false),
  });
  if (!establishment) return null;
  return (
    <>
      <Button label="app.portfolios.remove" color="error" onClick={() => setOpen(true)} disabled={isPending}>
        <RemoveIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="app.portfolios.remove_establishment_title"
        content="app.portfolios.remove_establishment_content"
        titleTranslateOptions={{ siret: establishment.siret }}
        contentTranslateOptions={{ siret: establishment.siret, name: portfolio.name }}
        onConfirm={() => mutate(establishment.siret)}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

const NoEstablishment = () => {
  const translate = useTranslate();
  return <Alert severity="info">{translate('app.portfolios.no_establishment')}</Alert>;
};

/** The portfolio's SIRETs (`/api/portfolios/:id/establishments`), paged on the server; add by SIRET or SIREN, remove one. */
export const PortfolioEstablishments = () => {
  const portfolio = useRecordContext<Portfolio>();
  if (!portfolio) return null;
  return (
    <Stack spacing={2}>
      <AddEstablishmentsForm portfolio={portfolio} />
      <ListBase
        resource={`portfolios/${encodeURIComponent(String(portfolio.id))}/establishments`}
        sort={{ field: 'siret', order: 'ASC' }}
        perPage={25}
        disableSyncWithLocation
        storeKey={false}
      >
        <DataTable bulkActionButtons={false} rowClick={false} empty={<NoEstablishment />}>
          <DataTable.Col source="siret" label="resources.portfolios.fields.siret" />
          <DataTable.Col source="name" label="resources.portfolios.fields.establishmentName" disableSort />
          <DataTable.Col source="addedAt" label="resources.portfolios.fields.addedAt" field={DateTimeField} />
          <DataTable.Col label="" disableSort>
            <RemoveEstablishmentButton portfolio={portfolio} />
          </DataTable.Col>
        </DataTable>
        <Pagination />
      </ListBase>
    </Stack>
  );
};
