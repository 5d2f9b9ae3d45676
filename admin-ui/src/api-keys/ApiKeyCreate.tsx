import { useState } from 'react';
import {
  AutocompleteInput,
  Create,
  ReferenceInput,
  SimpleForm,
  TextInput,
  usePermissions,
  useRedirect,
} from 'react-admin';
import { mandatory } from '../common/validation';
import type { CreatedApiKey, Role } from '../types';
import { NewKeyDialog } from './NewKeyDialog';

/** Names a new key (support also picks its company); the clear key is then shown once. */
export const ApiKeyCreate = () => {
  const { permissions: role } = usePermissions<Role>();
  const redirect = useRedirect();
  const [created, setCreated] = useState<CreatedApiKey>();
  return (
    <>
      <Create mutationOptions={{ onSuccess: (key: CreatedApiKey) => setCreated(key) }}>
        <SimpleForm>
          {role === 'SUPPORT' && (
            <ReferenceInput source="companyId" reference="companies" sort={{ field: 'legalName', order: 'ASC' }}>
              <AutocompleteInput validate={mandatory} />
            </ReferenceInput>
          )}
          <TextInput source="name" validate={mandatory} helperText="app.api_keys.name_help" />
        </SimpleForm>
      </Create>
      {created && <NewKeyDialog apiKey={created} onClose={() => redirect('list', 'api-keys')} />}
    </>
  );
};
