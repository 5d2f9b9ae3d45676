import { useState } from 'react';
import { AutocompleteInput, useGetList, type Identifier, type Validator } from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { Establishment } from '../types';

const establishmentText = (establishment: Establishment) => `${establishment.siret} — ${establishment.name}`;

interface EstablishmentSiretInputProps {
  source: string;
  label: string;
  /** Support narrows the choice to one company; an administrator's list holds his company only. */
  companyId?: Identifier;
  validate?: Validator | Validator[];
}

/** The SIRET of an active establishment, searched by SIRET or name; the form holds the SIRET itself. */
export const EstablishmentSiretInput = ({ source, label, companyId, validate }: EstablishmentSiretInputProps) => {
  const value: string | undefined = useWatch({ name: source });
  const [q, setQ] = useState('');
  const { data } = useGetList<Establishment>('establishments', {
    pagination: { page: 1, perPage: 25 },
    sort: { field: 'siret', order: 'ASC' },
    // With nothing typed, the chosen SIRET is searched so that its label shows.
    filter: { q: q || value || undefined, companyId, status: 'ACTIVE' },
  });
  return (
    <AutocompleteInput
      source={source}
      label={label}
      choices={data ?? []}
      optionValue="siret"
      optionText={establishmentText}
      setFilter={setQ}
      validate={validate}
    />
  );
};
