import type { Identifier } from 'react-admin';
import { getJson, postJson, segment } from '../httpClient';
import type { ClosedEstablishment, ObsoleteRights } from '../types';

const companyPath = (companyId: Identifier) => `/companies/${segment(companyId)}/obsolete-rights`;

/** The company's habilitations that grant nothing any more, optionally on one SIRET only. */
export const getObsoleteRights = (companyId: Identifier, siret?: string) =>
  getJson<ObsoleteRights>(`${companyPath(companyId)}${siret ? `?${new URLSearchParams({ siret })}` : ''}`);

/** Removes them in one step; 409 `CLEANUP.COUNT_CHANGED` (nothing removed) when the list changed since it was shown. */
export const cleanUpObsoleteRights = (companyId: Identifier, expectedCount: number, siret?: string) =>
  postJson<{ removed: number }>(`${companyPath(companyId)}/cleanup`, { expectedCount, ...(siret ? { siret } : {}) });

/** The answer code of a clean-up refused because the list moved. */
export const COUNT_CHANGED = 'CLEANUP.COUNT_CHANGED';

/** Support or the company's administrator: the establishment is CLOSED; its rights become obsolete. */
export const closeEstablishment = (siret: string) => postJson<ClosedEstablishment>(`/establishments/${segment(siret)}/close`);
