import type { Page } from 'playwright-core';
import { Account, AccountRole, AccountStatus } from '../../domain/account/account.entity';
import { identityKey } from '../../domain/account/identity.rules';
import { hashPassword } from '../../domain/account/password.hasher';
import { Departure } from '../../domain/collaborators/departure.entity';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { Establishment } from '../../domain/company/establishment.entity';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { DEMO_CLIENTS_PORTFOLIO } from '../../domain/seed/demo-rights';
import { Habilitation } from '../../domain/rights/habilitation.entity';
import { E2eApp, PASSWORD, reloadUntilVisible } from '../helpers/e2e-app';

jest.setTimeout(240_000);

const e2e = new E2eApp();
const administrator = DEMO_LOGINS.find((l) => l.role === AccountRole.ADMINISTRATOR)!;
/** The demo declarant: the demo data gives him habilitations in both of the company's portfolios. */
const leaver = DEMO_LOGINS.find((l) => l.role === AccountRole.DECLARANT)!;
const target = { siret: '84271640900029', lastName: 'LEROY', firstName: 'Emma', email: 'emma.leroy@boulangerie-martin.example' };

beforeAll(() => e2e.setUp());
afterAll(() => e2e.tearDown());

/** An active declarant of Boulangerie Martin, without any habilitation. */
async function activeDeclarant(who: typeof target): Promise<Account> {
  const em = e2e.orm.em.fork();
  const establishment = await em.findOneOrFail(Establishment, { siret: who.siret }, { populate: ['company'] });
  const account = em.create(Account, {
    ...who,
    company: establishment.company,
    establishment,
    identityKey: identityKey(who.siret, who.lastName, who.firstName),
    role: AccountRole.DECLARANT,
    status: AccountStatus.ACTIVE,
    passwordHash: await hashPassword(PASSWORD),
    emailConfirmedAt: new Date(),
  });
  await em.flush();
  return account;
}

/** What an account holds, comparable across accounts: SIRET, service, portfolio and the three rights. */
async function rightsOf(accountId: string): Promise<string[]> {
  const habilitations = await e2e.orm.em.fork().find(Habilitation, { account: accountId });
  return habilitations
    .map((h) => `${h.siret} ${h.service.code} ${h.portfolio.id} D=${h.canDeclare} P=${h.canPay} C=${h.canConsult}`)
    .sort();
}

/** Types into an autocomplete input and picks the option whose name matches. */
async function pick(page: Page, label: string, typed: string, option: RegExp): Promise<void> {
  await page.getByLabel(label, { exact: true }).fill(typed);
  await page.getByRole('option', { name: option }).click();
}

/** The habilitation matrix on one portfolio, and the cell « name — SIRET — service » ticked. */
async function seeTicked(page: Page, portfolioId: string, cell: string): Promise<void> {
  await page.goto(`${e2e.baseUrl}/#/habilitations/matrix?portfolioId=${portfolioId}`);
  await page.locator(`input[type="checkbox"][aria-label="${cell}"]:checked`).waitFor();
}

it('an administrator registers a departure effective today with transfer to an existing declarant, and sees the rights on the target', async () => {
  const em = e2e.orm.em.fork();
  const leaving = await em.findOneOrFail(Account, { identityKey: identityKey(leaver.siret, leaver.lastName, leaver.firstName) });
  const held = await rightsOf(leaving.id);
  expect(held).toHaveLength(3);
  const recipient = await activeDeclarant(target);

  const page = await e2e.newPage();
  await e2e.logIn(page, administrator);
  await page.getByRole('menuitem', { name: 'Départs' }).click();
  await page.getByRole('link', { name: "Départ d'un collaborateur" }).click();

  // Who and when: today is the default effective date.
  await pick(page, 'Collaborateur qui part', leaver.lastName, /BERNARD \(84271640900011\)/);
  await page.getByRole('button', { name: 'Suivant' }).click();
  // The rights: transfer to an existing declarant is the default.
  await page.getByRole('radio', { name: 'Transférer à un déclarant existant' }).check();
  await pick(page, 'Destinataire des droits', target.lastName, /LEROY \(84271640900029\)/);
  await page.getByRole('button', { name: 'Suivant' }).click();
  // The summary names both and counts the leaver's habilitations.
  await page.getByRole('cell', { name: 'Luc BERNARD (84271640900011)' }).waitFor();
  await page.getByRole('cell', { name: 'Emma LEROY (84271640900029)' }).waitFor();
  await page.getByRole('row', { name: /Habilitations détenues\s*3/ }).waitFor();
  await page.getByRole('button', { name: 'Enregistrer le départ' }).click();

  await page.waitForURL(/#\/departures\/[^/]+\/show/);
  await reloadUntilVisible(page, page.getByText('Terminé', { exact: true }));
  await page.getByText('Transféré', { exact: true }).nth(2).waitFor();

  // The target holds exactly the leaver's rights; the leaver is radiated.
  expect(await rightsOf(recipient.id)).toEqual(held);
  expect(await e2e.orm.em.fork().findOneOrFail(Account, leaving.id)).toMatchObject({ status: AccountStatus.RADIATED });

  // What the administrator sees in the habilitation matrix, in both portfolios.
  const portfolios = (await (await page.request.get(`${e2e.baseUrl}/api/portfolios`)).json()) as Array<{ id: string; kind: string; name: string }>;
  const own = portfolios.find((p) => p.kind === 'COMPANY')!;
  const clients = portfolios.find((p) => p.name === DEMO_CLIENTS_PORTFOLIO)!;
  await seeTicked(page, own.id, 'LEROY Emma — 84271640900011 — MCF');
  await seeTicked(page, own.id, 'LEROY Emma — 84271640900029 — PREVENTION_PASSPORT');
  await seeTicked(page, clients.id, 'LEROY Emma — 53210987300010 — MCF');
});

it('an administrator reassigns the rights of a planned departure to another declarant from its page', async () => {
  const planned = await activeDeclarant({ siret: '84271640900011', lastName: 'FAURE', firstName: 'Louis', email: 'louis.faure@boulangerie-martin.example' });
  const recipient = await activeDeclarant({ siret: '84271640900029', lastName: 'GIRARD', firstName: 'Chloé', email: 'chloe.girard@boulangerie-martin.example' });
  const page = await e2e.newPage();
  await e2e.logIn(page, administrator);
  await page.getByRole('menuitem', { name: 'Départs' }).waitFor();
  const effectiveDate = parisToday(new Date(Date.now() + 10 * 24 * 3600_000));
  const created = await page.request.post(`${e2e.baseUrl}/api/departures`, { data: { accountId: planned.id, effectiveDate, rights: { mode: 'REVOKE' } } });
  expect(created.status()).toBe(202);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`${e2e.baseUrl}/#/departures/${id}/show`);
  await page.getByRole('button', { name: 'Réattribuer les droits' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'Transférer à un déclarant existant' }).check();
  await pick(page, 'Destinataire des droits', recipient.lastName, /GIRARD \(84271640900029\)/);
  await dialog.getByRole('button', { name: 'Réattribuer' }).click();
  await page.getByText('Droits réattribués.').waitFor();
  await page.getByRole('link', { name: /GIRARD/ }).waitFor();

  const departure = await e2e.orm.em.fork().findOneOrFail(Departure, id);
  expect(departure).toMatchObject({ status: 'SCHEDULED', rightsMode: 'TRANSFER', toAccount: { id: recipient.id } });
});
