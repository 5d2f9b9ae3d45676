import { Autocomplete, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import type { EligibleEstablishment } from './types';

/** What the autocomplete shows of an eligible establishment: name, UAI, city. */
export const establishmentLabel = (e: Pick<EligibleEstablishment, 'name' | 'uai' | 'city'>) => `${e.name} — ${e.uai} — ${e.city}`;

/** The text typed, once the user paused. */
function useDebounced(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Searches the year's eligible establishments by name, UAI, city or SIRET (GET /api/soltea-establishments); picking one adds it. */
export const EstablishmentSearch = ({ year, exclude, onPick, disabled }: { year: number; exclude: string[]; onPick: (e: EligibleEstablishment) => void; disabled?: boolean }) => {
  const translate = useTranslate();
  const dataProvider = useDataProvider();
  const [input, setInput] = useState('');
  const q = useDebounced(input.trim());
  const { data = [], isFetching } = useQuery({
    queryKey: ['soltea-establishments', 'search', year, q],
    queryFn: () =>
      dataProvider
        .getList<EligibleEstablishment>('soltea-establishments', { filter: { year, ...(q ? { q } : {}) }, pagination: { page: 1, perPage: 20 }, sort: { field: 'name', order: 'ASC' } })
        .then(({ data: rows }) => rows),
    enabled: !disabled,
  });
  const options = data.filter((e) => !exclude.includes(e.siret));
  return (
    <Autocomplete<EligibleEstablishment>
      sx={{ width: 560, maxWidth: '100%' }}
      size="small"
      disabled={disabled}
      options={options}
      loading={isFetching}
      value={null}
      inputValue={input}
      onInputChange={(_event, value, reason) => reason !== 'reset' && setInput(value)}
      onChange={(_event, picked) => {
        if (!picked) return;
        onPick(picked);
        setInput('');
      }}
      filterOptions={(x) => x}
      getOptionLabel={establishmentLabel}
      isOptionEqualToValue={(a, b) => a.siret === b.siret}
      noOptionsText={translate('app.solteaEmployer.editor.no_match')}
      loadingText={translate('ra.page.loading')}
      renderInput={(params) => <TextField {...params} label={translate('app.solteaEmployer.editor.search')} helperText={translate('app.solteaEmployer.editor.search_help')} />}
    />
  );
};
