import { BooleanInput, Edit, SaveButton, SelectInput, SimpleForm, TextInput, Toolbar, required } from 'react-admin';
import { enumChoices } from '../enums';
import type { DeclarativeService } from '../types';

/** Support only: the catalogue entry's label, access mode, optional checks and availability. */
export const ServiceEdit = () => (
  <Edit
    mutationMode="pessimistic"
    redirect="list"
    transform={({ label, accessMode, checkDeclaringSiret, checkEmployees, active }: DeclarativeService) => ({
      label,
      accessMode,
      checkDeclaringSiret,
      checkEmployees,
      active,
    })}
  >
    <SimpleForm
      toolbar={
        <Toolbar>
          <SaveButton />
        </Toolbar>
      }
    >
      <TextInput source="code" readOnly />
      <TextInput source="label" validate={required()} />
      <SelectInput source="accessMode" choices={enumChoices('accessMode')} validate={required()} />
      <BooleanInput source="checkDeclaringSiret" helperText="app.services.check_declaring_siret_help" />
      <BooleanInput source="checkEmployees" helperText="app.services.check_employees_help" />
      <BooleanInput source="active" />
    </SimpleForm>
  </Edit>
);
