/**
 * Kinds of business failure. The API edge maps each kind to one HTTP status;
 * nothing below the API knows about HTTP.
 */
export type DomainErrorKind =
  | 'INVALID'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GONE'
  | 'LOCKED';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly errors?: Record<string, string>,
    /** Further fields of the answer, beside code and message (e.g. which kind of link was refused). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
