import RestartAltIcon from '@mui/icons-material/RestartAlt';
import { SupportActionButton } from './SupportActionButton';
import { resetWorkflow, TERMINATE_REASON_MIN_LENGTH } from './workflowCommands';

/** Support only: replays the process up to its last workflow-task completion in a new run; a reason is mandatory. */
export const ResetWorkflowButton = () => (
  <SupportActionButton
    action="reset"
    icon={<RestartAltIcon />}
    statuses={['RUNNING', 'FAILED', 'TIMED_OUT', 'TERMINATED']}
    minLength={TERMINATE_REASON_MIN_LENGTH}
    done="app.workflows.reset_done"
    run={resetWorkflow}
  />
);
