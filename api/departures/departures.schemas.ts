import { DEPARTURE_RIGHTS_MODES, DEPARTURE_STATUSES, DEPARTURE_WAITING_CODES, RIGHT_OUTCOMES } from '../../domain/collaborators/collaborators.status';
import type { Departure } from '../../domain/collaborators/departure.entity';
import { CalendarDay, collaboratorFilter, Email, NamedRight, personName } from '../arrivals/arrivals.schemas';
import { z } from '../http/openapi';
import { Siret } from '../portfolios/identifier.schemas';

const Transfer = z.object({ mode: z.literal('TRANSFER'), toAccountId: z.string().uuid('Identifiant invalide') });
const Revoke = z.object({ mode: z.literal('REVOKE') });

export const DepartureRights = z.discriminatedUnion('mode', [
  Transfer,
  z.object({
    mode: z.literal('TRANSFER_NEW'),
    arrival: z.object({ siret: Siret, lastName: personName('Nom'), firstName: personName('Prénom'), email: Email }),
  }),
  Revoke,
]);

export const DepartureCreate = z
  .object({
    accountId: z.string().uuid('Identifiant invalide'),
    effectiveDate: CalendarDay,
    rights: DepartureRights,
    successorAccountId: z.string().uuid('Identifiant invalide').optional().openapi({ description: 'Required when the leaver is the company’s last active administrator' }),
  })
  .openapi('DepartureCreate');
export type DepartureCreate = z.infer<typeof DepartureCreate>;

export const DepartureAccepted = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    status: z.enum(DEPARTURE_STATUSES).openapi({ description: 'The phase reached: COMPLETED or WAITING_FOR_TARGET once a departure effective today has applied or started waiting, SCHEDULED for a later date' }),
  })
  .openapi('DepartureAccepted');

export const EffectiveDateBody = z.object({ effectiveDate: CalendarDay }).openapi('DepartureEffectiveDate');

/** Where a pending departure's rights go instead. */
export const DepartureTargetBody = z.object({ rights: z.discriminatedUnion('mode', [Transfer, Revoke]) }).openapi('DepartureTarget');

export const DepartureFilter = collaboratorFilter(DEPARTURE_STATUSES);

const RightReport = NamedRight.extend({ outcome: z.enum(RIGHT_OUTCOMES) });

/** Why a departure waits past its date: the console puts the code in words (LEGACY_TEXT: a sentence recorded before codes, in `params.text`). */
const WaitingReason = z
  .object({ code: z.enum(DEPARTURE_WAITING_CODES), params: z.record(z.string(), z.string()) })
  .openapi('DepartureWaitingReason');

export const DepartureRecord = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    companyId: z.string(),
    accountId: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    effectiveDate: z.string(),
    rightsMode: z.enum(DEPARTURE_RIGHTS_MODES),
    toAccountId: z.string().nullable(),
    toName: z.string().nullable(),
    arrivalId: z.string().nullable(),
    successorAccountId: z.string().nullable(),
    status: z.enum(DEPARTURE_STATUSES),
    waitingReason: WaitingReason.nullable(),
    transferred: z.number().nullable(),
    revoked: z.number().nullable(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    workflow: z.record(z.string(), z.unknown()).nullable().optional().openapi({ description: 'The workflow’s status query (detail only; null once closed)' }),
    rights: z.array(RightReport).optional().openapi({ description: 'Detail only, after completion: what happened to each right' }),
  })
  .openapi('Departure');

export function departureRecord(d: Departure) {
  return {
    id: d.id,
    workflowId: d.workflowId,
    companyId: d.company.id,
    accountId: d.account.id,
    lastName: d.lastName,
    firstName: d.firstName,
    effectiveDate: d.effectiveDate,
    rightsMode: d.rightsMode,
    toAccountId: d.toAccount?.id ?? null,
    toName: d.toName ?? null,
    arrivalId: d.arrival?.id ?? null,
    successorAccountId: d.successorAccount?.id ?? null,
    status: d.status,
    waitingReason: d.waitingReason ?? null,
    transferred: d.transferred ?? null,
    revoked: d.revoked ?? null,
    createdAt: d.createdAt.toISOString(),
    completedAt: d.completedAt?.toISOString() ?? null,
  };
}
