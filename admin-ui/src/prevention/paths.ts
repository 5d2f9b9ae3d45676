/** The passport's custom page: declare by form or by file. */
export const PREVENTION_DECLARE_PATH = '/prevention/declare';
