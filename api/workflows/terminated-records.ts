import { LockMode } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { Account, AccountStatus } from '../../domain/account/account.entity';
import { auditActor } from '../../domain/account/audit-actor';
import { endArrivalRecord } from '../../domain/collaborators/arrival-record';
import { Arrival } from '../../domain/collaborators/arrival.entity';
import { isPendingArrival, isPendingDeparture } from '../../domain/collaborators/collaborators.status';
import { changeDepartureRecord } from '../../domain/collaborators/departure-record';
import { Departure } from '../../domain/collaborators/departure.entity';
import { Company, CompanyStatus } from '../../domain/company/company.entity';
import { purgeRegistrationRecord } from '../../domain/registration/registration-purge';
import { DomainError } from '../../domain/shared/domain-error';
import { ACCOUNT_CONFIRMATION_WORKFLOW_TYPE } from '../../workflows/account-confirmation/account-confirmation.messages';
import { CANDIDACY_WORKFLOW_TYPE } from '../../workflows/administrator-candidacy/administrator-candidacy.messages';
import { ARRIVAL_WORKFLOW_TYPE, cancelArrivalSignal } from '../../workflows/collaborator-arrival/collaborator-arrival.messages';
import { DEPARTURE_WORKFLOW_TYPE } from '../../workflows/collaborator-departure/collaborator-departure.messages';
import { REGISTRATION_WORKFLOW_TYPE } from '../../workflows/registration/registration.messages';

/** A process support has just terminated: no workflow code will run for it again. */
export interface TerminatedProcess {
  orm: MikroORM;
  /** The Temporal client acting as the support person (its signals name him). */
  temporal: Client;
  /** The support person: the closing is audited under his name. */
  account: Account;
  workflowId: string;
  runId: string;
  reason: string;
}

/** What the closing did, for the answer (empty: nothing was left pending). */
export type ClosedRecords = Record<string, unknown>;

/**
 * What a terminate means for a process type's records. A terminate runs no
 * workflow code — not the cancellation handlers of workflows/shared/on-cancellation.ts
 * — so, for a type that owns PostgreSQL records:
 * - CLOSES_RECORDS: the API closes them itself, right after the terminate,
 *   with the same domain function the workflow's own step calls when it is
 *   cancelled (audited as the support person, once per run);
 * - CANCEL_ONLY: its closing lives in its activities only (or sends mails
 *   only the workflow delivers): terminate is refused, cancel instead.
 * A type not listed owns no records (a mail notice, a foreign process):
 * terminated as it is.
 */
export type Termination = { kind: 'CLOSES_RECORDS'; close: (process: TerminatedProcess) => Promise<ClosedRecords> } | { kind: 'CANCEL_ONLY' };

const TERMINATIONS: Record<string, Termination> = {
  [ARRIVAL_WORKFLOW_TYPE]: { kind: 'CLOSES_RECORDS', close: closeArrival },
  [DEPARTURE_WORKFLOW_TYPE]: { kind: 'CLOSES_RECORDS', close: closeDeparture },
  [REGISTRATION_WORKFLOW_TYPE]: { kind: 'CLOSES_RECORDS', close: closeRegistration },
  // Its closing (activities/candidacy) queues the candidate's mail, which only the workflow delivers.
  [CANDIDACY_WORKFLOW_TYPE]: { kind: 'CANCEL_ONLY' },
  // Its closing (activities/account) voids the links inside the activity itself, not in a shared function yet.
  [ACCOUNT_CONFIRMATION_WORKFLOW_TYPE]: { kind: 'CANCEL_ONLY' },
};

export const terminationOf = (workflowType: string): Termination | null => TERMINATIONS[workflowType] ?? null;

/** The types whose processes own records: a batch terminate reaching one of them is refused (it runs on the server, nobody would close them). */
export const RECORD_OWNING_TYPES = Object.keys(TERMINATIONS);

export const cancelInstead = () =>
  new DomainError(
    'CONFLICT',
    'WORKFLOW.CANCEL_INSTEAD',
    'Ce processus tient des données qu’un arrêt immédiat laisserait en suspens : annulez-le (il les ferme lui-même) au lieu de le terminer.',
  );

/** Once per run: a second closing of the same terminated run writes nothing (unique dedupe key). */
const closingKey = (p: TerminatedProcess) => `${p.workflowId}/${p.runId}/terminated`;

/** A pending arrival ends CANCELLED, its PENDING account removed with its links, as when the workflow is cancelled. */
async function closeArrival(p: TerminatedProcess): Promise<ClosedRecords> {
  return p.orm.em.fork().transactional(async (em) => {
    const arrival = await em.findOne(Arrival, { workflowId: p.workflowId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!arrival || !isPendingArrival(arrival.status)) return {};
    const accountRemoved = await endArrivalRecord(em, {
      arrivalId: arrival.id,
      outcome: 'CANCELLED',
      actor: auditActor(p.account),
      reason: p.reason,
      details: { terminated: true },
      dedupeKey: closingKey(p),
    });
    return { arrival: { id: arrival.id, status: arrival.status, accountRemoved } };
  });
}

/**
 * A pending departure is recorded CANCELLED (its leaver stays as he is:
 * active before the date, radiated after it), as when the workflow is
 * cancelled; the new collaborator's arrival it was waiting for, a process
 * of its own, is told to cancel itself (as the departure's cancel does).
 */
async function closeDeparture(p: TerminatedProcess): Promise<ClosedRecords> {
  const closed = await p.orm.em.fork().transactional(async (em) => {
    const departure = await em.findOne(Departure, { workflowId: p.workflowId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!departure || !isPendingDeparture(departure.status)) return null;
    const leaver = await em.findOneOrFail(Account, departure.account.id);
    const leaverRadiated = leaver.status === AccountStatus.RADIATED;
    await changeDepartureRecord(em, {
      departureId: departure.id,
      action: 'DEPARTURE.CANCELLED',
      actor: auditActor(p.account),
      status: 'CANCELLED',
      effectiveDate: departure.effectiveDate,
      waitingReason: null,
      details: { leaverRadiated, terminated: true, reason: p.reason },
      dedupeKey: closingKey(p),
    });
    const newcomer = departure.rightsMode === 'TRANSFER_NEW' && departure.arrival ? await em.findOne(Arrival, departure.arrival.id) : null;
    return { id: departure.id, leaverRadiated, newcomer: newcomer && isPendingArrival(newcomer.status) ? newcomer.workflowId : null };
  });
  if (!closed) return {};
  if (closed.newcomer) {
    await p.temporal.workflow
      .getHandle(closed.newcomer)
      .signal(cancelArrivalSignal, { actorId: p.account.id, cause: 'DEPARTURE_CANCELLED' })
      .catch((err: unknown) => {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      });
  }
  return { departure: { id: closed.id, status: 'CANCELLED', leaverRadiated: closed.leaverRadiated, newcomerArrivalCancelled: closed.newcomer } };
}

/** A registration never confirmed is purged (company, establishment, Primo AD's account, links), as when the workflow is cancelled. */
async function closeRegistration(p: TerminatedProcess): Promise<ClosedRecords> {
  const siren = p.workflowId.replace(/^registration-/, '');
  return p.orm.em.fork().transactional(async (em) => {
    const company = await em.findOne(Company, { siren, status: CompanyStatus.PENDING }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!company) return {};
    await purgeRegistrationRecord(em, { companyId: company.id, actor: auditActor(p.account), details: { terminated: true, reason: p.reason }, dedupeKey: closingKey(p) });
    return { registration: { companyId: company.id, purged: true } };
  });
}
