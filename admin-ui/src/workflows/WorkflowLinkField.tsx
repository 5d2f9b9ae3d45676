import { Link } from '@mui/material';
import { FunctionField, useCreatePath, type RaRecord } from 'react-admin';
import { Link as RouterLink } from 'react-router';

/**
 * The record's workflow, linked to its page in « Processus » (history,
 * pending activities, Temporal Web UI). `source` names the field for the
 * show layout's label.
 */
export const WorkflowLinkField = <T extends RaRecord & { workflowId: string }>({ source }: { source: 'workflowId' }) => {
  const createPath = useCreatePath();
  return (
    <FunctionField<T>
      source={source}
      render={({ workflowId }) => (
        <Link component={RouterLink} to={createPath({ resource: 'workflows', type: 'show', id: workflowId })}>
          {workflowId}
        </Link>
      )}
    />
  );
};
