import WorkflowIcon from '@mui/icons-material/AccountTree';
import type { Workflow } from '../types';
import { WorkflowList } from './WorkflowList';
import { WorkflowShow } from './WorkflowShow';

/** Read-only: Temporal processes with their business state (GET /api/workflows). */
export default {
  list: WorkflowList,
  show: WorkflowShow,
  icon: WorkflowIcon,
  recordRepresentation: (workflow: Workflow) => workflow.id,
};
