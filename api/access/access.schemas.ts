import { DECISION_BASES, DENIAL_REASONS, RIGHTS } from '../../domain/access/decision.codes';
import { AccessMode } from '../../domain/rights/declarative-service.entity';
import { z } from '../http/openapi';
import { Siret } from '../portfolios/identifier.schemas';

export const BATCH_MAX = 1000;

export const AccessQuestion = z
  .object({
    accountId: z.guid('Identifiant de compte invalide'),
    siret: Siret.openapi({ description: 'Checked as the identifier rules say (14 digits, checksum, La Poste): a SIRET that cannot exist is a 400 naming it' }),
    service: z
      .string()
      .min(1)
      .max(32)
      .openapi({ example: 'MCF', description: 'A code the catalogue does not hold is answered, like an unknown account, with the denial reason UNKNOWN_SERVICE' }),
    right: z.enum(RIGHTS).optional(),
    employeeIds: z.array(z.string().min(1).max(64)).max(1000).optional().openapi({ description: 'Pseudonymous employee ids (never a NIR)' }),
  })
  .openapi('AccessQuestion');

export const AccessDecision = z
  .object({
    allowed: z.boolean(),
    basis: z.enum(DECISION_BASES).nullable(),
    reason: z.enum(DENIAL_REASONS).nullable(),
  })
  .openapi('AccessDecision');

export const AccessBatch = z
  .object({ questions: z.array(AccessQuestion).min(1).max(BATCH_MAX, `Au plus ${BATCH_MAX} questions par lot`) })
  .openapi('AccessBatch');

export const AccessBatchAnswer = z.object({ decisions: z.array(AccessDecision) }).openapi('AccessBatchAnswer');

export const MyAccess = z
  .array(
    z.object({
      serviceCode: z.string(),
      label: z.string(),
      accessMode: z.enum(AccessMode),
      sirets: z.array(z.object({ siret: z.string(), basis: z.enum(DECISION_BASES) })),
    }),
  )
  .openapi('MyAccess');
