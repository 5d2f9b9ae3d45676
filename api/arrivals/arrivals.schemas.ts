import { ARRIVAL_RIGHTS_MODES, ARRIVAL_ROLES, ARRIVAL_STATUSES } from '../../domain/collaborators/collaborators.status';
import type { Arrival } from '../../domain/collaborators/arrival.entity';
import { oneOrMany } from '../http/filter-schemas';
import { z } from '../http/openapi';
import { Siret } from '../portfolios/identifier.schemas';

export const personName = (label: string) => z.string().trim().min(1, `${label} obligatoire`).max(100, `${label} : 100 caractères au plus`);
export const Email = z.string().trim().toLowerCase().email('Adresse e-mail invalide').max(254);
/** A calendar day; whether it is today or later (Paris) is checked by the service (domain/collaborators/effective-date.rules.ts). */
export const CalendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ').openapi({ example: '2026-12-01' });

const RightItem = z.object({
  portfolioId: z.string().uuid('Identifiant invalide'),
  siret: Siret,
  serviceCode: z.string().trim().min(1).max(32),
  canDeclare: z.boolean(),
  canPay: z.boolean(),
  canConsult: z.boolean(),
});

export const ArrivalRights = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('NONE') }),
  z.object({ mode: z.literal('COPY'), fromAccountId: z.string().uuid('Identifiant invalide'), portfolioIds: z.array(z.string().uuid('Identifiant invalide')).min(1, 'Choisissez au moins un portefeuille').max(100) }),
  z.object({ mode: z.literal('LIST'), items: z.array(RightItem).min(1, 'Ajoutez au moins un droit').max(1000) }),
]);
export type ArrivalRights = z.infer<typeof ArrivalRights>;

export const ArrivalCreate = z
  .object({
    companyId: z.string().uuid().optional().openapi({ description: 'Support only: the company the collaborator joins' }),
    siret: Siret,
    lastName: personName('Nom'),
    firstName: personName('Prénom'),
    email: Email,
    startDate: CalendarDay,
    role: z.enum(ARRIVAL_ROLES),
    rights: ArrivalRights,
  })
  .openapi('ArrivalCreate');
export type ArrivalCreate = z.infer<typeof ArrivalCreate>;

export const ArrivalAccepted = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    accountId: z.string(),
    status: z.enum(ARRIVAL_STATUSES).openapi({ description: 'The phase reached: AWAITING_CONFIRMATION once today’s invitation has left, SCHEDULED for a later date' }),
  })
  .openapi('ArrivalAccepted');

export const IdParams = z.object({ id: z.string().uuid('Identifiant invalide') });

export const StartDateBody = z.object({ startDate: CalendarDay }).openapi('ArrivalStartDate');

export const CancelBody = z.object({ reason: z.multilineText().trim().max(1000).optional() }).openapi('CollaboratorCancel');

/** The list filters of arrivals and departures, by their statuses. */
export const collaboratorFilter = <S extends readonly [string, ...string[]]>(statuses: S) =>
  z.object({
    status: oneOrMany(z.enum(statuses)),
    pending: z.boolean().optional(),
    accountId: z.string().uuid().optional(),
    companyId: z.string().uuid().optional(),
    q: z.string().trim().max(100).optional(),
  });

export const ArrivalFilter = collaboratorFilter(ARRIVAL_STATUSES);

/** A right granted or moved, with its portfolio's name. */
export const NamedRight = z.object({
  portfolioId: z.string(),
  portfolioName: z.string(),
  siret: z.string(),
  serviceCode: z.string(),
  canDeclare: z.boolean(),
  canPay: z.boolean(),
  canConsult: z.boolean(),
});

export const ArrivalRecord = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    companyId: z.string(),
    accountId: z.string().nullable(),
    siret: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    email: z.string(),
    role: z.enum(ARRIVAL_ROLES),
    startDate: z.string(),
    rightsMode: z.enum(ARRIVAL_RIGHTS_MODES),
    status: z.enum(ARRIVAL_STATUSES),
    rights: z.array(NamedRight),
    candidacyId: z.string().nullable(),
    createdAt: z.string(),
    invitedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    workflow: z.record(z.string(), z.unknown()).nullable().optional().openapi({ description: 'The workflow’s status query (detail only; null once closed)' }),
  })
  .openapi('Arrival');

export function arrivalRecord(a: Arrival) {
  return {
    id: a.id,
    workflowId: a.workflowId,
    companyId: a.company.id,
    accountId: a.account?.id ?? null,
    siret: a.siret,
    lastName: a.lastName,
    firstName: a.firstName,
    email: a.email,
    role: a.role,
    startDate: a.startDate,
    rightsMode: a.rightsMode,
    status: a.status,
    rights: a.rights,
    candidacyId: a.candidacyId ?? null,
    createdAt: a.createdAt.toISOString(),
    invitedAt: a.invitedAt?.toISOString() ?? null,
    completedAt: a.completedAt?.toISOString() ?? null,
    expiresAt: a.expiresAt?.toISOString() ?? null,
  };
}
