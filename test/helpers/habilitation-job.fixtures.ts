import { Account, AccountRole, AccountStatus } from '../../domain/account/account.entity';
import { identityKey } from '../../domain/account/identity.rules';
import { hashPassword } from '../../domain/account/password.hasher';
import { Company } from '../../domain/company/company.entity';
import { Establishment } from '../../domain/company/establishment.entity';
import type { PlannedChange } from '../../domain/habilitation-files/planned-change';
import { HabilitationJob } from '../../domain/habilitation-jobs/habilitation-job.entities';
import { storePlan } from '../../domain/habilitation-jobs/habilitation-job.store';
import type { JobStatus } from '../../domain/habilitation-jobs/habilitation-job.status';
import type { Orm } from '../../platform/orm';
import type { RightsCompany } from './collaborators.fixtures';

/** `count` ACTIVE declarants of the company, written in one flush (one password hash for all). */
export async function createDeclarants(orm: Orm, c: RightsCompany, count: number): Promise<string[]> {
  const em = orm.em.fork();
  const company = em.getReference(Company, c.companyId);
  const establishment = await em.findOneOrFail(Establishment, { siret: c.headOffice });
  const passwordHash = await hashPassword('not-used-in-these-tests');
  const tag = Math.random().toString(36).slice(2, 8).toUpperCase();
  const accounts = Array.from({ length: count }, (_, n) => {
    const lastName = `DECL${tag}${n}`;
    return em.create(Account, {
      company,
      establishment,
      siret: c.headOffice,
      lastName,
      firstName: 'Test',
      identityKey: identityKey(c.headOffice, lastName, 'Test'),
      email: `${lastName.toLowerCase()}@cabinet.example`,
      role: AccountRole.DECLARANT,
      status: AccountStatus.ACTIVE,
      passwordHash,
      emailConfirmedAt: new Date(),
    });
  });
  await em.flush();
  return accounts.map((a) => a.id);
}

export interface JobRow {
  portfolioId: string;
  companyId: string;
  createdBy: string;
  status?: JobStatus;
}

/** A job of the portfolio with its plan stored, as the API's glue will write it. */
export async function createJob(orm: Orm, row: JobRow, changes: PlannedChange[] | AsyncIterable<PlannedChange> = []): Promise<string> {
  const em = orm.em.fork();
  const job = em.create(HabilitationJob, {
    portfolio: row.portfolioId,
    company: row.companyId,
    kind: 'HABILITATIONS',
    createdBy: row.createdBy,
    fileName: 'portefeuille.csv',
    status: row.status ?? 'PLANNED',
  });
  await em.flush();
  await storePlan(em, job.id, changes);
  return job.id;
}
