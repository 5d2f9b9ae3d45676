import AddIcon from '@mui/icons-material/Add';
import { Autocomplete, Button, Checkbox, FormControlLabel, MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import { RIGHTS } from '../habilitations/RightsMenu';
import { useServiceCatalogue } from '../services/useServiceCatalogue';
import type { HabilitationRights, Portfolio, PortfolioEstablishment, RightItem } from '../types';

/** What a ticked matrix cell grants: declare and consult. */
const DEFAULT_RIGHTS: HabilitationRights = { canDeclare: true, canPay: false, canConsult: true };

interface RightsPickerProps {
  portfolios: Portfolio[];
  /** Called with every chosen SIRET × service, with the chosen rights. */
  onAdd: (items: RightItem[]) => void;
}

/** Picks SIRETs and services of one portfolio, and the rights to give on each pair. */
export const RightsPicker = ({ portfolios, onAdd }: RightsPickerProps) => {
  const translate = useTranslate();
  const { byCode } = useServiceCatalogue();
  const [portfolioId, setPortfolioId] = useState('');
  const [sirets, setSirets] = useState<PortfolioEstablishment[]>([]);
  const [services, setServices] = useState<string[]>([]);
  const [rights, setRights] = useState(DEFAULT_RIGHTS);
  const portfolio = portfolios.find((candidate) => String(candidate.id) === portfolioId);
  const { data: establishments } = useGetList<PortfolioEstablishment>(
    `portfolios/${encodeURIComponent(portfolioId)}/establishments`,
    { pagination: { page: 1, perPage: 1000 }, sort: { field: 'siret', order: 'ASC' } },
    { enabled: portfolioId !== '' },
  );
  const choose = (id: string) => {
    setPortfolioId(id);
    setSirets([]);
    setServices([]);
  };
  const add = () => {
    onAdd(sirets.flatMap(({ siret }) => services.map((serviceCode) => ({ portfolioId, siret, serviceCode, ...rights }))));
    setSirets([]);
    setServices([]);
  };

  return (
    <Stack spacing={2}>
      <TextField
        select
        size="small"
        label={translate('app.arrivals.picker.portfolio')}
        value={portfolioId}
        onChange={(event) => choose(event.target.value)}
        sx={{ maxWidth: 420 }}
      >
        {portfolios.map((candidate) => (
          <MenuItem key={candidate.id} value={String(candidate.id)}>
            {candidate.name}
          </MenuItem>
        ))}
      </TextField>
      {portfolio && (
        <>
          <Autocomplete
            multiple
            size="small"
            options={establishments ?? []}
            value={sirets}
            onChange={(_, value) => setSirets(value)}
            getOptionLabel={(establishment) => `${establishment.siret}${establishment.name ? ` — ${establishment.name}` : ''}`}
            isOptionEqualToValue={(a, b) => a.siret === b.siret}
            renderInput={(params) => <TextField {...params} label={translate('app.arrivals.picker.sirets')} />}
          />
          <Autocomplete
            multiple
            size="small"
            options={portfolio.serviceCodes}
            value={services}
            onChange={(_, value) => setServices(value)}
            getOptionLabel={(code) => `${code} — ${byCode.get(code)?.label ?? code}`}
            renderInput={(params) => <TextField {...params} label={translate('app.arrivals.picker.services')} />}
          />
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            {RIGHTS.map((right) => (
              <FormControlLabel
                key={right}
                label={translate(`app.rights.${right}`)}
                control={
                  <Checkbox checked={rights[right]} onChange={(event) => setRights({ ...rights, [right]: event.target.checked })} />
                }
              />
            ))}
            <Button
              variant="outlined"
              startIcon={<AddIcon />}
              onClick={add}
              disabled={sirets.length === 0 || services.length === 0 || !RIGHTS.some((right) => rights[right])}
            >
              {translate('app.arrivals.picker.add', { smart_count: sirets.length * services.length })}
            </Button>
          </Stack>
        </>
      )}
    </Stack>
  );
};
