import { AccessMode } from '../rights/declarative-service.entity';

/**
 * The access decision (DOMAIN.md "Rights"): may this account use this
 * service for this SIRET? A pure function over a small read model, so every
 * basis and every reason is a row in a table test.
 */
export type DecisionBasis = 'DSN_INHERITED' | 'EXPLICIT_HABILITATION' | 'IMPLICIT_MANDATE_DSN';

export type DenialReason =
  | 'UNKNOWN_ACCOUNT'
  | 'ACCOUNT_INACTIVE'
  | 'UNKNOWN_SERVICE'
  | 'SERVICE_INACTIVE'
  | 'SERVICE_NOT_IN_PORTFOLIO'
  | 'NO_HABILITATION'
  | 'RIGHT_NOT_GRANTED'
  | 'SIRET_NOT_IN_DSN'
  | 'NOT_OWN_FILING'
  | 'DECLARING_SIRET_MISMATCH'
  | 'SIRET_NOT_MANAGED'
  | 'EMPLOYEE_NOT_EMPLOYED';

export type Right = 'DECLARE' | 'PAY' | 'CONSULT';

export interface DecisionFacts {
  account: { active: boolean } | null;
  service: { accessMode: AccessMode; active: boolean; checkDeclaringSiret: boolean; checkEmployees: boolean } | null;
  /**
   * The account's habilitation on (SIRET, service), counted only while the
   * portfolio it was granted through still holds both the SIRET and the service.
   */
  habilitation: { canDeclare: boolean; canPay: boolean; canConsult: boolean } | null;
  /** Some portfolio of the account's company holds the SIRET and the service. */
  serviceInPortfolio: boolean;
  /** The SIRET is one of the establishments of the account's company. */
  ownEstablishment: boolean;
  /**
   * Latest DSN period (YYYY-MM-DD, first of month) of the SIRET filed by this
   * account from a SIRET of its company (a filing crediting it from another
   * company's SIRET is no evidence of anything).
   */
  lastOwnFiling: string | null;
  /** Latest DSN period of the SIRET filed from any SIRET of the account's company. */
  lastCompanyFiling: string | null;
  /** Of the employees asked about, those not employed at the SIRET today. */
  employeesNotEmployed: string[];
}

export interface DecisionQuestion {
  right?: Right;
  employeeIds?: string[];
}

export interface DecisionPolicyOptions {
  /** Implicit mandate and DSN-inherited rights look back this many months (SOLTéA's rule: 6). */
  lookBackMonths: number;
}

export const DEFAULT_DECISION_POLICY: DecisionPolicyOptions = { lookBackMonths: 6 };

export type Decision =
  | { allowed: true; basis: DecisionBasis; reason: null }
  | { allowed: false; basis: null; reason: DenialReason };

const allow = (basis: DecisionBasis): Decision => ({ allowed: true, basis, reason: null });
const deny = (reason: DenialReason): Decision => ({ allowed: false, basis: null, reason });

/** First day (UTC) of the oldest month still inside the look-back window. */
export function lookBackStart(now: Date, months: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  return d.toISOString().slice(0, 10);
}

function grants(habilitation: NonNullable<DecisionFacts['habilitation']>, right: Right | undefined): boolean {
  switch (right) {
    case undefined:
      return true;
    case 'DECLARE':
      return habilitation.canDeclare;
    case 'PAY':
      return habilitation.canPay;
    case 'CONSULT':
      return habilitation.canConsult;
  }
}

export function decide(
  facts: DecisionFacts,
  question: DecisionQuestion,
  now: Date,
  policy: DecisionPolicyOptions = DEFAULT_DECISION_POLICY,
): Decision {
  if (!facts.account) return deny('UNKNOWN_ACCOUNT');
  if (!facts.account.active) return deny('ACCOUNT_INACTIVE');
  const { service } = facts;
  if (!service) return deny('UNKNOWN_SERVICE');
  if (!service.active) return deny('SERVICE_INACTIVE');

  const since = lookBackStart(now, policy.lookBackMonths);
  const recent = (period: string | null) => period !== null && period >= since;
  const ownFiling = recent(facts.lastOwnFiling);
  const companyFiling = ownFiling || recent(facts.lastCompanyFiling);
  // DOMAIN.md "Manages needs evidence, not a claim": its own establishment, or
  // a DSN it filed within the look-back. A SIRET only typed into a client
  // portfolio is none: specific rights granted there work, but the employees'
  // check does not answer there (it would tell who works at that SIRET).
  const managed = facts.ownEstablishment || companyFiling;
  const habilitation = facts.serviceInPortfolio ? facts.habilitation : null;

  switch (service.accessMode) {
    case AccessMode.DSN_INHERITED:
      if (ownFiling) return allow('DSN_INHERITED');
      return deny(companyFiling ? 'NOT_OWN_FILING' : 'SIRET_NOT_IN_DSN');

    case AccessMode.PAYROLL_LINKED:
      if (habilitation && companyFiling) {
        return grants(habilitation, question.right) ? allow('EXPLICIT_HABILITATION') : deny('RIGHT_NOT_GRANTED');
      }
      if (companyFiling) return allow('IMPLICIT_MANDATE_DSN');
      if (!facts.serviceInPortfolio) return deny('SERVICE_NOT_IN_PORTFOLIO');
      return deny(habilitation ? 'SIRET_NOT_IN_DSN' : 'NO_HABILITATION');

    case AccessMode.SPECIFIC:
      if (!facts.serviceInPortfolio) return deny('SERVICE_NOT_IN_PORTFOLIO');
      if (!habilitation) return deny('NO_HABILITATION');
      if (!grants(habilitation, question.right)) return deny('RIGHT_NOT_GRANTED');
      if (service.checkDeclaringSiret && !companyFiling) return deny('DECLARING_SIRET_MISMATCH');
      if (service.checkEmployees && question.employeeIds?.length) {
        if (!managed) return deny('SIRET_NOT_MANAGED');
        if (facts.employeesNotEmployed.length) return deny('EMPLOYEE_NOT_EMPLOYED');
      }
      return allow('EXPLICIT_HABILITATION');
  }
}
