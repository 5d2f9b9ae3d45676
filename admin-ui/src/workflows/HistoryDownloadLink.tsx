import DownloadIcon from '@mui/icons-material/Download';
import { Button } from '@mui/material';
import { usePermissions, useRecordContext, useTranslate } from 'react-admin';
import type { Role, Workflow } from '../types';
import { historyDownloadUrl } from './workflowCommands';

/** Support only: the raw event history as a JSON file. */
export const HistoryDownloadLink = () => {
  const workflow = useRecordContext<Workflow>();
  const { permissions: role } = usePermissions<Role>();
  const translate = useTranslate();
  if (role !== 'SUPPORT' || !workflow) return null;
  return (
    <Button size="small" href={historyDownloadUrl(workflow.id)} download startIcon={<DownloadIcon />}>
      {translate('app.workflows.download_history')}
    </Button>
  );
};
