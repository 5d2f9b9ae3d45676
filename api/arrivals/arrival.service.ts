import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { Account, AccountRole, AdminStatus } from '../../domain/account/account.entity';
import { auditActor } from '../../domain/account/audit-actor';
import { NO_PASSWORD_HASH } from '../../domain/account/declarant.rules';
import { identityKey } from '../../domain/account/identity.rules';
import { appendAudit } from '../../domain/audit/audit-trail';
import type { Scope } from '../../domain/auth/scope';
import { Arrival } from '../../domain/collaborators/arrival.entity';
import { arrivalAlreadyStarted, arrivalIdentityTaken, arrivalNotFound, companyNotFound, invalidField } from '../../domain/collaborators/collaborators.errors';
import { isPendingArrival, type ArrivalRole, type ArrivalStatus, type NamedRightCell } from '../../domain/collaborators/collaborators.status';
import { dateRefusal, parisStartOf, parisToday } from '../../domain/collaborators/effective-date.rules';
import { Company } from '../../domain/company/company.entity';
import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import { DomainError } from '../../domain/shared/domain-error';
import { Habilitation } from '../../domain/rights/habilitation.entity';
import { PortfolioEstablishment } from '../../domain/rights/portfolio-establishment.entity';
import { PortfolioService } from '../../domain/rights/portfolio-service.entity';
import { Portfolio } from '../../domain/rights/portfolio.entity';
import type { CandidacyTerms } from '../../workflows/administrator-candidacy/administrator-candidacy.messages';
import {
  ARRIVAL_WORKFLOW_TYPE,
  arrivalStatusQuery,
  arrivalWorkflowId,
  type ArrivalDurations,
  type ArrivalInput,
} from '../../workflows/collaborator-arrival/collaborator-arrival.messages';
import { CompanySiren, SubjectAccount } from '../../workflows/search-attributes';
import { TASK_QUEUE } from '../../workflows/task-queue';
import type { AuthContext } from '../auth/auth.middleware';
import { runningState } from '../workflows/executions';
import { arrivalRecord, type ArrivalCreate, type ArrivalRights } from './arrivals.schemas';
import { readUntil } from '../http/read-until';

/** Arrivals and departures a manager sees: all for support, his company's for an administrator. */
export const collaboratorScope = (scope: Scope): { company?: string } => (scope.kind === 'all' ? {} : { company: scope.companyId });

/** What an arrival is started with, besides the request: durations, and the candidacy's terms for a candidate. */
export interface ArrivalTerms {
  durations: ArrivalDurations;
  candidacyTerms: CandidacyTerms;
}

/** The company concerned: support names it, an administrator acts on his own (another company's is a 404). */
export async function companyOf(em: EntityManager, auth: AuthContext, companyId?: string): Promise<Company> {
  if (auth.scope.kind !== 'all') return em.findOneOrFail(Company, auth.scope.companyId);
  if (!companyId) throw invalidField('companyId', 'Choisissez l’entreprise');
  const company = await em.findOne(Company, companyId);
  if (!company) throw companyNotFound();
  return company;
}

/** Today or later in Paris, else a field error. */
export function assertDate(field: string, date: string): void {
  const refusal = dateRefusal(date, new Date());
  if (refusal) throw invalidField(field, refusal);
}

export type ArrivalRequest = Omit<ArrivalCreate, 'companyId' | 'rights'> & { rights: ArrivalRights };

/**
 * Writes, in the caller's transaction, the new collaborator's PENDING
 * account and the arrival's read model with the rights he will receive
 * (a copy is taken now). `field` prefixes the field errors (a departure
 * nests its new collaborator under `rights.arrival`).
 */
export async function prepareArrival(em: EntityManager, auth: AuthContext, company: Company, request: ArrivalRequest, field = ''): Promise<Arrival> {
  const at = (name: string) => `${field}${name}`;
  assertDate(at('startDate'), request.startDate);
  const establishment = await em.findOne(Establishment, { siret: request.siret, company, status: { $ne: EstablishmentStatus.CLOSED } });
  if (!establishment) throw invalidField(at('siret'), 'Choisissez un établissement ouvert de l’entreprise');
  if (await em.getRepository(Account).identityTaken(request.siret, request.lastName, request.firstName)) throw arrivalIdentityTaken(request.siret);
  const rights = await plannedRights(em, company, request.rights);
  const candidate = request.role === 'ADMINISTRATOR_CANDIDATE';
  const account = em.create(Account, {
    company,
    establishment,
    siret: request.siret,
    lastName: request.lastName,
    firstName: request.firstName,
    identityKey: identityKey(request.siret, request.lastName, request.firstName),
    email: request.email,
    role: candidate ? AccountRole.ADMINISTRATOR : AccountRole.DECLARANT,
    adminStatus: candidate ? AdminStatus.CANDIDATE_AD : null,
    passwordHash: NO_PASSWORD_HASH,
  });
  const arrival = em.create(Arrival, {
    workflowId: '',
    company,
    account,
    siret: request.siret,
    lastName: request.lastName,
    firstName: request.firstName,
    email: request.email,
    role: request.role as ArrivalRole,
    startDate: request.startDate,
    rightsMode: request.rights.mode,
    rights,
    createdBy: auth.account.id,
  });
  arrival.workflowId = arrivalWorkflowId(arrival.id);
  appendAudit(em, {
    ...auditActor(auth.account),
    action: 'ARRIVAL.REGISTERED',
    targetType: 'Arrival',
    targetId: arrival.id,
    companyId: company.id,
    after: { accountId: account.id, siret: arrival.siret, lastName: arrival.lastName, firstName: arrival.firstName, role: arrival.role, startDate: arrival.startDate, rightsMode: arrival.rightsMode, rights: rights.length },
  });
  return arrival;
}

export function arrivalInput(arrival: Arrival, terms: ArrivalTerms): ArrivalInput {
  return {
    arrivalId: arrival.id,
    accountId: arrival.account!.id,
    startDate: arrival.startDate,
    startsAt: parisStartOf(arrival.startDate).toISOString(),
    rights: arrival.rights,
    durations: terms.durations,
    candidacyTerms: arrival.role === 'ADMINISTRATOR_CANDIDATE' ? terms.candidacyTerms : null,
  };
}

/**
 * Registers an arrival, then hands it to the arrival workflow, which owns
 * it from then on. If the workflow cannot start, the rows are removed again.
 */
export async function registerArrival(orm: MikroORM, temporal: Client, auth: AuthContext, request: ArrivalCreate, terms: ArrivalTerms): Promise<Arrival> {
  const arrival = await orm.em
    .fork()
    .transactional(async (em) => prepareArrival(em, auth, await companyOf(em, auth, request.companyId), request))
    .catch(identityRace(request.siret));
  try {
    await temporal.workflow.start(ARRIVAL_WORKFLOW_TYPE, {
      taskQueue: TASK_QUEUE,
      workflowId: arrival.workflowId,
      args: [arrivalInput(arrival, terms)],
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: [
        { key: CompanySiren, value: arrival.company.siren },
        { key: SubjectAccount, value: arrival.account!.id },
      ],
    });
  } catch (err) {
    await orm.em.fork().nativeDelete(Arrival, { id: arrival.id });
    await orm.em.fork().nativeDelete(Account, { id: arrival.account!.id });
    throw err;
  }
  return arrival;
}

/** Two requests for one identity at once: the unique index answers, as the check would have. */
export const identityRace = (siret: string) => (err: unknown) => {
  throw err instanceof UniqueConstraintViolationException ? arrivalIdentityTaken(siret) : err;
};

/** The rights the new collaborator will receive, checked against the company's portfolios. */
async function plannedRights(em: EntityManager, company: Company, rights: ArrivalRights): Promise<NamedRightCell[]> {
  if (rights.mode === 'NONE') return [];
  if (rights.mode === 'COPY') {
    const roles = [AccountRole.DECLARANT, AccountRole.ADMINISTRATOR];
    const from = await em.findOne(Account, { id: rights.fromAccountId, company, role: { $in: roles } });
    if (!from) throw invalidField('rights.fromAccountId', 'Choisissez un déclarant de l’entreprise');
    await portfoliosOf(em, company, rights.portfolioIds, 'rights.portfolioIds');
    const held = await em.find(Habilitation, { account: from, portfolio: { $in: rights.portfolioIds } }, { populate: ['portfolio'], orderBy: { siret: 'ASC', service: 'ASC' } });
    return held.map((h) => ({
      portfolioId: h.portfolio.id,
      portfolioName: h.portfolio.name,
      siret: h.siret,
      serviceCode: h.service.code,
      canDeclare: h.canDeclare,
      canPay: h.canPay,
      canConsult: h.canConsult,
    }));
  }
  const portfolios = await portfoliosOf(em, company, rights.items.map((i) => i.portfolioId), 'rights.items');
  const seen = new Set<string>();
  const planned: NamedRightCell[] = [];
  for (const [n, item] of rights.items.entries()) {
    const field = (name: string) => `rights.items.${n}.${name}`;
    const portfolio = portfolios.get(item.portfolioId)!;
    if (!(await em.count(PortfolioEstablishment, { portfolio, siret: item.siret }))) throw invalidField(field('siret'), `Le SIRET ${item.siret} n’est pas dans le portefeuille ${portfolio.name}`);
    if (!(await em.count(PortfolioService, { portfolio, service: item.serviceCode }))) throw invalidField(field('serviceCode'), `Le service ${item.serviceCode} n’est pas dans le portefeuille ${portfolio.name}`);
    if (!item.canDeclare && !item.canPay && !item.canConsult) throw invalidField(field('canDeclare'), 'Cochez au moins un droit');
    const cell = `${item.siret}|${item.serviceCode}`;
    if (seen.has(cell)) throw invalidField(field('serviceCode'), `Le service ${item.serviceCode} est déjà demandé pour le SIRET ${item.siret}`);
    seen.add(cell);
    planned.push({ ...item, portfolioName: portfolio.name });
  }
  return planned;
}

async function portfoliosOf(em: EntityManager, company: Company, ids: string[], field: string): Promise<Map<string, Portfolio>> {
  const found = await em.find(Portfolio, { id: { $in: [...new Set(ids)] }, company });
  if (found.length !== new Set(ids).size) throw invalidField(field, 'Portefeuille inconnu dans l’entreprise');
  return new Map(found.map((p) => [p.id, p]));
}

export async function findArrival(em: EntityManager, where: FilterQuery<Arrival>): Promise<Arrival> {
  const arrival = await em.findOne(Arrival, where);
  if (!arrival) throw arrivalNotFound();
  return arrival;
}

/** A pending arrival of the caller's scope. */
export async function actionableArrival(em: EntityManager, auth: AuthContext, id: string): Promise<Arrival> {
  const arrival = await findArrival(em, { ...collaboratorScope(auth.scope), id });
  if (!isPendingArrival(arrival.status)) throw new DomainError('CONFLICT', 'ARRIVAL.NOT_PENDING', 'Cette arrivée est close.');
  return arrival;
}

/** A pending arrival whose invitation has not left: its start date is still ahead (today's leaves at once, whatever the workflow has done yet). */
export async function reschedulableArrival(em: EntityManager, auth: AuthContext, id: string): Promise<Arrival> {
  const arrival = await actionableArrival(em, auth, id);
  if (arrival.startDate <= parisToday(new Date())) throw arrivalAlreadyStarted();
  return arrival;
}

/** How long an answer waits, at most, for a workflow whose date is reached to take its first step. */
export const FIRST_STEP_WAIT_MS = 5_000;

/**
 * A start or effective date today (or past) makes the workflow act at once:
 * the invitation leaves, the departure applies. The answer then waits — a
 * few seconds at most — for the read model to leave SCHEDULED, so that it,
 * and the page opened right after, show the phase reached rather than the
 * one just left. A later date has nothing to wait for. Answers the status
 * last read (still SCHEDULED if the worker is slower than the wait).
 */
export async function statusAfterFirstStep<S extends string>(date: string, read: () => Promise<S>, waitMs = FIRST_STEP_WAIT_MS): Promise<S> {
  if (date > parisToday(new Date())) return read();
  return readUntil(read, (status) => status !== 'SCHEDULED', waitMs);
}

/** The arrival's status in its read model, as it is now. */
export const arrivalStatus = async (orm: MikroORM, id: string): Promise<ArrivalStatus> => (await orm.em.fork().findOneOrFail(Arrival, id, { fields: ['status'] })).status;

/** The record with, while it runs, the workflow's own status. */
export async function arrivalDetail(temporal: Client, arrival: Arrival) {
  const workflow = await runningState(temporal, arrival.workflowId, isPendingArrival(arrival.status), arrivalStatusQuery);
  return { ...arrivalRecord(arrival), workflow };
}

