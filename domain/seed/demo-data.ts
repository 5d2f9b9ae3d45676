import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, AccountRole, AccountStatus, AdminStatus } from '../account/account.entity';
import { identityKey } from '../account/identity.rules';
import { hashPassword } from '../account/password.hasher';
import { Company, CompanyStatus } from '../company/company.entity';
import { Establishment, EstablishmentStatus } from '../company/establishment.entity';
import { ensureCompanyPortfolio } from '../rights/company-portfolio';

/** The portal operator's own company: it holds the SUPPORT accounts. */
export const OPERATOR = {
  siren: '180020505',
  legalName: 'GIP-MDS — opérateur du portail',
  address: '10 rue de la Déclaration, 75012 Paris',
  headOfficeSiret: '18002050500012',
};

export interface DemoLogin {
  role: AccountRole;
  siret: string;
  lastName: string;
  firstName: string;
  email: string;
}

export const DEMO_LOGINS: DemoLogin[] = [
  { role: AccountRole.SUPPORT, siret: OPERATOR.headOfficeSiret, lastName: 'SUPPORT', firstName: 'Sophie', email: 'sophie.support@gip-mds.example' },
  { role: AccountRole.ADMINISTRATOR, siret: '84271640900011', lastName: 'MARTIN', firstName: 'Claire', email: 'claire.martin@boulangerie-martin.example' },
  { role: AccountRole.DECLARANT, siret: '84271640900011', lastName: 'BERNARD', firstName: 'Luc', email: 'luc.bernard@boulangerie-martin.example' },
];

const DEMO_COMPANY = {
  siren: '842716409',
  legalName: 'Boulangerie Martin SARL',
  address: '3 place du Marché, 69002 Lyon',
  establishments: [
    { siret: '84271640900011', name: 'Siège — Lyon', address: '3 place du Marché, 69002 Lyon', headOffice: true },
    { siret: '84271640900029', name: 'Boutique Villeurbanne', address: '12 cours Émile-Zola, 69100 Villeurbanne', headOffice: false },
  ],
};

/** Creates the operator's company if missing; returns it with its head office. */
export async function ensureOperatorCompany(em: EntityManager): Promise<{ company: Company; headOffice: Establishment }> {
  let company = await em.getRepository(Company).findOperator();
  company ??= em.create(Company, {
    siren: OPERATOR.siren,
    legalName: OPERATOR.legalName,
    headOfficeAddress: OPERATOR.address,
    status: CompanyStatus.ACTIVE,
    operator: true,
  });
  let headOffice = await em.findOne(Establishment, { company, headOffice: true });
  headOffice ??= em.create(Establishment, {
    siret: OPERATOR.headOfficeSiret,
    company,
    name: 'Siège',
    address: OPERATOR.address,
    status: EstablishmentStatus.ACTIVE,
    headOffice: true,
  });
  await em.flush();
  return { company, headOffice };
}

/** Idempotent demo data: the operator, one support agent, one company with an administrator and a declarant. */
export async function seedDemoData(em: EntityManager, password: string): Promise<void> {
  const { company: operator, headOffice } = await ensureOperatorCompany(em);
  let company = await em.getRepository(Company).findBySiren(DEMO_COMPANY.siren);
  company ??= em.create(Company, {
    siren: DEMO_COMPANY.siren,
    legalName: DEMO_COMPANY.legalName,
    headOfficeAddress: DEMO_COMPANY.address,
    status: CompanyStatus.ACTIVE,
  });
  const establishments = new Map<string, Establishment>([[headOffice.siret, headOffice]]);
  for (const e of DEMO_COMPANY.establishments) {
    const existing = await em.findOne(Establishment, { siret: e.siret });
    establishments.set(e.siret, existing ?? em.create(Establishment, { ...e, company, status: EstablishmentStatus.ACTIVE }));
  }
  await ensureCompanyPortfolio(em, operator, [headOffice.siret]);
  await ensureCompanyPortfolio(em, company, DEMO_COMPANY.establishments.map((e) => e.siret));
  const passwordHash = await hashPassword(password);
  for (const login of DEMO_LOGINS) {
    const key = identityKey(login.siret, login.lastName, login.firstName);
    if (await em.findOne(Account, { identityKey: key })) continue;
    em.create(Account, {
      ...login,
      company: login.role === AccountRole.SUPPORT ? operator : company,
      establishment: establishments.get(login.siret)!,
      identityKey: key,
      status: AccountStatus.ACTIVE,
      adminStatus: login.role === AccountRole.ADMINISTRATOR ? AdminStatus.ACTIVE : null,
      passwordHash,
      emailConfirmedAt: new Date(),
    });
  }
  await em.flush();
}
