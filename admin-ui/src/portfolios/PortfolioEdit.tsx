import { Edit, SaveButton, SimpleForm, TextInput, Toolbar } from 'react-admin';
import { mandatory } from '../common/validation';
import type { Portfolio } from '../types';

/** Only the name changes here; contents are managed on the portfolio's page. */
export const PortfolioEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show" transform={({ name }: Portfolio) => ({ name })}>
    <SimpleForm
      toolbar={
        <Toolbar>
          <SaveButton />
        </Toolbar>
      }
    >
      <TextInput source="name" validate={mandatory} />
    </SimpleForm>
  </Edit>
);
