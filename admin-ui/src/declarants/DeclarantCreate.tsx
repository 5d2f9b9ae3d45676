import { Alert } from '@mui/material';
import {
  AutocompleteInput,
  Create,
  ReferenceInput,
  SimpleForm,
  TextInput,
  useDataProvider,
  useTranslate,
  type Identifier,
} from 'react-admin';
import { mandatory } from '../common/validation';
import type { DeclarantInput, Establishment } from '../types';

const establishmentText = (establishment: Establishment) => `${establishment.siret} — ${establishment.name}`;

/**
 * A new declarant of one of the company's establishments. The SIRET input
 * holds the chosen establishment's id (what a reference input stores); it is
 * turned into the SIRET on save, and the API's field error `siret` lands on it.
 */
export const DeclarantCreate = () => {
  const dataProvider = useDataProvider();
  const translate = useTranslate();
  const transform = async ({ siret: establishmentId, lastName, firstName, email }: DeclarantInput): Promise<DeclarantInput> => {
    const { data } = await dataProvider.getOne<Establishment>('establishments', { id: establishmentId as Identifier });
    return { siret: data.siret, lastName, firstName, email };
  };
  return (
    <Create redirect="show" transform={transform}>
      <SimpleForm>
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('app.declarants.create_help')}
        </Alert>
        <ReferenceInput source="siret" reference="establishments" sort={{ field: 'siret', order: 'ASC' }}>
          <AutocompleteInput
            label="resources.declarants.fields.siret"
            optionText={establishmentText}
            filterToQuery={(q: string) => ({ q })}
            validate={mandatory}
          />
        </ReferenceInput>
        <TextInput source="lastName" autoComplete="off" validate={mandatory} />
        <TextInput source="firstName" autoComplete="off" validate={mandatory} />
        <TextInput source="email" type="email" autoComplete="off" validate={mandatory} />
      </SimpleForm>
    </Create>
  );
};
