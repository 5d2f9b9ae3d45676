import CancelIcon from '@mui/icons-material/Cancel';
import { SupportActionButton } from './SupportActionButton';
import { cancelWorkflow } from './workflowCommands';

/** Support only, while the workflow runs: asks it to cancel, with an optional reason. */
export const CancelWorkflowButton = () => (
  <SupportActionButton
    action="cancel"
    icon={<CancelIcon />}
    statuses={['RUNNING']}
    minLength={0}
    done="app.workflows.cancel_requested"
    run={(id, reason) => cancelWorkflow(id, reason || undefined)}
  />
);
