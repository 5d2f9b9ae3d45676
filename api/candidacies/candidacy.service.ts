import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { Account, AccountRole, AdminStatus } from '../../domain/account/account.entity';
import { identityKey } from '../../domain/account/identity.rules';
import { hashPassword, hashSecretAnswer } from '../../domain/account/password.hasher';
import { appendAudit } from '../../domain/audit/audit-trail';
import type { Scope } from '../../domain/auth/scope';
import { Candidacy } from '../../domain/candidacy/candidacy.entity';
import { candidacyClosed, candidacyCompanyNotFound, candidacyNotFound, candidateIdentityTaken } from '../../domain/candidacy/candidacy.errors';
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
import { TASK_QUEUE } from '../../workflows/task-queue';
import type { AuthContext } from '../auth/auth.middleware';
import { runningState } from '../workflows/executions';
import { candidacyRecord, type CandidacyRequest } from './candidacies.schemas';

/** Candidacies a person sees: support all, an administrator his company's, a candidate his own. */
export const candidacyScope = (scope: Scope): FilterQuery<Candidacy> =>
  scope.kind === 'all' ? {} : scope.kind === 'company' ? { company: scope.companyId } : { account: scope.accountId };

/**
 * Writes the candidate's PENDING account (ADMINISTRATOR, CANDIDATE_AD) and
 * the candidacy, then hands them to the candidacy workflow, which mails the
 * confirmation link and owns them from then on. If the workflow cannot
 * start, both rows are removed again.
 */
export async function applyForCandidacy(orm: MikroORM, temporal: Client, request: CandidacyRequest, terms: CandidacyTerms): Promise<Candidacy> {
  const [passwordHash, secretAnswerHash] = await Promise.all([hashPassword(request.password), hashSecretAnswer(request.secretAnswer)]);
  const candidacy = await orm.em
    .fork()
    .transactional(async (em) => {
      const establishment = await em.findOne(
        Establishment,
        { siret: request.siret, status: EstablishmentStatus.ACTIVE, company: { status: CompanyStatus.ACTIVE, operator: false } },
        { populate: ['company'] },
      );
      if (!establishment) throw candidacyCompanyNotFound(request.siret);
      if (await em.getRepository(Account).identityTaken(request.siret, request.lastName, request.firstName)) throw candidateIdentityTaken(request.siret);
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
        passwordHash,
        secretQuestion: request.secretQuestion,
        secretAnswerHash,
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
      throw err instanceof UniqueConstraintViolationException ? candidateIdentityTaken(request.siret) : err;
    });

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
  return candidacy;
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
  const where: FilterQuery<Candidacy> =
    who === 'managers'
      ? candidacyScope(auth.scope)
      : auth.scope.kind === 'all' && who === 'candidateOrSupport'
        ? {}
        : { account: auth.account.id };
  const candidacy = await findCandidacy(em, { $and: [where, { id }] });
  if (!isPendingCandidacy(candidacy.status)) throw candidacyClosed(candidacy.status);
  return candidacy;
}

/** The record with, while it runs, the workflow's own status. */
export async function candidacyDetail(temporal: Client, candidacy: Candidacy) {
  const workflow = await runningState(temporal, candidacy.workflowId, isPendingCandidacy(candidacy.status), candidacyStatusQuery);
  return { ...candidacyRecord(candidacy), workflow };
}
