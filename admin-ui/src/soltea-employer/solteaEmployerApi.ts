import { apiUrl, getJson, httpClient, postJson, segment } from '../httpClient';
import type { AllocationView, DroppedChoice, SolteaGroup, TransferProjection } from './types';

/** The employer's and the establishment's SOLTéA calls that are not react-admin's simple-rest (api/soltea/*.routes.ts). */

export const getAllocations = (employerSiret: string, year: number) =>
  getJson<AllocationView>(`/soltea-allocations/${segment(employerSiret)}?year=${year}`);

export const saveAllocations = (employerSiret: string, year: number, allocations: { establishmentSiret: string; percent: number }[]) =>
  httpClient(`${apiUrl}/soltea-allocations/${segment(employerSiret)}`, { method: 'PUT', body: JSON.stringify({ year, allocations }) }).then(
    ({ json }) => json as AllocationView,
  );

export const replicateLastYear = (employerSiret: string, year: number) =>
  postJson<AllocationView & { dropped: DroppedChoice[] }>(`/soltea-allocations/${segment(employerSiret)}/replicate-last-year`, { year });

export const createGroup = (name: string, establishmentSirets: string[]) => postJson<SolteaGroup>('/soltea-groups', { name, establishmentSirets });

export const getTransferProjection = (applicationId: string) => getJson<TransferProjection>(`/soltea-applications/${segment(applicationId)}/projection`);
