/** The passport's custom page: declare by form or by file. */
export const PREVENTION_DECLARE_PATH = '/prevention/declare';

/** The administrator's yearly check (« Mes tâches » and the reminder mail link there: api/tasks/task-pages.ts). */
export const PREVENTION_CHECK_PATH = '/prevention-check';
