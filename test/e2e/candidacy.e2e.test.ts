import type { Page } from 'playwright-core';
import { Account, AccountRole } from '../../domain/account/account.entity';
import { Company, CompanyStatus } from '../../domain/company/company.entity';
import { Establishment, EstablishmentStatus } from '../../domain/company/establishment.entity';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { E2eApp, reloadUntilVisible, type Login } from '../helpers/e2e-app';
import { pdfText } from '../helpers/pdf-text';

jest.setTimeout(240_000);

const e2e = new E2eApp();
const SECRET_QUESTION = 'Ville de naissance de ma grand-mère ?';
const support = DEMO_LOGINS.find((l) => l.role === AccountRole.SUPPORT)!;
const administrator = DEMO_LOGINS.find((l) => l.role === AccountRole.ADMINISTRATOR)!;

beforeAll(() => e2e.setUp());
afterAll(() => e2e.tearDown());

/** An active company with its head office and no administrator: its candidates can only get a letter. */
async function companyWithoutAdministrator(): Promise<void> {
  const em = e2e.orm.em.fork();
  const address = '8 rue du Four, 35000 Rennes';
  const company = em.create(Company, {
    siren: '901234500',
    legalName: 'Fournil Dupont',
    headOfficeAddress: address,
    status: CompanyStatus.ACTIVE,
  });
  em.create(Establishment, {
    siret: '90123450000014',
    company,
    name: 'Siège — Rennes',
    address,
    status: EstablishmentStatus.ACTIVE,
    headOffice: true,
  });
  await em.flush();
}

/** Fills « Devenir administrateur » (reached from the login page) and submits it. */
async function apply(page: Page, who: Login, email: string, password: string): Promise<void> {
  await page.goto(`${e2e.baseUrl}/#/login`);
  await page.getByRole('link', { name: 'Devenir administrateur' }).click();
  const fields: Array<[string, string]> = [
    ["SIRET d'un établissement de l'entreprise", who.siret],
    ['Nom', who.lastName],
    ['Prénom', who.firstName],
    ['E-mail', email],
    ['Mot de passe', password],
    ['Confirmation du mot de passe', password],
    ['Question secrète', SECRET_QUESTION],
    ['Réponse secrète', 'Quimper'],
  ];
  for (const [label, value] of fields) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Déposer ma candidature' }).click();
  await page.getByText(`Un e-mail va être envoyé à ${email}`).waitFor();
}

/** The candidate follows the link of his confirmation mail, read from the outbox by support. */
async function confirmEmail(page: Page, supportPage: Page, email: string): Promise<void> {
  const link = await e2e.mailedLink(supportPage, email);
  expect(link).toMatch(new RegExp(`^${e2e.baseUrl}/#/confirm\\?token=`));
  await page.goto(link);
  await page.getByText('Adresse e-mail confirmée').waitFor();
}

async function supportSession(): Promise<Page> {
  const page = await e2e.newPage();
  await e2e.logIn(page, support);
  await page.getByRole('menuitem', { name: 'Entreprises' }).waitFor();
  return page;
}

/** A candidate applies, confirms his e-mail (support reads the mail), logs in and opens « Ma candidature ». */
async function candidateOnHisPage(who: Login, email: string, password: string): Promise<{ candidate: Page; supportPage: Page }> {
  const candidate = await e2e.newPage();
  await apply(candidate, who, email, password);
  const supportPage = await supportSession();
  await confirmEmail(candidate, supportPage, email);
  await e2e.logIn(candidate, who, password);
  await candidate.getByRole('menuitem', { name: 'Ma candidature' }).click();
  return { candidate, supportPage };
}

/** The activation key printed on a letter (groups of four from the unambiguous alphabet). */
async function keyPrintedIn(pdf: Buffer): Promise<string> {
  const text = await pdfText(pdf);
  const key = /\b[A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}\b/.exec(text)?.[0];
  if (!key) throw new Error(`no activation key in the letter:\n${text}`);
  return key;
}

it('a candidate applies on the public page, confirms his e-mail, the administrator accepts him from the inbox, and he logs in as an administrator', async () => {
  const who = { siret: '84271640900029', lastName: 'ROUX', firstName: 'Paul' };
  const password = 'Pain-de-Campagne-2026';
  const email = 'paul.roux@boulangerie-martin.example';
  const { candidate } = await candidateOnHisPage(who, email, password);
  const account = await e2e.orm.em.fork().findOneOrFail(Account, { siret: who.siret, lastName: who.lastName, firstName: who.firstName });
  expect(account.secretQuestion).toBe(SECRET_QUESTION);
  await reloadUntilVisible(candidate, candidate.getByText("En attente d'approbation"));
  // Until approved, a candidate's console is his candidacy only.
  expect(await candidate.getByRole('menuitem', { name: 'Entreprises' }).count()).toBe(0);

  const admin = await e2e.newPage();
  await e2e.logIn(admin, administrator);
  await admin.getByRole('menuitem', { name: 'Candidatures administrateur' }).click();
  const row = admin.getByRole('row', { name: /ROUX/ });
  await reloadUntilVisible(admin, row.getByRole('button', { name: 'Accepter' }));
  await row.getByRole('button', { name: 'Accepter' }).click();
  await admin.getByRole('dialog').getByRole('button', { name: 'Accepter' }).click();
  await admin.getByText('Candidature acceptée.').waitFor();
  await admin.getByRole('row', { name: /ROUX/ }).waitFor({ state: 'detached' });

  const approved = await e2e.newPage();
  await e2e.logIn(approved, who, password);
  await approved.getByRole('menuitem', { name: 'Déclarants' }).waitFor();
  const me = await (await approved.request.get(`${e2e.baseUrl}/api/auth/me`)).json();
  expect(me).toMatchObject({ role: 'ADMINISTRATOR', adminStatus: 'ACTIVE' });
});

it('a candidate of a company without administrator gets a letter; support posts it from the print queue; the candidate types its key and is approved', async () => {
  await companyWithoutAdministrator();
  const who = { siret: '90123450000014', lastName: 'DUPONT', firstName: 'Marc' };
  const password = 'Croissant-au-Beurre-35';
  const email = 'marc.dupont@fournil-dupont.example';
  const { candidate, supportPage } = await candidateOnHisPage(who, email, password);
  await reloadUntilVisible(candidate, candidate.getByText("Courrier d'activation"));

  await supportPage.getByRole('menuitem', { name: "Courriers d'activation" }).click();
  const row = supportPage.getByRole('row', { name: /DUPONT/i });
  await reloadUntilVisible(supportPage, row);
  await row.first().click();
  await supportPage.waitForURL(/#\/letters\/[^/]+\/show/);
  const letterId = /#\/letters\/([^/]+)\/show/.exec(supportPage.url())![1];
  const pdfPath = `/api/letters/${letterId}/pdf`;
  const preview = supportPage.locator(`iframe[src="${pdfPath}"]`);
  await preview.waitFor({ state: 'attached' });
  expect(await supportPage.getByRole('link', { name: 'Télécharger' }).getAttribute('href')).toBe(pdfPath);
  // What support prints: the key exists nowhere else, and the PDF is dropped once the letter is posted.
  const pdf = await supportPage.request.get(`${e2e.baseUrl}${pdfPath}`);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  const key = await keyPrintedIn(await pdf.body());
  await supportPage.getByRole('button', { name: 'Marquer posté' }).click();
  await supportPage.getByText('Courrier marqué posté').waitFor();
  await preview.waitFor({ state: 'detached' });

  await reloadUntilVisible(candidate, candidate.getByLabel("Clé d'activation", { exact: true }));
  const wrongKey = `${key[0] === 'A' ? 'B' : 'A'}${key.slice(1)}`;
  await candidate.getByLabel("Clé d'activation", { exact: true }).fill(wrongKey);
  await candidate.getByRole('button', { name: 'Valider la clé' }).click();
  await candidate.getByText('Il vous reste 4 essais.', { exact: false }).waitFor();
  await candidate.getByLabel("Clé d'activation", { exact: true }).fill(key);
  await candidate.getByRole('button', { name: 'Valider la clé' }).click();
  await candidate.getByText('Votre candidature est approuvée').waitFor();
  const mine = await (await candidate.request.get(`${e2e.baseUrl}/api/candidacies/mine`)).json();
  expect(mine).toMatchObject({ status: 'APPROVED', route: 'LETTER' });

  await candidate.getByRole('button', { name: 'Accéder à la console' }).click();
  await candidate.getByRole('menuitem', { name: 'Déclarants' }).waitFor();
});
