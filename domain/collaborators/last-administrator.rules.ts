/** What the guard knows of the leaver's company when he leaves. */
export interface AdministratorsAtDeparture {
  /** The leaver is an active administrator (validated, account active, address confirmed). */
  leaverIsActiveAdministrator: boolean;
  /** Other active administrators of the company. */
  otherActiveAdministrators: number;
  /** The successor named, if any: an active administrator, or a candidate on his way to becoming one. */
  successor: { activeAdministrator: boolean; candidate: boolean } | null;
}

/**
 * DOMAIN.md: a company's last active administrator cannot leave without a
 * successor. OK: he may leave; WAIT_FOR_SUCCESSOR: his successor is still a
 * candidate (the departure waits for the candidacy); REFUSED: nobody would
 * be left to administer the company.
 */
export function lastAdministratorGuard(c: AdministratorsAtDeparture): 'OK' | 'WAIT_FOR_SUCCESSOR' | 'REFUSED' {
  if (!c.leaverIsActiveAdministrator || c.otherActiveAdministrators > 0) return 'OK';
  if (c.successor?.activeAdministrator) return 'OK';
  if (c.successor?.candidate) return 'WAIT_FOR_SUCCESSOR';
  return 'REFUSED';
}
