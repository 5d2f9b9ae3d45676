import TaskIcon from '@mui/icons-material/AssignmentInd';
import type { Task } from '../types';
import { TaskList } from './TaskList';

/** « Mes tâches »: running processes awaiting the caller's role (GET /api/tasks). */
export default {
  list: TaskList,
  icon: TaskIcon,
  recordRepresentation: (task: Task) => task.id,
};
