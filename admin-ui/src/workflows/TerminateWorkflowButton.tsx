import StopCircleIcon from '@mui/icons-material/StopCircle';
import { SupportActionButton } from './SupportActionButton';
import { TERMINATE_REASON_MIN_LENGTH, terminateWorkflow } from './workflowCommands';

/** Support only, while the workflow runs and if its records can be closed from outside (`terminable`): terminates it at once; a reason is mandatory. */
export const TerminateWorkflowButton = () => (
  <SupportActionButton
    action="terminate"
    icon={<StopCircleIcon />}
    statuses={['RUNNING']}
    minLength={TERMINATE_REASON_MIN_LENGTH}
    done="app.workflows.terminated"
    run={terminateWorkflow}
    offered={(workflow) => workflow.terminable !== false}
  />
);
