import type { Identifier, RaRecord } from 'react-admin';

/**
 * Shapes served by the API (`/api/*`). Records list only the fields the
 * console's code reads; views show the others by `source`.
 */

export type Role = 'SUPPORT' | 'ADMINISTRATOR' | 'DECLARANT';

export interface Identity {
  id: Identifier;
  siret: string;
  lastName: string;
  firstName: string;
  email: string;
  role: Role;
  adminStatus: 'PRIMO_AD' | 'CANDIDATE_AD' | 'ACTIVE' | null;
  companyId: Identifier;
  companySiren: string;
  companyName: string;
}

export interface Company extends RaRecord {
  siren: string;
  legalName: string;
  headOfficeAddress: string;
}

export interface Establishment extends RaRecord {
  siret: string;
  name: string;
  companyId: Identifier;
  status: 'PENDING' | 'ACTIVE' | 'CLOSED';
}

export interface Account extends RaRecord {
  siret: string;
  lastName: string;
  firstName: string;
}

export interface Registration extends RaRecord {
  legalName: string;
  workflowStatus: string;
  phase: 'AWAITING_CONFIRMATION' | 'CONFIRMING' | 'CONFIRMED' | 'PURGED' | null;
}

export interface Workflow extends RaRecord<string> {
  type: string;
  status: string;
  companySiren: string | null;
  dueDate: string | null;
  overdue: boolean;
  temporalUiUrl: string;
  /** On the detail only: the console commands the running process offers. */
  commands?: Array<{ name: string; kind: 'update' | 'signal' }>;
  /** The run shown (the latest unless an earlier one was asked for). */
  runId: string;
  /** On the detail only: every run of the workflow id, newest first (a reset or a continue-as-new starts a new one). */
  runs?: WorkflowRun[];
  /** On the detail only: false for a process whose records only its own code closes (cancel it instead: the API refuses a terminate). */
  terminable?: boolean;
}

export interface WorkflowRun {
  runId: string;
  status: string;
  startedAt: string;
  closedAt: string | null;
}

export interface Task extends Workflow {
  /** Console route of the page where the task is done. */
  page: string;
}

/** An activity's last failure as people read it (a cause, and our code or the error's class); its raw message for support only. */
export interface ActivityFailure {
  failure: { cause: string; code: string | null } | null;
  failureDetail: string | null;
}

export interface Incident extends RaRecord<string>, ActivityFailure {
  workflowId: string;
  activityId: string;
}

export interface WorkflowStats {
  running: Array<{ type: string; phase: string | null; count: number }>;
  runningTotal: number;
  truncated: boolean;
  byStatus: Record<string, number>;
  overdue: number;
  openIncidents: number;
  perDay: Array<{ day: string; started: number; completed: number }>;
}

export interface OutboxMessage extends RaRecord {
  subject: string;
  links: string[];
}

export interface AuditEvent extends RaRecord {
  action: string;
  targetType: string;
  targetId: string;
}

export interface RegistrationInput {
  siren: string;
  siret: string;
  legalName: string;
  headOfficeAddress: string;
  lastName: string;
  firstName: string;
  email: string;
  password: string;
}

export type ConfirmationPurpose = 'REGISTRATION' | 'EMAIL_CONFIRMATION' | 'CANDIDACY' | 'ARRIVAL';

/** What a confirmation link is for, read before confirming (`GET /api/confirmations/:token`). */
export interface ConfirmationInfo {
  purpose: ConfirmationPurpose;
  needsPassword: boolean;
  siret: string;
  lastName: string;
  firstName: string;
}

export interface Confirmation {
  status: 'CONFIRMED';
  purpose: ConfirmationPurpose;
  siret: string;
  lastName: string;
  firstName: string;
}

export interface Declarant extends RaRecord {
  siret: string;
  lastName: string;
  firstName: string;
  email: string;
  role: Role;
  status: 'PENDING' | 'ACTIVE' | 'LOCKED' | 'RADIATED';
  companyId: Identifier;
  emailConfirmedAt: string | null;
}

export interface DeclarantInput {
  siret: string;
  lastName: string;
  firstName: string;
  email: string;
}

export type AccessMode = 'DSN_INHERITED' | 'PAYROLL_LINKED' | 'SPECIFIC';

export interface DeclarativeService extends RaRecord {
  code: string;
  label: string;
  accessMode: AccessMode;
  checkDeclaringSiret: boolean;
  checkEmployees: boolean;
  active: boolean;
}

export interface Portfolio extends RaRecord {
  companyId: Identifier;
  kind: 'COMPANY' | 'CLIENTS';
  name: string;
  siretCount: number;
  serviceCodes: string[];
  advice: string | null;
}

/** A SIRET of a portfolio (`GET /api/portfolios/:id/establishments`); its id is the SIRET. */
export interface PortfolioEstablishment extends RaRecord {
  siret: string;
  name: string | null;
}

/** Add one SIRET, or every known SIRET of a SIREN. */
export type PortfolioEstablishmentInput = { siret: string } | { siren: string };

export interface PortfolioEstablishmentsAdded {
  added: string[];
  alreadyThere: string[];
}

export interface HabilitationRights {
  canDeclare: boolean;
  canPay: boolean;
  canConsult: boolean;
}

export interface Habilitation extends RaRecord, HabilitationRights {
  accountId: Identifier;
  siret: string;
  serviceCode: string;
  portfolioId: Identifier;
}

export interface HabilitationInput extends HabilitationRights {
  portfolioId: Identifier;
  accountId: Identifier;
  siret: string;
  serviceCode: string;
}

export type AccessBasis = 'DSN_INHERITED' | 'EXPLICIT_HABILITATION' | 'IMPLICIT_MANDATE_DSN';

/** One service of `GET /api/me/access`: the SIRETs the caller may act for, and why. */
export interface ServiceAccess {
  serviceCode: string;
  label: string;
  accessMode: AccessMode;
  sirets: Array<{ siret: string; basis: AccessBasis }>;
}

export interface ApiKey extends RaRecord {
  name: string;
  prefix: string;
  revokedAt: string | null;
}

/** A DSN filing seen by the control service: which SIRET filed which SIRET's DSN, for which month. */
export interface DsnLink extends RaRecord {
  declaringSiret: string;
  declaredSiret: string;
  period: string;
}

export interface EmploymentRelation extends RaRecord {
  employerSiret: string;
  employeeId: string;
}

/** The answer to a key's creation: the only time the clear key is shown. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

/** A candidate administrator as the console sees him: his role is ADMINISTRATOR, his adminStatus CANDIDATE_AD. */
export type ConsoleRole = Role | 'CANDIDATE';

export type CandidacyStatus =
  | 'AWAITING_EMAIL'
  | 'AWAITING_APPROVAL'
  | 'AWAITING_LETTER'
  | 'AWAITING_KEY'
  | 'APPROVED'
  | 'REFUSED'
  | 'EXPIRED'
  | 'LOCKED'
  | 'CANCELLED';

export type CandidacyRoute = 'APPROVAL' | 'LETTER';

/** An administrator candidacy (`/api/candidacies`); `workflow` only on the detail. */
export interface Candidacy extends RaRecord {
  workflowId: string;
  companyName: string;
  lastName: string;
  firstName: string;
  email: string;
  status: CandidacyStatus;
  route: CandidacyRoute;
  createdAt: string;
  dueDate: string | null;
  expiresAt: string;
  letterRouteOffered: boolean;
  attemptsLeft: number | null;
  lettersSent: number;
  decidedBy: { id: Identifier; lastName: string; firstName: string } | null;
  refusalReason: string | null;
  workflow?: Record<string, unknown> | null;
}

export interface CandidacyInput {
  siret: string;
  lastName: string;
  firstName: string;
  email: string;
  password: string;
  secretQuestion: string;
  secretAnswer: string;
}

export type CandidacyDecision = 'ACCEPT' | 'REFUSE';

/** One activation letter of the print queue (`/api/letters`). */
export interface Letter extends RaRecord {
  candidacyId: Identifier;
  companyName: string;
  candidateName: string;
  status: 'PENDING' | 'POSTED' | 'VOIDED';
  overdue: boolean;
  /** Pending without a postal address: held back, neither printable nor postable. */
  held: boolean;
}

/** The answer of a bulk action: each id succeeded or failed on its own. */
export interface BulkResult {
  id: Identifier;
  ok: boolean;
  code?: string;
  message?: string;
}

/** One right of a collaborator's arrival or departure: a service for a SIRET, through a portfolio. */
export interface RightItem extends HabilitationRights {
  portfolioId: Identifier;
  siret: string;
  serviceCode: string;
}

export type ArrivalStatus = 'SCHEDULED' | 'AWAITING_CONFIRMATION' | 'COMPLETED' | 'EXPIRED' | 'CANCELLED';

export type ArrivalRole = 'DECLARANT' | 'ADMINISTRATOR_CANDIDATE';

/** What a newcomer gets: nothing, a copy of a declarant's rights held through some portfolios, or a list. */
export type ArrivalRights =
  | { mode: 'NONE' }
  | { mode: 'COPY'; fromAccountId: Identifier; portfolioIds: Identifier[] }
  | { mode: 'LIST'; items: RightItem[] };

/** « Nouveau collaborateur » (`POST /api/arrivals`); support names the company. */
export interface ArrivalInput {
  companyId?: Identifier;
  siret: string;
  lastName: string;
  firstName: string;
  email: string;
  /** YYYY-MM-DD, today or later (Europe/Paris). */
  startDate: string;
  role: ArrivalRole;
  rights: ArrivalRights;
}

/** A collaborator's arrival (`/api/arrivals`); `workflow` only on the detail. */
export interface Arrival extends RaRecord {
  workflowId: string;
  companyId: Identifier;
  accountId: Identifier;
  siret: string;
  lastName: string;
  firstName: string;
  email: string;
  role: ArrivalRole;
  startDate: string;
  rightsMode: ArrivalRights['mode'];
  status: ArrivalStatus;
  rights: Array<RightItem & { portfolioName: string }>;
  workflow?: Record<string, unknown> | null;
}

export type DepartureStatus = 'SCHEDULED' | 'WAITING_FOR_TARGET' | 'COMPLETED' | 'CANCELLED';

/** An existing declarant receives the leaver's rights, or nobody (revoked): what a pending departure can be changed to. */
export type DepartureTarget = { mode: 'TRANSFER'; toAccountId: Identifier } | { mode: 'REVOKE' };

/** The leaver's rights go to an existing declarant, to a newcomer (an arrival is started), or are revoked. */
export type DepartureRights =
  | DepartureTarget
  | { mode: 'TRANSFER_NEW'; arrival: { siret: string; lastName: string; firstName: string; email: string } };

/** « Départ d'un collaborateur » (`POST /api/departures`). */
export interface DepartureInput {
  accountId: Identifier;
  /** YYYY-MM-DD, today or later (Europe/Paris). */
  effectiveDate: string;
  rights: DepartureRights;
  /** Required when the leaver is the company's last active administrator. */
  successorAccountId?: Identifier;
}

export type RightOutcome = 'TRANSFERRED' | 'ALREADY_HELD' | 'REVOKED';

/** A collaborator's departure (`/api/departures`); `workflow` and `rights` only on the detail. */
export interface Departure extends RaRecord {
  workflowId: string;
  companyId: Identifier;
  accountId: Identifier;
  lastName: string;
  firstName: string;
  effectiveDate: string;
  rightsMode: DepartureRights['mode'];
  toAccountId: Identifier | null;
  toName: string | null;
  arrivalId: Identifier | null;
  successorAccountId: Identifier | null;
  status: DepartureStatus;
  /** Why it waits past its date: a code with parameters, put in words by the console. */
  waitingReason: { code: string; params: Record<string, string> } | null;
  transferred: number | null;
  revoked: number | null;
  rights?: Array<HabilitationRights & { siret: string; serviceCode: string; portfolioName: string; outcome: RightOutcome }>;
  workflow?: Record<string, unknown> | null;
}

export type ObsoleteReason = 'ESTABLISHMENT_CLOSED' | 'NOT_IN_ANY_PORTFOLIO' | 'ACCOUNT_RADIATED' | 'SERVICE_NOT_IN_PORTFOLIO';

/** A habilitation that grants nothing any more (`GET /api/companies/:id/obsolete-rights`). */
export interface ObsoleteRight {
  habilitationId: Identifier;
  accountId: Identifier;
  lastName: string;
  firstName: string;
  siret: string;
  serviceCode: string;
  portfolioName: string;
  reason: ObsoleteReason;
}

export interface ObsoleteRights {
  count: number;
  items: ObsoleteRight[];
}

/** The answer to an establishment's closing: how many rights it made obsolete. */
export interface ClosedEstablishment {
  siret: string;
  status: 'CLOSED';
  obsoleteRights: number;
}
