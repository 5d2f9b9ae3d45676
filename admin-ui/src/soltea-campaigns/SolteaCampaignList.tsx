import { DataTable, DateField, ExportButton, FunctionField, List, TextField, TopToolbar, useTranslate } from 'react-admin';
import { EnumField } from '../common/EnumField';
import { StartCampaignButton } from './StartCampaignButton';
import { stepLabel } from './stepLabel';
import type { Campaign } from './types';

/** Support's list of the yearly campaigns: status, the milestone reached, what comes next and when. */
export const SolteaCampaignList = () => {
  const translate = useTranslate();
  return (
    <List
      sort={{ field: 'year', order: 'DESC' }}
      empty={false}
      actions={
        <TopToolbar>
          <StartCampaignButton />
          <ExportButton />
        </TopToolbar>
      }
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="year" field={TextField} />
        <DataTable.Col source="status">
          <EnumField source="status" enumName="solteaCampaignStatus" />
        </DataTable.Col>
        <DataTable.Col source="phase">
          <EnumField source="phase" enumName="workflowPhase" />
        </DataTable.Col>
        <DataTable.Col source="nextStep" disableSort>
          <FunctionField<Campaign> render={(c) => (c.nextStep ? stepLabel(translate, c.nextStep) : '—')} />
        </DataTable.Col>
        <DataTable.Col source="nextStepAt">
          <DateField source="nextStepAt" showTime options={{ dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' }} />
        </DataTable.Col>
        <DataTable.Col source="calendarVersion" disableSort>
          <FunctionField<Campaign> render={(c) => translate(`app.solteaCampaigns.calendar_version.${c.calendarVersion.replace(/-shifted.*|\+\d+$/, '')}`, { _: c.calendarVersion })} />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
