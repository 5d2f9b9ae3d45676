import { Chip } from '@mui/material';
import { DataTable, List, useRecordContext, usePermissions, useTranslate } from 'react-admin';
import { CompanyField } from '../common/CompanyField';
import { DateTimeField } from '../common/DateTimeField';
import type { ApiKey, Role } from '../types';
import { RevokeApiKeyButton } from './RevokeApiKeyButton';

const KeyStateField = () => {
  const key = useRecordContext<ApiKey>();
  const translate = useTranslate();
  if (!key) return null;
  return key.revokedAt ? (
    <Chip size="small" label={translate('app.api_keys.revoked')} />
  ) : (
    <Chip size="small" color="success" label={translate('app.api_keys.active')} />
  );
};

export const ApiKeyList = () => {
  const { permissions: role } = usePermissions<Role>();
  return (
    <List sort={{ field: 'createdAt', order: 'DESC' }}>
      <DataTable rowClick={false} bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="prefix" />
        <DataTable.Col label="resources.api-keys.fields.state" field={KeyStateField} disableSort />
        {role === 'SUPPORT' && <DataTable.Col source="companyId" field={CompanyField} disableSort />}
        <DataTable.Col source="createdAt" field={DateTimeField} />
        <DataTable.Col source="lastUsedAt" field={DateTimeField} />
        <DataTable.Col source="revokedAt" field={DateTimeField} />
        <DataTable.Col label="" disableSort>
          <RevokeApiKeyButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
