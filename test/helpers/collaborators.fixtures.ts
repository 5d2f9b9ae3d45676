import { randomUUID } from 'node:crypto';
import { Account, AccountRole, AccountStatus, AdminStatus } from '../../domain/account/account.entity';
import { identityKey } from '../../domain/account/identity.rules';
import { hashPassword } from '../../domain/account/password.hasher';
import type { RightCell } from '../../domain/collaborators/collaborators.status';
import { Departure } from '../../domain/collaborators/departure.entity';
import { Company, CompanyStatus } from '../../domain/company/company.entity';
import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import { Habilitation } from '../../domain/rights/habilitation.entity';
import { Portfolio, PortfolioKind } from '../../domain/rights/portfolio.entity';
import { PortfolioEstablishment } from '../../domain/rights/portfolio-establishment.entity';
import { PortfolioService } from '../../domain/rights/portfolio-service.entity';
import type { Orm } from '../../platform/orm';
import { DEMO_PASSWORD } from './integration';
import { siretsOf } from './rights.fixtures';

export const SERVICES = ['MCF', 'MCF_REGUL', 'PEPS', 'SOLTEA_ETAB'];

export interface RightsCompany {
  companyId: string;
  siren: string;
  headOffice: string;
  /** Two client portfolios holding every SIRET and service. */
  portfolioIds: [string, string];
  sirets: string[];
}

/** A company of its own (SIREN from `siren`) with `siretCount` client SIRETs in two portfolios, written straight to the database. */
export async function createRightsCompany(orm: Orm, siren: string, siretCount: number): Promise<RightsCompany> {
  const em = orm.em.fork();
  const [headOffice] = siretsOf(siren, 1);
  const company = em.create(Company, { siren, legalName: `Cabinet ${siren}`, headOfficeAddress: '1 place de la Paie, Lyon', status: CompanyStatus.ACTIVE });
  em.create(Establishment, { siret: headOffice, company, name: 'Siège', address: company.headOfficeAddress, status: EstablishmentStatus.ACTIVE, headOffice: true });
  const sirets = Array.from({ length: siretCount }, (_, n) => `9${siren.slice(0, 4)}${String(n).padStart(9, '0')}`);
  const portfolios = ['Clients A', 'Clients B'].map((name) => em.create(Portfolio, { company, kind: PortfolioKind.CLIENTS, name }));
  for (const portfolio of portfolios) {
    for (const siret of sirets) em.create(PortfolioEstablishment, { portfolio, siret });
    for (const service of SERVICES) em.create(PortfolioService, { portfolio, service });
  }
  await em.flush();
  return { companyId: company.id, siren, headOffice, portfolioIds: [portfolios[0].id, portfolios[1].id], sirets };
}

/** An ACTIVE person of the company (the demo password). */
export async function createPerson(orm: Orm, c: RightsCompany, role: 'DECLARANT' | 'ADMINISTRATOR' | 'CANDIDATE', lastName = `P${randomUUID().slice(0, 8)}`) {
  const em = orm.em.fork();
  const company = em.getReference(Company, c.companyId);
  const establishment = await em.findOneOrFail(Establishment, { siret: c.headOffice });
  const account = em.create(Account, {
    company,
    establishment,
    siret: c.headOffice,
    lastName,
    firstName: 'Test',
    identityKey: identityKey(c.headOffice, lastName, 'Test'),
    email: `${lastName.toLowerCase()}@cabinet.example`,
    role: role === 'DECLARANT' ? AccountRole.DECLARANT : AccountRole.ADMINISTRATOR,
    adminStatus: role === 'DECLARANT' ? null : role === 'CANDIDATE' ? AdminStatus.CANDIDATE_AD : AdminStatus.ACTIVE,
    status: AccountStatus.ACTIVE,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    emailConfirmedAt: new Date(),
  });
  await em.flush();
  return { id: account.id, siret: c.headOffice, lastName, firstName: 'Test' };
}

/** Writes these habilitations for the account. */
export async function grant(orm: Orm, accountId: string, rights: RightCell[]): Promise<void> {
  const em = orm.em.fork();
  for (const r of rights) {
    em.create(Habilitation, { account: accountId, siret: r.siret, service: r.serviceCode, portfolio: r.portfolioId, canDeclare: r.canDeclare, canPay: r.canPay, canConsult: r.canConsult });
  }
  await em.flush();
}

/** The account's habilitations as cells. */
export async function rightsOf(orm: Orm, accountId: string): Promise<RightCell[]> {
  const held = await orm.em.fork().find(Habilitation, { account: accountId }, { orderBy: { siret: 'ASC', service: 'ASC' } });
  return held.map((h) => ({ portfolioId: h.portfolio.id, siret: h.siret, serviceCode: h.service.code, canDeclare: h.canDeclare, canPay: h.canPay, canConsult: h.canConsult }));
}

/** `count` random distinct cells over the company's SIRETs and services, random portfolio and flags (at least one set). */
export function randomRights(random: () => number, c: RightsCompany, count: number, sirets = c.sirets): RightCell[] {
  const cells = new Map<string, RightCell>();
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  while (cells.size < Math.min(count, sirets.length * SERVICES.length)) {
    const siret = pick(sirets);
    const serviceCode = pick(SERVICES);
    const flags = 1 + Math.floor(random() * 7);
    cells.set(`${siret}|${serviceCode}`, { portfolioId: pick(c.portfolioIds), siret, serviceCode, canDeclare: !!(flags & 1), canPay: !!(flags & 2), canConsult: !!(flags & 4) });
  }
  return [...cells.values()];
}

/** A departure read model row, as the API writes it, for activity-level tests. */
export async function departureRow(orm: Orm, c: RightsCompany, leaver: { id: string; lastName: string }, toAccountId: string | null, successorId: string | null = null) {
  const em = orm.em.fork();
  const departure = em.create(Departure, {
    workflowId: `departure-${randomUUID()}`,
    company: c.companyId,
    account: leaver.id,
    lastName: leaver.lastName,
    firstName: 'Test',
    effectiveDate: new Date().toISOString().slice(0, 10),
    rightsMode: toAccountId ? 'TRANSFER' : 'REVOKE',
    toAccount: toAccountId,
    successorAccount: successorId,
  });
  await em.flush();
  return departure;
}
