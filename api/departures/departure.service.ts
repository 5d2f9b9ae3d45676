import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { Account, AccountRole, AccountStatus, AdminStatus } from '../../domain/account/account.entity';
import { auditActor } from '../../domain/account/audit-actor';
import { appendAudit } from '../../domain/audit/audit-trail';
import { activeAdministrators } from '../../domain/auth/active-administrators';
import type { Arrival } from '../../domain/collaborators/arrival.entity';
import {
  accountNotFound,
  arrivalIdentityTaken,
  departureAlreadyPlanned,
  departureAlreadyStarted,
  departureNotFound,
  invalidField,
  lastAdministrator,
} from '../../domain/collaborators/collaborators.errors';
import { isPendingDeparture, type DepartureStatus } from '../../domain/collaborators/collaborators.status';
import { Departure } from '../../domain/collaborators/departure.entity';
import { parisStartOf, parisToday } from '../../domain/collaborators/effective-date.rules';
import { lastAdministratorGuard } from '../../domain/collaborators/last-administrator.rules';
import { DomainError } from '../../domain/shared/domain-error';
import {
  DEPARTURE_WORKFLOW_TYPE,
  departureStatusQuery,
  departureWorkflowId,
  type DepartureDurations,
  type DepartureInput,
  type DepartureRights,
} from '../../workflows/collaborator-departure/collaborator-departure.messages';
import { CompanySiren, SubjectAccount } from '../../workflows/search-attributes';
import { TASK_QUEUE } from '../../workflows/task-queue';
import { arrivalInput, assertDate, collaboratorScope, prepareArrival, type ArrivalTerms } from '../arrivals/arrival.service';
import type { AuthContext } from '../auth/auth.middleware';
import { runningState } from '../workflows/executions';
import { departureRecord, type DepartureCreate } from './departures.schemas';

const PEOPLE = [AccountRole.DECLARANT, AccountRole.ADMINISTRATOR];

/**
 * Plans a departure: checks the leaver, the target and the last-administrator
 * guard, writes the read model (and, for a transfer to a new collaborator,
 * his PENDING account and arrival), then hands it to the departure
 * workflow. If the workflow cannot start, the rows are removed again.
 */
export async function planDeparture(
  orm: MikroORM,
  temporal: Client,
  auth: AuthContext,
  request: DepartureCreate,
  durations: DepartureDurations,
  arrivalTerms: ArrivalTerms,
): Promise<Departure> {
  assertDate('effectiveDate', request.effectiveDate);
  const { departure, arrival } = await orm.em
    .fork()
    .transactional(async (em) => {
      const leaver = await em.findOne(Account, { ...collaboratorScope(auth.scope), id: request.accountId, role: { $in: PEOPLE } }, { populate: ['company'] });
      if (!leaver || leaver.status === AccountStatus.RADIATED) throw accountNotFound();
      const company = leaver.company;
      if (await em.count(Departure, { account: leaver, status: { $in: ['SCHEDULED', 'WAITING_FOR_TARGET'] } })) throw departureAlreadyPlanned();
      const successor = await checkSuccessor(em, leaver, request.successorAccountId);
      let target: Account | null = null;
      let newcomer: Arrival | null = null;
      if (request.rights.mode === 'TRANSFER') {
        target = await transferTarget(em, leaver.company.id, leaver.id, request.rights.toAccountId);
      } else if (request.rights.mode === 'TRANSFER_NEW') {
        const newcomerRequest = { ...request.rights.arrival, startDate: parisToday(new Date()), role: 'DECLARANT' as const, rights: { mode: 'NONE' as const } };
        newcomer = await prepareArrival(em, auth, company, newcomerRequest, 'rights.arrival.');
        target = newcomer.account!;
      }
      const created = em.create(Departure, {
        workflowId: '',
        company,
        account: leaver,
        lastName: leaver.lastName,
        firstName: leaver.firstName,
        effectiveDate: request.effectiveDate,
        rightsMode: request.rights.mode,
        toAccount: target,
        toName: target && `${target.firstName} ${target.lastName}`,
        arrival: newcomer,
        successorAccount: successor,
        createdBy: auth.account.id,
      });
      created.workflowId = departureWorkflowId(created.id);
      appendAudit(em, {
        ...auditActor(auth.account),
        action: 'DEPARTURE.PLANNED',
        targetType: 'Departure',
        targetId: created.id,
        companyId: company.id,
        after: { accountId: leaver.id, effectiveDate: request.effectiveDate, rightsMode: request.rights.mode, toAccountId: target?.id ?? null, successorAccountId: successor?.id ?? null },
      });
      return { departure: created, arrival: newcomer };
    })
    .catch((err: unknown) => {
      if (!(err instanceof UniqueConstraintViolationException)) throw err;
      if (request.rights.mode !== 'TRANSFER_NEW' || /departure/.test(err.message)) throw departureAlreadyPlanned();
      throw arrivalIdentityTaken(request.rights.arrival.siret);
    });

  const rights: DepartureRights =
    request.rights.mode === 'TRANSFER_NEW' ? { mode: 'TRANSFER_NEW', arrival: arrivalInput(arrival!, arrivalTerms) } : request.rights;
  const input: DepartureInput = {
    departureId: departure.id,
    accountId: departure.account.id,
    effectiveDate: departure.effectiveDate,
    effectiveAt: parisStartOf(departure.effectiveDate).toISOString(),
    rights,
    durations,
  };
  try {
    await temporal.workflow.start(DEPARTURE_WORKFLOW_TYPE, {
      taskQueue: TASK_QUEUE,
      workflowId: departure.workflowId,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: [
        { key: CompanySiren, value: departure.company.siren },
        { key: SubjectAccount, value: departure.account.id },
      ],
    });
  } catch (err) {
    await orm.em.fork().nativeDelete(Departure, { id: departure.id });
    if (arrival) await orm.em.fork().nativeDelete(Account, { id: arrival.account!.id });
    throw err;
  }
  return departure;
}

/** Who may receive a leaver's rights: another collaborator of his company, not radiated. */
export async function transferTarget(em: EntityManager, companyId: string, leaverId: string, toAccountId: string): Promise<Account> {
  const target = await em.findOne(Account, { id: toAccountId, company: companyId, role: { $in: PEOPLE }, status: { $ne: AccountStatus.RADIATED } });
  if (!target || target.id === leaverId) throw invalidField('rights.toAccountId', 'Choisissez un autre déclarant de l’entreprise');
  return target;
}

/**
 * The last-administrator guard at planning time: a company's last active
 * administrator names a successor — another active administrator, or a
 * candidate whose candidacy is running (the departure then waits for him).
 */
async function checkSuccessor(em: EntityManager, leaver: Account, successorId: string | undefined): Promise<Account | null> {
  const successor = successorId
    ? await em.findOne(Account, { id: successorId, company: leaver.company, role: AccountRole.ADMINISTRATOR, status: { $ne: AccountStatus.RADIATED } })
    : null;
  if (successorId && (!successor || successor.id === leaver.id)) throw invalidField('successorAccountId', 'Choisissez un autre administrateur de l’entreprise');
  const admins = await activeAdministrators(em, leaver.company.id);
  const verdict = lastAdministratorGuard({
    leaverIsActiveAdministrator: admins.some((a) => a.id === leaver.id),
    otherActiveAdministrators: admins.filter((a) => a.id !== leaver.id).length,
    successor: successor && { activeAdministrator: admins.some((a) => a.id === successor.id), candidate: successor.adminStatus === AdminStatus.CANDIDATE_AD },
  });
  if (verdict === 'REFUSED') throw lastAdministrator();
  return successor;
}

export async function findDeparture(em: EntityManager, where: FilterQuery<Departure>): Promise<Departure> {
  const departure = await em.findOne(Departure, where, { populate: ['rights'] });
  if (!departure) throw departureNotFound();
  return departure;
}

/** A departure of the caller's scope, not applied nor cancelled yet. */
export async function actionableDeparture(em: EntityManager, auth: AuthContext, id: string): Promise<Departure> {
  const departure = await findDeparture(em, { ...collaboratorScope(auth.scope), id });
  if (!isPendingDeparture(departure.status)) throw new DomainError('CONFLICT', 'DEPARTURE.NOT_PENDING', 'Ce départ est déjà appliqué ou annulé.');
  return departure;
}

/** A pending departure whose date is still ahead: today's applies at once, whatever the workflow has done yet. */
export async function reschedulableDeparture(em: EntityManager, auth: AuthContext, id: string): Promise<Departure> {
  const departure = await actionableDeparture(em, auth, id);
  if (departure.effectiveDate <= parisToday(new Date())) throw departureAlreadyStarted();
  return departure;
}

/** The departure's status in its read model, as it is now. */
export const departureStatus = async (orm: MikroORM, id: string): Promise<DepartureStatus> =>
  (await orm.em.fork().findOneOrFail(Departure, id, { fields: ['status'] })).status;

/** The record with, while it runs, the workflow's own status; after completion, what happened to each right. */
export async function departureDetail(temporal: Client, departure: Departure) {
  const workflow = await runningState(temporal, departure.workflowId, isPendingDeparture(departure.status), departureStatusQuery);
  return { ...departureRecord(departure), workflow, rights: departure.rights ?? [] };
}
