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
