import { AutocompleteInput, ReferenceInput, type Validator } from 'react-admin';
import declarants from '.';

interface DeclarantPickerInputProps {
  source: string;
  label: string;
  /** Narrows the choice (e.g. `{ companyId, role: 'ADMINISTRATOR' }`); only active accounts are offered. */
  filter?: Record<string, unknown>;
  validate?: Validator | Validator[];
  helperText?: string;
}

/** An active declarant or administrator of the company, searched by name. */
export const DeclarantPickerInput = ({ source, label, filter, validate, helperText }: DeclarantPickerInputProps) => (
  <ReferenceInput
    source={source}
    reference="declarants"
    filter={{ ...filter, status: 'ACTIVE' }}
    sort={{ field: 'lastName', order: 'ASC' }}
  >
    <AutocompleteInput
      label={label}
      optionText={declarants.recordRepresentation}
      filterToQuery={(q: string) => ({ q })}
      validate={validate}
      helperText={helperText}
    />
  </ReferenceInput>
);
