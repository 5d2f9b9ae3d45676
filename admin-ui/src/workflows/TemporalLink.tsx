import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Button } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Workflow } from '../types';

/** Opens the workflow in Temporal Web UI, in a new tab. */
export const TemporalLink = () => {
  const record = useRecordContext<Workflow>();
  const translate = useTranslate();
  if (!record?.temporalUiUrl) return null;
  return (
    <Button
      size="small"
      href={record.temporalUiUrl}
      target="_blank"
      rel="noopener noreferrer"
      startIcon={<OpenInNewIcon />}
    >
      {translate('app.workflows.open_temporal')}
    </Button>
  );
};
