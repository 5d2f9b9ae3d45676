/**
 * Attempts the candidate still has before the candidacy locks. Pure and
 * deterministic: the candidacy workflow counts with it.
 */
export function attemptsLeft(maxWrongKeys: number, wrongKeys: number): number {
  return Math.max(0, maxWrongKeys - wrongKeys);
}

/** The wrong key that leaves no attempt locks the candidacy. */
export function locksCandidacy(maxWrongKeys: number, wrongKeys: number): boolean {
  return attemptsLeft(maxWrongKeys, wrongKeys) === 0;
}
