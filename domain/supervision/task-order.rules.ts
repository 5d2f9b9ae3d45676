export interface DatedTask {
  dueDate: string | null;
  overdue: boolean;
}

/** Inbox order: overdue first, then the nearest due date, tasks without a due date last. */
export function byUrgency(a: DatedTask, b: DatedTask): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueDate === b.dueDate) return 0;
  if (a.dueDate === null) return 1;
  if (b.dueDate === null) return -1;
  return a.dueDate < b.dueDate ? -1 : 1;
}
