import { date, employeeId, instant, LineChecks, period, siret, uuid, type Check, type CsvLayout } from './dsn-csv.rules';

/** The two DSN import files, their columns and the rules of one line. Pure functions. */
export const FILING_LAYOUT = {
  columns: ['declaringSiret', 'declaredSiret', 'period', 'filedAt', 'declaringAccountId'],
  optional: ['declaringAccountId'],
} as const satisfies CsvLayout<string>;

export type FilingColumn = (typeof FILING_LAYOUT.columns)[number];

export interface FilingLine {
  declaringSiret: string;
  declaredSiret: string;
  /** First day of the declared month. */
  period: string;
  /** ISO instant. */
  filedAt: string;
  declaringAccountId: string | null;
}

export function checkFilingLine(v: Record<FilingColumn, string>): Check<FilingLine> {
  const checks = new LineChecks();
  const line: FilingLine = {
    declaringSiret: checks.take('declaringSiret', siret(v.declaringSiret)),
    declaredSiret: checks.take('declaredSiret', siret(v.declaredSiret)),
    period: checks.take('period', period(v.period)),
    filedAt: checks.take('filedAt', instant(v.filedAt)),
    declaringAccountId: v.declaringAccountId ? checks.take('declaringAccountId', uuid(v.declaringAccountId)) : null,
  };
  checks.require(
    !line.filedAt || !line.period || line.filedAt >= line.period,
    `filedAt : le dépôt (${line.filedAt?.slice(0, 10)}) précède le mois déclaré (${line.period?.slice(0, 7)}).`,
  );
  return checks.result(() => line);
}

/** Whose are a filing's declaring account and declaring SIRET, as the database knows them (null: unknown there). */
export interface FilingOwners {
  accountCompanyId: string | null;
  declaringCompanyId: string | null;
}

/**
 * DOMAIN.md: a filing is only accepted when its declaring account belongs to
 * the company of its declaring SIRET — otherwise it would credit another
 * company's declarant with a DSN (and the rights that come with it). A filing
 * without an account is the declaring firm's alone.
 */
export function checkFilingAccount(line: FilingLine, owners: FilingOwners): Check<FilingLine> {
  const { declaringAccountId: account, declaringSiret } = line;
  const refused = (reason: string): Check<FilingLine> => ({ ok: false, reason: `declaringAccountId : ${reason}` });
  if (account === null) return { ok: true, value: line };
  if (owners.accountCompanyId === null) return refused(`compte ${account} inconnu.`);
  if (owners.declaringCompanyId === null) {
    return refused(`le SIRET déclarant ${declaringSiret} n’est l’établissement d’aucune entreprise inscrite : aucun compte ne peut déposer pour lui.`);
  }
  if (owners.accountCompanyId !== owners.declaringCompanyId) {
    return refused(`le compte ${account} n’appartient pas à l’entreprise du SIRET déclarant ${declaringSiret} : un dépôt ne crédite qu’un compte de l’entreprise qui dépose.`);
  }
  return { ok: true, value: line };
}

export const RELATION_LAYOUT = {
  columns: ['employerSiret', 'employeeId', 'startDate', 'endDate'],
  optional: ['endDate'],
} as const satisfies CsvLayout<string>;

export type RelationColumn = (typeof RELATION_LAYOUT.columns)[number];

export interface RelationLine {
  employerSiret: string;
  /** Pseudonymous: never a NIR. */
  employeeId: string;
  startDate: string;
  endDate: string | null;
}

export function checkRelationLine(v: Record<RelationColumn, string>): Check<RelationLine> {
  const checks = new LineChecks();
  const line: RelationLine = {
    employerSiret: checks.take('employerSiret', siret(v.employerSiret)),
    employeeId: checks.take('employeeId', employeeId(v.employeeId)),
    startDate: checks.take('startDate', date(v.startDate)),
    endDate: v.endDate ? checks.take('endDate', date(v.endDate)) : null,
  };
  checks.require(
    !line.startDate || !line.endDate || line.endDate >= line.startDate,
    `endDate : la fin (${line.endDate}) précède le début (${line.startDate}).`,
  );
  return checks.result(() => line);
}
