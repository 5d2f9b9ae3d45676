import type { MikroORM } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { Account, AccountRole, AdminStatus } from '../../domain/account/account.entity';
import { identityKey } from '../../domain/account/identity.rules';
import { hashPassword } from '../../domain/account/password.hasher';
import { ADDRESS_TO_COMPLETE } from '../../domain/candidacy/letter-address.rules';
import { Company, CompanyStatus } from '../../domain/company/company.entity';
import { Establishment } from '../../domain/company/establishment.entity';
import { ensureCompanyPortfolio } from '../../domain/rights/company-portfolio';
import type { PublicFormNoticeKind } from '../../workflows/public-form-notice/public-form-notice.messages';
import {
  REGISTRATION_WORKFLOW_TYPE,
  registrationWorkflowId,
  type RegistrationDurations,
  type RegistrationInput,
} from '../../workflows/registration/registration.messages';
import { CompanySiren, SubjectAccount } from '../../workflows/search-attributes';
import { TASK_QUEUE } from '../../workflows/task-queue';
import { mailPublicFormNotice } from './public-form-notice';
import type { RegistrationRequest } from './registration.schemas';

/** Why a registration did not start: told by mail, never in the answer. */
type RegistrationRefusal = Extract<PublicFormNoticeKind, `REGISTRATION.${string}`>;

/**
 * A company registration asked on the public form. The answer is the same
 * whatever the portal holds — the workflow id of the SIREN's registration —
 * so the form tells nobody which companies are registered; the truth goes by
 * mail to the address typed in: the confirmation link when the registration
 * starts, a notice saying why otherwise.
 */
export async function registerCompany(
  orm: MikroORM,
  temporal: Client,
  request: RegistrationRequest,
  durations: RegistrationDurations,
): Promise<string> {
  const refusal = await startRegistration(orm, temporal, request, durations);
  if (refusal) {
    const { email: to, siret, lastName, firstName } = request;
    await mailPublicFormNotice(temporal, { kind: refusal, to, siret, lastName, firstName });
  }
  return registrationWorkflowId(request.siren);
}

/**
 * Writes the PENDING company, head office and Primo AD, then hands them to
 * the registration workflow, which owns them from then on; or answers why
 * the registration cannot start. If the workflow cannot start, the rows are
 * removed again: nothing is half-applied.
 */
async function startRegistration(
  orm: MikroORM,
  temporal: Client,
  request: RegistrationRequest,
  durations: RegistrationDurations,
): Promise<RegistrationRefusal | null> {
  const workflowId = registrationWorkflowId(request.siren);
  // Hashed before anything is looked up: a refusal takes as long as a start.
  const passwordHash = await hashPassword(request.password);
  const em = orm.em.fork();

  const companies = em.getRepository(Company);
  const existing = await companies.findBySiren(request.siren);
  if (existing) {
    if (existing.status !== CompanyStatus.PENDING) return 'REGISTRATION.COMPANY_EXISTS';
    if (await isRunning(temporal, workflowId)) return 'REGISTRATION.ALREADY_RUNNING';
    await em.nativeDelete(Company, { id: existing.id, status: CompanyStatus.PENDING });
  }
  if (await companies.siretTaken(request.siret)) return 'REGISTRATION.SIRET_TAKEN';

  const company = em.create(Company, {
    siren: request.siren,
    legalName: request.legalName || `Entreprise ${request.siren}`,
    headOfficeAddress: request.headOfficeAddress || ADDRESS_TO_COMPLETE,
  });
  const establishment = em.create(Establishment, {
    siret: request.siret,
    company,
    name: 'Siège',
    address: company.headOfficeAddress,
    headOffice: true,
  });
  const account = em.create(Account, {
    company,
    establishment,
    siret: request.siret,
    lastName: request.lastName,
    firstName: request.firstName,
    identityKey: identityKey(request.siret, request.lastName, request.firstName),
    email: request.email,
    role: AccountRole.ADMINISTRATOR,
    adminStatus: AdminStatus.PRIMO_AD,
    passwordHash,
  });
  await ensureCompanyPortfolio(em, company, [request.siret]);
  try {
    await em.flush();
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) return 'REGISTRATION.ALREADY_RUNNING';
    throw err;
  }

  const input: RegistrationInput = { siren: request.siren, companyId: company.id, accountId: account.id, durations };
  try {
    await temporal.workflow.start(REGISTRATION_WORKFLOW_TYPE, {
      taskQueue: TASK_QUEUE,
      workflowId,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
      workflowIdReusePolicy: 'ALLOW_DUPLICATE',
      memo: { siren: request.siren, siret: request.siret, legalName: company.legalName },
      typedSearchAttributes: [
        { key: CompanySiren, value: request.siren },
        { key: SubjectAccount, value: account.id },
      ],
    });
  } catch (err) {
    await em.nativeDelete(Company, { id: company.id });
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'REGISTRATION.ALREADY_RUNNING';
    throw err;
  }
  return null;
}

async function isRunning(temporal: Client, workflowId: string): Promise<boolean> {
  try {
    const description = await temporal.workflow.getHandle(workflowId).describe();
    return description.status.name === 'RUNNING';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}
