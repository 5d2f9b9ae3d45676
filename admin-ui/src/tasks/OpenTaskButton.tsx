import OpenIcon from '@mui/icons-material/ArrowForward';
import { Link } from 'react-router';
import { Button, useRecordContext, type FieldProps } from 'react-admin';
import type { Task } from '../types';

/** Opens the page where the task is done (the API's generic mapping by workflow type and phase). */
export const OpenTaskButton = (_props: FieldProps) => {
  const task = useRecordContext<Task>();
  if (!task) return null;
  return (
    <Button component={Link} to={task.page} label="app.tasks.open" onClick={(event) => event.stopPropagation()}>
      <OpenIcon />
    </Button>
  );
};
