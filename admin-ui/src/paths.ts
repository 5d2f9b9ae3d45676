import type { Identifier } from 'react-admin';

/** The console's custom pages (menu entries, links between pages). */
export const MATRIX_PATH = '/habilitations/matrix';
export const MY_ACCESS_PATH = '/me/access';

/** The matrix, opened on one portfolio. */
export const matrixPath = (portfolioId: Identifier) =>
  `${MATRIX_PATH}?${new URLSearchParams({ portfolioId: String(portfolioId) })}`;

/** The public candidacy form and the candidate's own page. */
export const CANDIDACY_APPLY_PATH = '/candidacy/apply';
export const MY_CANDIDACY_PATH = '/my-candidacy';

/** A company's obsolete rights, optionally narrowed to one SIRET (after closing it). */
export const OBSOLETE_RIGHTS_PATH = '/companies/:companyId/obsolete-rights';
export const obsoleteRightsPath = (companyId: Identifier, siret?: string) =>
  `/companies/${encodeURIComponent(String(companyId))}/obsolete-rights${siret ? `?${new URLSearchParams({ siret })}` : ''}`;

/** SOLTéA: an employer's allocations editor for a year, and the establishment's application page. */
export const SOLTEA_ALLOCATIONS_PATH = '/soltea-allocations/:employerSiret';
export const allocationsPath = (employerSiret: string, year: number) =>
  `/soltea-allocations/${encodeURIComponent(employerSiret)}?${new URLSearchParams({ year: String(year) })}`;
export const MY_SOLTEA_APPLICATION_PATH = '/my-soltea-application';
