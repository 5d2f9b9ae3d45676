import type { EntityManager } from '@mikro-orm/postgresql';
import { Account, AccountRole } from '../account/account.entity';
import { identityKey } from '../account/identity.rules';
import type { Company } from '../company/company.entity';
import { dsnFilingImporter } from '../dsn/dsn-filing.importer';
import type { FilingLine, RelationLine } from '../dsn/dsn-lines.rules';
import { employmentRelationImporter } from '../dsn/employment-relation.importer';
import { ensureCompanyPortfolio } from '../rights/company-portfolio';
import { DeclarativeService } from '../rights/declarative-service.entity';
import { Habilitation } from '../rights/habilitation.entity';
import { Portfolio, PortfolioKind } from '../rights/portfolio.entity';
import { PortfolioEstablishment } from '../rights/portfolio-establishment.entity';
import { PortfolioService } from '../rights/portfolio-service.entity';
import { DEMO_LOGINS } from './demo-data';

/**
 * Idempotent demo rights for Boulangerie Martin (run after seedDemoData):
 * its own DSN filings, a client portfolio with a SIRET whose DSN it files
 * (it manages it: its control data and implicit mandate), one it filed
 * beyond the 6-month look-back and one whose DSN is filed elsewhere (typed
 * in only: neither opens control data nor a mandate, DOMAIN.md "Manages
 * needs evidence"), a few habilitations for its declarant, employees, and
 * facts about a firm it does not manage (seen by support only).
 */
const HEAD_OFFICE = '84271640900011';
const SHOP = '84271640900029';
const CLIENT_FILED = '53210987300010';
const CLIENT_LAPSED = '53210987300028';
const CLIENT_FILED_ELSEWHERE = '73282932000074';
const UNRELATED = '10000000900017';

export const DEMO_CLIENTS_PORTFOLIO = 'Filiales et clients';

/** First day of the month `monthsAgo` months before `now`, and a filing date on the 5th of the next month (never in the future). */
function filing(now: Date, declaringSiret: string, declaredSiret: string, monthsAgo: number, declaringAccountId: string | null): FilingLine {
  const period = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1));
  const due = new Date(Date.UTC(period.getUTCFullYear(), period.getUTCMonth() + 1, 5, 9));
  return {
    declaringSiret,
    declaredSiret,
    period: period.toISOString().slice(0, 10),
    filedAt: new Date(Math.min(due.getTime(), now.getTime())).toISOString(),
    declaringAccountId,
  };
}

const EMPLOYEES: RelationLine[] = [
  { employerSiret: HEAD_OFFICE, employeeId: 'SAL-7K2Q9X', startDate: '2019-03-01', endDate: null },
  { employerSiret: HEAD_OFFICE, employeeId: 'SAL-M4T8PZ', startDate: '2022-09-01', endDate: null },
  { employerSiret: HEAD_OFFICE, employeeId: 'SAL-R2D6WB', startDate: '2021-01-04', endDate: '2025-06-30' },
  { employerSiret: SHOP, employeeId: 'SAL-H9C3LN', startDate: '2023-05-15', endDate: null },
  { employerSiret: CLIENT_FILED, employeeId: 'SAL-Q5V1JE', startDate: '2024-02-01', endDate: null },
  { employerSiret: UNRELATED, employeeId: 'SAL-Z8F4KU', startDate: '2020-10-01', endDate: null },
];

async function loginAccount(em: EntityManager, role: AccountRole): Promise<Account> {
  const login = DEMO_LOGINS.find((l) => l.role === role)!;
  const account = await em.findOne(Account, { identityKey: identityKey(login.siret, login.lastName, login.firstName) });
  if (!account) throw new Error('seedDemoRights needs the demo logins: run seedDemoData first');
  return account;
}

async function ensureClientsPortfolio(em: EntityManager, company: Company, sirets: string[], services: string[]): Promise<Portfolio> {
  const portfolio =
    (await em.findOne(Portfolio, { company, kind: PortfolioKind.CLIENTS, name: DEMO_CLIENTS_PORTFOLIO })) ??
    em.create(Portfolio, { company, kind: PortfolioKind.CLIENTS, name: DEMO_CLIENTS_PORTFOLIO });
  for (const siret of sirets) {
    if (!(await em.findOne(PortfolioEstablishment, { portfolio, siret }))) em.create(PortfolioEstablishment, { portfolio, siret });
  }
  await ensureServices(em, portfolio, services);
  return portfolio;
}

async function ensureServices(em: EntityManager, portfolio: Portfolio, codes: string[]): Promise<void> {
  for (const code of codes) {
    const service = await em.findOneOrFail(DeclarativeService, { code });
    if (!(await em.findOne(PortfolioService, { portfolio, service }))) em.create(PortfolioService, { portfolio, service });
  }
}

type Grant = [Portfolio, string, string, { canDeclare: boolean; canPay: boolean; canConsult: boolean }];

export async function seedDemoRights(em: EntityManager, now = new Date()): Promise<void> {
  const admin = await loginAccount(em, AccountRole.ADMINISTRATOR);
  const declarant = await loginAccount(em, AccountRole.DECLARANT);
  const own = await ensureCompanyPortfolio(em, admin.company, [HEAD_OFFICE, SHOP]);
  await ensureServices(em, own, ['MCF', 'SOLTEA_EMPL', 'PREVENTION_PASSPORT']);
  const clients = await ensureClientsPortfolio(em, admin.company, [CLIENT_FILED, CLIENT_LAPSED, CLIENT_FILED_ELSEWHERE], ['MCF', 'SOLTEA_EMPL']);
  const grants: Grant[] = [
    [own, HEAD_OFFICE, 'MCF', { canDeclare: true, canPay: false, canConsult: true }],
    [own, SHOP, 'PREVENTION_PASSPORT', { canDeclare: false, canPay: false, canConsult: true }],
    [clients, CLIENT_FILED, 'MCF', { canDeclare: true, canPay: true, canConsult: true }],
  ];
  for (const [portfolio, siret, code, rights] of grants) {
    const service = await em.findOneOrFail(DeclarativeService, { code });
    if (await em.findOne(Habilitation, { account: declarant, siret, service })) continue;
    em.create(Habilitation, { account: declarant, siret, service, portfolio, ...rights, grantedBy: admin.id });
  }
  await em.flush();

  const filings = [1, 2, 3].flatMap((m) => [
    filing(now, HEAD_OFFICE, HEAD_OFFICE, m, declarant.id),
    filing(now, HEAD_OFFICE, SHOP, m, declarant.id),
    filing(now, HEAD_OFFICE, CLIENT_FILED, m, declarant.id),
    filing(now, CLIENT_FILED_ELSEWHERE, CLIENT_FILED_ELSEWHERE, m, null),
    filing(now, UNRELATED, UNRELATED, m, null),
  ]);
  await dsnFilingImporter.write(em, [...filings, filing(now, HEAD_OFFICE, CLIENT_LAPSED, 8, declarant.id)]);
  await employmentRelationImporter.write(em, EMPLOYEES);
}
