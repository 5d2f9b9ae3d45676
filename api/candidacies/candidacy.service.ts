import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { Account, AccountRole, AdminStatus } from '../../domain/account/account.entity';
import { identityKey } from '../../domain/account/identity.rules';
import { hashPassword, hashSecretAnswer } from '../../domain/account/password.hasher';
import { appendAudit } from '../../domain/audit/audit-trail';
import type { Scope } from '../../domain/auth/scope';
import { Candidacy } from '../../domain/candidacy/candidacy.entity';
import { candidacyClosed, candidacyNotFound, candidacyNotLocked } from '../../domain/candidacy/candidacy.errors';
import { isPendingCandidacy } from '../../domain/candidacy/candidacy.status';
import { CompanyStatus } from '../../domain/company/company.entity';
import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import {
  CANDIDACY_WORKFLOW_TYPE,
  candidacyStatusQuery,
  candidacyWorkflowId,
  type CandidacyInput,
  type CandidacyTerms,
} from '../../workflows/administrator-candidacy/administrator-candidacy.messages';
import { CompanySiren, SubjectAccount } from '../../workflows/search-attributes';
import type { PublicFormNoticeKind } from '../../workflows/public-form-notice/public-form-notice.messages';
import { TASK_QUEUE } from '../../workflows/task-queue';
import type { AuthContext } from '../auth/auth.middleware';
import { mailPublicFormNotice } from '../registrations/public-form-notice';
import { runningState } from '../workflows/executions';
import { candidacyRecord, type CandidacyRequest } from './candidacies.schemas';

/** Candidacies a person sees: support all, an administrator his company's, a candidate his own. */
export const candidacyScope = (scope: Scope): FilterQuery<Candidacy> =>
  scope.kind === 'all' ? {} : scope.kind === 'company' ? { company: scope.companyId } : { account: scope.accountId };

/** Why a candidacy did not start: told by mail, never in the answer. */
type CandidacyRefusal = Extract<PublicFormNoticeKind, 'CANDIDACY.COMPANY_NOT_FOUND' | 'ACCOUNT.IDENTITY_TAKEN'>;

/**
 * An administrator candidacy asked on the public form. The answer has the
 * same shape whatever the portal holds (an id, and the workflow id it would
 * run under), so the form tells nobody which establishments are registered
 * nor who has access; the truth goes by mail to the address typed in: the
 * confirmation link when the candidacy starts, a notice saying why otherwise.
 */
export async function applyForCandidacy(
  orm: MikroORM,
  temporal: Client,
  request: CandidacyRequest,
  terms: CandidacyTerms,
): Promise<{ id: string; workflowId: string }> {
  // Hashed before anything is looked up: a refusal takes as long as a start.
  const [passwordHash, secretAnswerHash] = await Promise.all([hashPassword(request.password), hashSecretAnswer(request.secretAnswer)]);
  const written = await writeCandidacy(orm, request, { passwordHash, secretAnswerHash });
  if (typeof written === 'string') {
    const { email: to, siret, lastName, firstName } = request;
    await mailPublicFormNotice(temporal, { kind: written, to, siret, lastName, firstName });
    // An id of the same kind as a real one, naming nothing.
    const id = randomUUID();
    return { id, workflowId: candidacyWorkflowId(id) };
  }
  const candidacy = written;

  const input: CandidacyInput = { candidacyId: candidacy.id, accountId: candidacy.account!.id, terms };
  try {
    await temporal.workflow.start(CANDIDACY_WORKFLOW_TYPE, {
      taskQueue: TASK_QUEUE,
      workflowId: candidacy.workflowId,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: [
        { key: CompanySiren, value: candidacy.companySiren },
        { key: SubjectAccount, value: input.accountId },
      ],
    });
  } catch (err) {
    await orm.em.fork().nativeDelete(Account, { id: input.accountId });
    await orm.em.fork().nativeDelete(Candidacy, { id: candidacy.id });
    throw err;
  }
  return { id: candidacy.id, workflowId: candidacy.workflowId };
}

/**
 * Writes the candidate's PENDING account (ADMINISTRATOR, CANDIDATE_AD) and
 * the candidacy, to be handed to the candidacy workflow, which mails the
 * confirmation link and owns them from then on; or answers why not.
 */
async function writeCandidacy(
  orm: MikroORM,
  request: CandidacyRequest,
  hashes: { passwordHash: string; secretAnswerHash: string },
): Promise<Candidacy | CandidacyRefusal> {
  return orm.em
    .fork()
    .transactional(async (em): Promise<Candidacy | CandidacyRefusal> => {
      const establishment = await em.findOne(
        Establishment,
        { siret: request.siret, status: EstablishmentStatus.ACTIVE, company: { status: CompanyStatus.ACTIVE, operator: false } },
        { populate: ['company'] },
      );
      if (!establishment) return 'CANDIDACY.COMPANY_NOT_FOUND';
      if (await em.getRepository(Account).identityTaken(request.siret, request.lastName, request.firstName)) return 'ACCOUNT.IDENTITY_TAKEN';
      const { company } = establishment;
      const account = em.create(Account, {
        company,
        establishment,
        siret: request.siret,
        lastName: request.lastName,
        firstName: request.firstName,
        identityKey: identityKey(request.siret, request.lastName, request.firstName),
        email: request.email,
        role: AccountRole.ADMINISTRATOR,
        adminStatus: AdminStatus.CANDIDATE_AD,
        ...hashes,
        secretQuestion: request.secretQuestion,
      });
      const created = em.create(Candidacy, {
        workflowId: '',
        company,
        companySiren: company.siren,
        companyName: company.legalName,
        account,
        siret: request.siret,
        lastName: request.lastName,
        firstName: request.firstName,
        email: request.email,
      });
      created.workflowId = candidacyWorkflowId(created.id);
      appendAudit(em, {
        actorId: account.id,
        actorLabel: `${account.firstName} ${account.lastName}`,
        action: 'CANDIDACY.APPLIED',
        targetType: 'Candidacy',
        targetId: created.id,
        companyId: company.id,
        after: { siret: request.siret, lastName: request.lastName, firstName: request.firstName, status: created.status },
      });
      return created;
    })
    .catch((err: unknown) => {
      if (err instanceof UniqueConstraintViolationException) return 'ACCOUNT.IDENTITY_TAKEN';
      throw err;
    });
}

/** Relations a candidacy record shows (the decider's name): every read of a record loads them. */
export const CANDIDACY_RECORD_RELATIONS = ['decidedBy'] as const;

export async function findCandidacy(em: EntityManager, where: FilterQuery<Candidacy>): Promise<Candidacy> {
  const candidacy = await em.findOne(Candidacy, where, { populate: CANDIDACY_RECORD_RELATIONS });
  if (!candidacy) throw candidacyNotFound();
  return candidacy;
}

/**
 * The candidacy a caller may act on, still pending: `managers` acts within
 * his scope (support all, an administrator his company's), `candidate` only
 * on his own, `candidateOrSupport` on his own or, for support, any.
 */
export async function actionableCandidacy(em: EntityManager, auth: AuthContext, id: string, who: 'managers' | 'candidate' | 'candidateOrSupport') {
  const candidacy = await findCandidacy(em, { $and: [actorScope(auth, who), { id }] });
  if (!isPendingCandidacy(candidacy.status)) throw candidacyClosed(candidacy.status);
  return candidacy;
}

/**
 * The candidacy its own cancel may close (the candidate's own, or any for
 * support): a pending one, or one locked by wrong keys that still waits for
 * support — its due date, the key's expiry, set. One an older run closed
 * LOCKED (no due date) is final.
 */
export async function cancellableCandidacy(em: EntityManager, auth: AuthContext, id: string) {
  const candidacy = await findCandidacy(em, { $and: [actorScope(auth, 'candidateOrSupport'), { id }] });
  if (isPendingCandidacy(candidacy.status) || (candidacy.status === 'LOCKED' && candidacy.dueDate)) return candidacy;
  throw candidacyClosed(candidacy.status);
}

function actorScope(auth: AuthContext, who: 'managers' | 'candidate' | 'candidateOrSupport'): FilterQuery<Candidacy> {
  if (who === 'managers') return candidacyScope(auth.scope);
  return auth.scope.kind === 'all' && who === 'candidateOrSupport' ? {} : { account: auth.account.id };
}

/** A candidacy locked by wrong keys, for support to unlock. */
export async function lockedCandidacy(em: EntityManager, id: string) {
  const candidacy = await findCandidacy(em, { id });
  if (candidacy.status !== 'LOCKED') throw candidacyNotLocked();
  return candidacy;
}

/** The record with, while it runs (a locked one waits for support), the workflow's own status. */
export async function candidacyDetail(temporal: Client, candidacy: Candidacy) {
  const running = isPendingCandidacy(candidacy.status) || candidacy.status === 'LOCKED';
  const workflow = await runningState(temporal, candidacy.workflowId, running, candidacyStatusQuery);
  return { ...candidacyRecord(candidacy), workflow };
}
