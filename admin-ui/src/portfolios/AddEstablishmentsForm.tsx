import { useState, type FormEvent } from 'react';
import AddIcon from '@mui/icons-material/Add';
import { Alert, Button, Stack, TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { HttpError, useDataProvider, useRefresh, useTranslate } from 'react-admin';
import type { BackOfficeDataProvider } from '../dataProvider';
import type { Portfolio, PortfolioEstablishmentInput, PortfolioEstablishmentsAdded } from '../types';

type By = 'siret' | 'siren';

/** The API's precise reason: the field's error when it names one, else its message. */
const reasonOf = (error: Error, by: By): string =>
  error instanceof HttpError ? (error.body?.errors?.[by] ?? error.message) : error.message;

/** Adds one SIRET, or every known SIRET of a SIREN, and says what was added and what was already there. */
export const AddEstablishmentsForm = ({ portfolio }: { portfolio: Portfolio }) => {
  const dataProvider = useDataProvider<BackOfficeDataProvider>();
  const translate = useTranslate();
  const refresh = useRefresh();
  const [by, setBy] = useState<By>('siret');
  const [value, setValue] = useState('');
  const { mutate, isPending, error, data, reset } = useMutation<PortfolioEstablishmentsAdded, Error, PortfolioEstablishmentInput>({
    mutationFn: (input) => dataProvider.addPortfolioEstablishments(portfolio.id, input),
    onSuccess: () => {
      setValue('');
      refresh();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const number = value.replace(/\s/g, '');
    if (number) mutate(by === 'siret' ? { siret: number } : { siren: number });
  };

  return (
    <Stack component="form" onSubmit={submit} noValidate spacing={1} sx={{ pt: 1 }}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={by}
          onChange={(_, next: By | null) => {
            if (next) setBy(next);
            reset();
          }}
          aria-label={translate('app.portfolios.add_by')}
          sx={{ mt: 1.5 }}
        >
          <ToggleButton value="siret">{translate('app.portfolios.by_siret')}</ToggleButton>
          <ToggleButton value="siren">{translate('app.portfolios.by_siren')}</ToggleButton>
        </ToggleButtonGroup>
        <TextField
          size="small"
          label={translate(by === 'siret' ? 'resources.portfolios.fields.siret' : 'resources.portfolios.fields.siren')}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          error={error != null}
          helperText={error ? reasonOf(error, by) : translate(`app.portfolios.${by}_help`)}
          slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'off' } }}
          fullWidth={false}
          sx={{ width: 420 }}
        />
        <Button
          type="submit"
          variant="contained"
          startIcon={<AddIcon />}
          loading={isPending}
          disabled={!value.trim()}
          sx={{ mt: 1.5 }}
        >
          {translate('ra.action.add')}
        </Button>
      </Stack>
      {data && (
        <Alert severity={data.added.length ? 'success' : 'info'} onClose={reset}>
          {translate('app.portfolios.establishments_added', {
            added: data.added.length,
            alreadyThere: data.alreadyThere.length,
          })}
        </Alert>
      )}
    </Stack>
  );
};
