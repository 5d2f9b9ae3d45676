import { useState } from 'react';
import AddIcon from '@mui/icons-material/Add';
import RemoveIcon from '@mui/icons-material/RemoveCircleOutlineOutlined';
import {
  Alert,
  Button,
  Chip,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { Confirm, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { BackOfficeDataProvider } from '../dataProvider';
import { toneOf } from '../enums';
import { useServiceCatalogue } from '../services/useServiceCatalogue';
import type { Portfolio } from '../types';

type Change = { action: 'add' | 'remove'; serviceCode: string };

/** The portfolio's declarative services: add one from the catalogue, remove one (with its habilitations here). */
export const PortfolioServices = () => {
  const portfolio = useRecordContext<Portfolio>();
  const dataProvider = useDataProvider<BackOfficeDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { services, byCode } = useServiceCatalogue();
  const [toAdd, setToAdd] = useState('');
  const [toRemove, setToRemove] = useState<string>();
  const { mutate, isPending } = useMutation<void, Error, Change>({
    mutationFn: ({ action, serviceCode }) =>
      action === 'add'
        ? dataProvider.addPortfolioService(portfolio!.id, serviceCode)
        : dataProvider.removePortfolioService(portfolio!.id, serviceCode),
    onSuccess: (_, { action, serviceCode }) => {
      notify(`app.portfolios.service_${action === 'add' ? 'added' : 'removed'}`, {
        type: 'success',
        messageArgs: { code: serviceCode },
      });
      setToAdd('');
      refresh();
    },
    onError: (error) => notify(error.message, { type: 'error', messageArgs: { _: error.message } }),
    onSettled: () => setToRemove(undefined),
  });
  if (!portfolio) return null;

  const available = services.filter((service) => service.active && !portfolio.serviceCodes.includes(service.code));
  const accessModeLabel = (code: string) => {
    const mode = byCode.get(code)?.accessMode;
    return mode ? <Chip size="small" color={toneOf(mode)} label={translate(`app.enums.accessMode.${mode}`)} /> : null;
  };

  return (
    <Stack spacing={2} sx={{ pt: 1 }}>
      <Alert severity="info">{translate('app.portfolios.services_help')}</Alert>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <TextField
          select
          size="small"
          label={translate('app.portfolios.service_to_add')}
          value={toAdd}
          onChange={(event) => setToAdd(event.target.value)}
          fullWidth={false}
          sx={{ width: 420 }}
          disabled={available.length === 0}
        >
          {available.map((service) => (
            <MenuItem key={service.code} value={service.code}>
              {service.code} — {service.label}
            </MenuItem>
          ))}
        </TextField>
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          disabled={!toAdd || isPending}
          onClick={() => mutate({ action: 'add', serviceCode: toAdd })}
        >
          {translate('ra.action.add')}
        </Button>
      </Stack>
      {portfolio.serviceCodes.length === 0 ? (
        <Alert severity="info">{translate('app.portfolios.no_service')}</Alert>
      ) : (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.services.fields.code')}</TableCell>
              <TableCell>{translate('resources.services.fields.label')}</TableCell>
              <TableCell>{translate('resources.services.fields.accessMode')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {portfolio.serviceCodes.map((code) => (
              <TableRow key={code}>
                <TableCell>{code}</TableCell>
                <TableCell>{byCode.get(code)?.label}</TableCell>
                <TableCell>{accessModeLabel(code)}</TableCell>
                <TableCell align="right">
                  <Button
                    size="small"
                    color="error"
                    startIcon={<RemoveIcon />}
                    disabled={isPending}
                    onClick={() => setToRemove(code)}
                  >
                    {translate('app.portfolios.remove')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Confirm
        isOpen={toRemove != null}
        loading={isPending}
        title="app.portfolios.remove_service_title"
        content="app.portfolios.remove_service_content"
        titleTranslateOptions={{ code: toRemove }}
        contentTranslateOptions={{ code: toRemove, name: portfolio.name }}
        onConfirm={() => toRemove && mutate({ action: 'remove', serviceCode: toRemove })}
        onClose={() => setToRemove(undefined)}
      />
    </Stack>
  );
};
