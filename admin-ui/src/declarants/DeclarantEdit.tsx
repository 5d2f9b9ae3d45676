import { Alert } from '@mui/material';
import { Edit, SaveButton, SimpleForm, TextInput, Toolbar, useRecordContext, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { mandatory } from '../common/validation';
import type { Declarant } from '../types';

/** Warns, as soon as the address differs from the saved one, that saving mails a new link. */
const EmailChangeNotice = () => {
  const declarant = useRecordContext<Declarant>();
  const email: string | undefined = useWatch({ name: 'email' });
  const translate = useTranslate();
  if (!declarant || !email || email.trim() === declarant.email) return null;
  return (
    <Alert severity="info" sx={{ mb: 2 }}>
      {translate('app.declarants.email_change_notice', { email: email.trim() })}
    </Alert>
  );
};

/** Name and e-mail only; the API answers field errors under the inputs. */
export const DeclarantEdit = () => (
  <Edit
    mutationMode="pessimistic"
    redirect="show"
    transform={({ lastName, firstName, email }: Declarant) => ({ lastName, firstName, email: email.trim() })}
  >
    <SimpleForm
      toolbar={
        <Toolbar>
          <SaveButton />
        </Toolbar>
      }
    >
      <TextInput source="siret" readOnly />
      <TextInput source="lastName" validate={mandatory} />
      <TextInput source="firstName" validate={mandatory} />
      <TextInput source="email" type="email" validate={mandatory} />
      <EmailChangeNotice />
    </SimpleForm>
  </Edit>
);
