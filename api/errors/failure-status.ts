/**
 * HTTP status of the business failures that workflows answer with
 * (ApplicationFailure types). Anything not listed is a 409: the process
 * refused the request in its current state.
 */
export const FAILURE_STATUS: Record<string, number> = {
  'REGISTRATION.TOKEN_SUPERSEDED': 410,
  'REGISTRATION.TOKEN_EXPIRED': 410,
  'REGISTRATION.ALREADY_CONFIRMED': 409,
  'CANDIDACY.NOT_AN_ACTIVE_ADMINISTRATOR': 403,
  'CANDIDACY.SELF_DECISION': 403,
  'CANDIDACY.WRONG_KEY': 422,
  'CANDIDACY.REASON_REQUIRED': 400,
};
