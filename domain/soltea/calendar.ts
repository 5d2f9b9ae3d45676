/** Moved to calendar.rules.ts (workflows import only *.rules); this re-export goes once every importer is updated. */
export * from './calendar.rules';
