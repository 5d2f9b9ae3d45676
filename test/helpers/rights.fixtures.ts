import type { Express } from 'express';
import { Account, AccountRole, AccountStatus, AdminStatus } from '../../domain/account/account.entity';
import { identityKey } from '../../domain/account/identity.rules';
import { hashPassword } from '../../domain/account/password.hasher';
import { Company, CompanyStatus } from '../../domain/company/company.entity';
import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import { luhnValid } from '../../domain/identifiers/identifiers.rules';
import { ensureCompanyPortfolio } from '../../domain/rights/company-portfolio';
import { Habilitation } from '../../domain/rights/habilitation.entity';
import { PortfolioService } from '../../domain/rights/portfolio-service.entity';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import type { Orm } from '../../platform/orm';
import { DEMO_PASSWORD, eventually, login } from './integration';

const byRole = (role: AccountRole) => DEMO_LOGINS.find((l) => l.role === role)!;
export const SUPPORT = byRole(AccountRole.SUPPORT);
/** Boulangerie Martin SARL (SIREN 842716409): its administrator and its declarant. */
export const ADMIN = byRole(AccountRole.ADMINISTRATOR);
export const DECLARANT = byRole(AccountRole.DECLARANT);
export const DEMO_SIRETS = ['84271640900011', '84271640900029'];

/** The token a confirmation link carries. */
export const tokenOf = (link: string) => new URL(link.replace('/#/', '/')).searchParams.get('token')!;

/**
 * The first link of the newest mail to `to` (read from the outbox as support), once it differs from `previous`.
 * Sent mails only: a workflow sends a link once it holds it; a queued one may still be unknown to it.
 */
export async function latestLink(app: Express, to: string, previous?: string): Promise<string> {
  const agent = await login(app, SUPPORT);
  return eventually(async () => {
    const res = await agent.get('/api/outbox').query({ filter: JSON.stringify({ q: to, status: 'SENT' }) });
    const link = (res.body as Array<{ to: string; links: string[] }>).find((m) => m.to === to)?.links[0];
    return link !== previous ? link : undefined;
  });
}

/** Luhn-valid SIRETs of a SIREN, NIC 0001x upwards. */
export function siretsOf(siren: string, count: number): string[] {
  const sirets: string[] = [];
  for (let nic = 1; sirets.length < count; nic++) {
    const base = `${siren}${String(nic).padStart(4, '0')}`;
    const check = [...'0123456789'].find((d) => luhnValid(base + d))!;
    sirets.push(base + check);
  }
  return sirets;
}

export interface OtherCompany {
  companyId: string;
  siret: string;
  admin: { siret: string; lastName: string; firstName: string };
  declarantId: string;
  portfolioId: string;
  habilitationId: string;
}

/**
 * Company B for isolation tests (SIREN 732829320), written straight to the
 * database: an active administrator, a declarant, and one habilitation on
 * PEPS in its company portfolio.
 */
export async function createOtherCompany(orm: Orm): Promise<OtherCompany> {
  const em = orm.em.fork();
  const siret = '73282932000074';
  const company = em.create(Company, { siren: '732829320', legalName: 'Menuiserie Durand', headOfficeAddress: '4 rue des Artisans, Nantes', status: CompanyStatus.ACTIVE });
  const establishment = em.create(Establishment, { siret, company, name: 'Siège', address: company.headOfficeAddress, status: EstablishmentStatus.ACTIVE, headOffice: true });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const person = (role: AccountRole, lastName: string, firstName: string) =>
    em.create(Account, {
      company,
      establishment,
      siret,
      lastName,
      firstName,
      identityKey: identityKey(siret, lastName, firstName),
      email: `${firstName.toLowerCase()}@menuiserie.example`,
      role,
      status: AccountStatus.ACTIVE,
      adminStatus: role === AccountRole.ADMINISTRATOR ? AdminStatus.ACTIVE : null,
      passwordHash,
      emailConfirmedAt: new Date(),
    });
  const admin = person(AccountRole.ADMINISTRATOR, 'DURAND', 'Elise');
  const declarant = person(AccountRole.DECLARANT, 'LEROY', 'Paul');
  const portfolio = await ensureCompanyPortfolio(em, company, [siret]);
  em.create(PortfolioService, { portfolio, service: 'PEPS' });
  const habilitation = em.create(Habilitation, { account: declarant, siret, service: 'PEPS', portfolio });
  await em.flush();
  return {
    companyId: company.id,
    siret,
    admin: { siret, lastName: admin.lastName, firstName: admin.firstName },
    declarantId: declarant.id,
    portfolioId: portfolio.id,
    habilitationId: habilitation.id,
  };
}

/** The id of Boulangerie Martin's company portfolio. */
export async function demoPortfolioId(app: Express): Promise<string> {
  const res = await (await login(app, ADMIN)).get('/api/portfolios').query({ filter: JSON.stringify({ kind: 'COMPANY' }) });
  return (res.body as Array<{ id: string }>)[0].id;
}

/** A SIREN with its Luhn key, from its first 8 digits. */
export const sirenFrom = (prefix: string) => prefix + [...'0123456789'].find((d) => luhnValid(prefix + d))!;

export interface Person {
  siret: string;
  lastName: string;
  firstName: string;
}

/**
 * A company written straight to the database: `establishments` SIRETs of
 * its SIREN, its company portfolio offering `service`, and its people —
 * each a declarant (an administrator if `admin`) with, on the first
 * establishment, the habilitations `rights` says (declare, or consult only).
 */
export async function createCompany(
  orm: Orm,
  spec: { sirenPrefix: string; legalName: string; establishments: number; service: string; people: { lastName: string; firstName: string; admin?: boolean; rights?: 'declare' | 'consult' }[] },
): Promise<{ siren: string; sirets: string[]; people: Person[] }> {
  const em = orm.em.fork();
  const siren = sirenFrom(spec.sirenPrefix);
  const sirets = siretsOf(siren, spec.establishments);
  const company = em.create(Company, { siren, legalName: spec.legalName, headOfficeAddress: '1 place de la Formation, Lyon', status: CompanyStatus.ACTIVE });
  const establishments = sirets.map((siret, i) =>
    em.create(Establishment, { siret, company, name: i ? `Établissement ${i + 1}` : 'Siège', address: company.headOfficeAddress, status: EstablishmentStatus.ACTIVE, headOffice: i === 0 }),
  );
  const portfolio = await ensureCompanyPortfolio(em, company, sirets);
  em.create(PortfolioService, { portfolio, service: spec.service });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const p of spec.people) {
    const account = em.create(Account, {
      company,
      establishment: establishments[0],
      siret: sirets[0],
      lastName: p.lastName,
      firstName: p.firstName,
      identityKey: identityKey(sirets[0], p.lastName, p.firstName),
      email: `${p.firstName.toLowerCase()}.${p.lastName.toLowerCase()}@${siren}.example`,
      role: p.admin ? AccountRole.ADMINISTRATOR : AccountRole.DECLARANT,
      status: AccountStatus.ACTIVE,
      adminStatus: p.admin ? AdminStatus.ACTIVE : null,
      passwordHash,
      emailConfirmedAt: new Date(),
    });
    if (p.rights) em.create(Habilitation, { account, siret: sirets[0], service: spec.service, portfolio, canDeclare: p.rights === 'declare', canConsult: true });
  }
  await em.flush();
  return { siren, sirets, people: spec.people.map((p) => ({ siret: sirets[0], lastName: p.lastName, firstName: p.firstName })) };
}
