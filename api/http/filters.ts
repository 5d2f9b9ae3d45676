/** `%q%` for ILIKE, with the user's own % and _ taken literally. */
export function containing(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Drops the keys whose value is undefined (filters the user did not set). */
export function defined<T extends Record<string, unknown>>(where: T): Partial<T> {
  return Object.fromEntries(Object.entries(where).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The `LIKE` pattern of an identifier's beginning typed in a search box (SIRET, SIREN: spaces and dots allowed), or undefined when it is no such thing. */
export function identifierStart(q: string): string | undefined {
  return /^[\d\s.]+$/.test(q) ? `${q.replace(/\D/g, '')}%` : undefined;
}
