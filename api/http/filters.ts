/** `%q%` for ILIKE, with the user's own % and _ taken literally. */
export function containing(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Drops the keys whose value is undefined (filters the user did not set). */
export function defined<T extends Record<string, unknown>>(where: T): Partial<T> {
  return Object.fromEntries(Object.entries(where).filter(([, v]) => v !== undefined)) as Partial<T>;
}
