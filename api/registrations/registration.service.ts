import type { MikroORM } from '@mikro-orm/postgresql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { Account, AccountRole, AdminStatus } from '../../domain/account/account.entity';
import { identityKey } from '../../domain/account/identity.rules';
import { hashPassword } from '../../domain/account/password.hasher';
import { Company, CompanyStatus } from '../../domain/company/company.entity';
import { Establishment } from '../../domain/company/establishment.entity';
import { ensureCompanyPortfolio } from '../../domain/rights/company-portfolio';
import {
  companyAlreadyRegistered,
  registrationRunning,
  siretTaken,
} from '../../domain/registration/registration.errors';
import {
  REGISTRATION_WORKFLOW_TYPE,
  registrationWorkflowId,
  type RegistrationDurations,
  type RegistrationInput,
} from '../../workflows/registration/registration.messages';
import { CompanySiren, SubjectAccount } from '../../workflows/search-attributes';
import { TASK_QUEUE } from '../../workflows/task-queue';
import type { RegistrationRequest } from './registration.schemas';

/**
 * Writes the PENDING company, head office and Primo AD, then hands them to
 * the registration workflow, which owns them from then on. If the workflow
 * cannot start, the rows are removed again: nothing is half-applied.
 */
export async function startRegistration(
  orm: MikroORM,
  temporal: Client,
  request: RegistrationRequest,
  durations: RegistrationDurations,
): Promise<string> {
  const workflowId = registrationWorkflowId(request.siren);
  const passwordHash = await hashPassword(request.password);
  const em = orm.em.fork();

  const companies = em.getRepository(Company);
  const existing = await companies.findBySiren(request.siren);
  if (existing) {
    if (existing.status !== CompanyStatus.PENDING) throw companyAlreadyRegistered(request.siren);
    if (await isRunning(temporal, workflowId)) throw registrationRunning(request.siren);
    await em.nativeDelete(Company, { id: existing.id, status: CompanyStatus.PENDING });
  }
  if (await companies.siretTaken(request.siret)) throw siretTaken(request.siret);

  const company = em.create(Company, {
    siren: request.siren,
    legalName: request.legalName || `Entreprise ${request.siren}`,
    headOfficeAddress: request.headOfficeAddress || 'Adresse à compléter',
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
    if (err instanceof UniqueConstraintViolationException) throw registrationRunning(request.siren);
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
    if (err instanceof WorkflowExecutionAlreadyStartedError) throw registrationRunning(request.siren);
    throw err;
  }
  return workflowId;
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
