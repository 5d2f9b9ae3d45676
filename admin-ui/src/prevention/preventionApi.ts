import { apiUrl, getJson, httpClient, postJson, segment } from '../httpClient';
import type { ServiceAccess } from '../types';
import type { DeclarantKind, DeclarationInput, ImportReport, PreventionCheck, PreventionDeclaration, PreventionWindow } from './types';

/** The prevention passport's calls that are not react-admin's simple-rest (api/prevention/*.routes.ts). */

/** The catalogue's code of the service (the habilitations, « Mes droits »). */
export const PREVENTION_SERVICE = 'PREVENTION_PASSPORT';

export const createDeclaration = (input: DeclarationInput) => postJson<PreventionDeclaration>('/prevention-declarations', input);

/** Sends a CSV file as it is (its encoding is the server's to read); the report says what was stored and what was refused, line by line. */
export const importDeclarations = async (file: File, declarantSiret: string, declarantKind: DeclarantKind) => {
  const query = new URLSearchParams({ declarantSiret, declarantKind });
  const { json } = await httpClient(`${apiUrl}/prevention-declarations/import?${query}`, {
    method: 'POST',
    body: await file.arrayBuffer(),
    headers: new Headers({ 'Content-Type': 'text/csv' }),
  });
  return json as ImportReport;
};

/** The import file's model (a link: the session cookie goes with it). */
export const IMPORT_MODEL_URL = `${apiUrl}/prevention-declarations/import-model`;

export const verifyLearners = (ids: string[]) => postJson<{ changed: number }>('/prevention-learners/verify', { ids });

export const requestCorrection = (ids: string[], reason: string) => postJson<{ changed: number }>('/prevention-learners/request-correction', { ids, reason });

/** The declarer deletes one learner's line; the declaration goes with its last one. */
export const deleteLearner = (id: string) =>
  httpClient(`${apiUrl}/prevention-learners/${segment(id)}`, { method: 'DELETE' }).then(({ json }) => json as { id: string; declarationDeleted: boolean });

export const moveDeadline = (windowId: string, deadline: string, reason: string) =>
  postJson<PreventionWindow>(`/prevention-windows/${segment(windowId)}/deadline-moves`, { deadline, reason });

/** « Vérification faite »: the check's workflow records it (markCheckDone update); answers the check as it is now. */
export const markCheckDone = (checkId: string) => postJson<PreventionCheck>(`/prevention-checks/${segment(checkId)}/done`);

/** Support starts a year's check now, as its Schedule would on its day; answered once the run is recorded. */
export const startCheckRun = (year: number, due: string) => postJson<{ year: number; workflowId: string; due: string }>('/prevention-check-runs', { year, due });

/** The SIRETs « Mes droits » opens on the passport (the API decides again on each declaration). */
export const preventionSirets = async (): Promise<string[]> => {
  const access = await getJson<ServiceAccess[]>('/me/access');
  return [...new Set(access.filter((a) => a.serviceCode === PREVENTION_SERVICE).flatMap((a) => a.sirets.map((s) => s.siret)))];
};
