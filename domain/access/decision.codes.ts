import type { DecisionBasis, DenialReason, Right } from './decision.policy';

/**
 * The policy's bases and reasons as values (for the API schema and the
 * table tests); `satisfies` keeps the lists complete when the types grow.
 */
export const DECISION_BASES = Object.keys({
  DSN_INHERITED: true,
  EXPLICIT_HABILITATION: true,
  IMPLICIT_MANDATE_DSN: true,
} satisfies Record<DecisionBasis, true>) as [DecisionBasis, ...DecisionBasis[]];

export const DENIAL_REASONS = Object.keys({
  UNKNOWN_ACCOUNT: true,
  ACCOUNT_INACTIVE: true,
  UNKNOWN_SERVICE: true,
  SERVICE_INACTIVE: true,
  SERVICE_NOT_IN_PORTFOLIO: true,
  NO_HABILITATION: true,
  RIGHT_NOT_GRANTED: true,
  SIRET_NOT_IN_DSN: true,
  NOT_OWN_FILING: true,
  DECLARING_SIRET_MISMATCH: true,
  SIRET_NOT_MANAGED: true,
  EMPLOYEE_NOT_EMPLOYED: true,
} satisfies Record<DenialReason, true>) as [DenialReason, ...DenialReason[]];

export const RIGHTS = ['DECLARE', 'PAY', 'CONSULT'] as const satisfies readonly Right[];
