import { Alert } from '@mui/material';
import { AutocompleteInput, Create, ReferenceInput, SimpleForm, TextInput, usePermissions, useTranslate } from 'react-admin';
import { mandatory } from '../common/validation';
import type { Role } from '../types';

/** A new client portfolio; support names the company it belongs to. */
export const PortfolioCreate = () => {
  const { permissions: role } = usePermissions<Role>();
  const translate = useTranslate();
  return (
    <Create redirect="show">
      <SimpleForm>
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('app.portfolios.create_help')}
        </Alert>
        {role === 'SUPPORT' && (
          <ReferenceInput source="companyId" reference="companies" sort={{ field: 'legalName', order: 'ASC' }}>
            <AutocompleteInput validate={mandatory} />
          </ReferenceInput>
        )}
        <TextInput source="name" validate={mandatory} />
      </SimpleForm>
    </Create>
  );
};
