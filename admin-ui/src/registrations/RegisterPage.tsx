import { TextInput, useDataProvider } from 'react-admin';
import { mandatory } from '../common/validation';
import type { BackOfficeDataProvider } from '../dataProvider';
import { PublicApplication } from '../layout/PublicApplication';
import type { RegistrationInput } from '../types';

/** Public page: a company's first administrator registers it (SIREN, head office, his identity). */
export const RegisterPage = () => {
  const dataProvider = useDataProvider<BackOfficeDataProvider>();
  return (
    <PublicApplication<RegistrationInput>
      title="app.register.title"
      submitLabel="app.register.submit"
      sent="app.register.sent"
      send={(input) => dataProvider.registerCompany(input)}
      leading={
        <>
          <TextInput source="siren" label="app.register.fields.siren" validate={mandatory} autoFocus />
          <TextInput source="siret" label="app.register.fields.siret" validate={mandatory} />
          <TextInput source="legalName" label="app.register.fields.legalName" autoComplete="organization" validate={mandatory} />
          <TextInput
            source="headOfficeAddress"
            label="app.register.fields.headOfficeAddress"
            autoComplete="street-address"
            multiline
            minRows={2}
            validate={mandatory}
          />
        </>
      }
    />
  );
};
