import { useState } from 'react';
import { Autocomplete, Stack, TextField } from '@mui/material';
import { keepPreviousData } from '@tanstack/react-query';
import { useGetList, usePermissions, useTranslate } from 'react-admin';
import type { Company, Portfolio, Role } from '../types';

interface PortfolioPickerProps {
  value: Portfolio | null;
  onChange: (portfolio: Portfolio | null) => void;
}

/** Support first narrows to a company (searched on the server) among all of them. */
const CompanyPicker = ({ value, onChange }: { value: Company | null; onChange: (company: Company | null) => void }) => {
  const translate = useTranslate();
  const [search, setSearch] = useState('');
  const { data: companies = [], isFetching } = useGetList<Company>(
    'companies',
    { pagination: { page: 1, perPage: 25 }, sort: { field: 'legalName', order: 'ASC' }, filter: search ? { q: search } : {} },
    { placeholderData: keepPreviousData },
  );
  return (
    <Autocomplete
      size="small"
      sx={{ width: 360 }}
      options={value && !companies.some((c) => c.id === value.id) ? [value, ...companies] : companies}
      value={value}
      loading={isFetching}
      filterOptions={(options) => options}
      onInputChange={(_, input, reason) => reason === 'input' && setSearch(input)}
      onChange={(_, company) => onChange(company)}
      getOptionLabel={(company) => `${company.legalName} (${company.siren})`}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      renderInput={(params) => <TextField {...params} label={translate('app.matrix.company')} />}
    />
  );
};

/** The portfolio whose matrix is shown ("Portefeuille"). */
export const PortfolioPicker = ({ value, onChange }: PortfolioPickerProps) => {
  const translate = useTranslate();
  const { permissions: role } = usePermissions<Role>();
  const [company, setCompany] = useState<Company | null>(null);
  const { data: portfolios = [], isPending } = useGetList<Portfolio>('portfolios', {
    pagination: { page: 1, perPage: 1000 },
    sort: { field: 'name', order: 'ASC' },
    filter: company ? { companyId: company.id } : {},
  });
  // Grouped by kind (the company portfolio first), then by name.
  const options = [...(value && !portfolios.some((p) => p.id === value.id) ? [value] : []), ...portfolios].sort(
    (a, b) => Number(a.kind !== 'COMPANY') - Number(b.kind !== 'COMPANY') || a.name.localeCompare(b.name),
  );
  return (
    <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {role === 'SUPPORT' && (
        <CompanyPicker
          value={company}
          onChange={(next) => {
            setCompany(next);
            if (next && value && value.companyId !== next.id) onChange(null);
          }}
        />
      )}
      <Autocomplete
        size="small"
        sx={{ width: 420 }}
        options={options}
        value={value}
        loading={isPending}
        onChange={(_, portfolio) => onChange(portfolio)}
        groupBy={(portfolio) => translate(`app.enums.portfolioKind.${portfolio.kind}`)}
        getOptionLabel={(portfolio) => portfolio.name}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        renderInput={(params) => <TextField {...params} label={translate('app.matrix.portfolio')} />}
      />
    </Stack>
  );
};
