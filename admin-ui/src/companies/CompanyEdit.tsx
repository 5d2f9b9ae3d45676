import { Edit, SaveButton, SimpleForm, TextInput, Toolbar, required } from 'react-admin';
import type { Company } from '../types';

/** Only the name and the head office address change here; the API answers field errors under the inputs. */
export const CompanyEdit = () => (
  <Edit
    mutationMode="pessimistic"
    redirect="show"
    transform={({ legalName, headOfficeAddress }: Company) => ({ legalName, headOfficeAddress })}
  >
    <SimpleForm
      toolbar={
        <Toolbar>
          <SaveButton />
        </Toolbar>
      }
    >
      <TextInput source="siren" readOnly />
      <TextInput source="legalName" validate={required()} />
      <TextInput source="headOfficeAddress" multiline minRows={2} validate={required()} />
    </SimpleForm>
  </Edit>
);
