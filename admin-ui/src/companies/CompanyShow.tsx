import { BooleanField, DataTable, EditButton, ReferenceManyField, Show, SimpleShowLayout, TextField, TopToolbar } from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';
import { EnumField } from '../common/EnumField';
import { ObsoleteRightsButton } from '../obsolete-rights/ObsoleteRightsButton';

export const CompanyShow = () => (
  <Show
    actions={
      <TopToolbar>
        <ObsoleteRightsButton />
        <EditButton />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="siren" />
      <TextField source="legalName" />
      <TextField source="headOfficeAddress" sx={{ whiteSpace: 'pre-line' }} />
      <EnumField source="status" enumName="companyStatus" />
      <DateTimeField source="createdAt" />
      <ReferenceManyField
        reference="establishments"
        target="companyId"
        sort={{ field: 'siret', order: 'ASC' }}
        label="resources.companies.fields.establishments"
      >
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="siret" />
          <DataTable.Col source="name" />
          <DataTable.Col source="headOffice" field={BooleanField} />
          <DataTable.Col source="status">
            <EnumField source="status" enumName="establishmentStatus" />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </SimpleShowLayout>
  </Show>
);
