import type { Page } from 'playwright-core';
import { AccountRole } from '../../domain/account/account.entity';
import { ConfirmationToken } from '../../domain/confirmation/confirmation-token.entity';
import { hashToken } from '../../domain/confirmation/token';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { E2eApp, type Login } from '../helpers/e2e-app';

jest.setTimeout(180_000);

/**
 * A confirmation link that cannot serve any more (used, replaced, expired,
 * unknown) says what happened and what to do, in words (never an API code),
 * and always leads on to the login page. Screenshots of each state go to /tmp.
 */

const e2e = new E2eApp();
let supportPage: Page;

beforeAll(async () => {
  await e2e.setUp();
  supportPage = await e2e.newPage();
  await e2e.logIn(supportPage, DEMO_LOGINS.find((l) => l.role === AccountRole.SUPPORT)!);
  await supportPage.getByRole('menuitem', { name: 'Entreprises' }).waitFor();
});

afterAll(() => e2e.tearDown());

interface Registrant extends Login {
  siren: string;
  email: string;
  password: string;
}

/** A French visitor on a 1440×900 screen, with no session. */
async function visitor(): Promise<Page> {
  return (await e2e.browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } })).newPage();
}

/** Registers a company through the public API; resolves with the link of its confirmation mail. */
async function register(who: Registrant): Promise<string> {
  const { siren, siret, lastName, firstName, email, password } = who;
  const answer = await supportPage.request.post(`${e2e.baseUrl}/api/registrations`, {
    data: { siren, siret, legalName: `Entreprise ${lastName}`, headOfficeAddress: '1 rue de la Gare, 35000 Rennes', lastName, firstName, email, password },
  });
  expect(answer.status()).toBe(202);
  return e2e.mailedLink(supportPage, email);
}

/** The link of the newest mail to `email` once it is not `previous` any more (a new link was sent). */
async function nextLink(email: string, previous: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const link = await e2e.mailedLink(supportPage, email);
    if (link !== previous) return link;
    await supportPage.waitForTimeout(200);
  }
  throw new Error(`no new link for ${email}`);
}

const tokenOf = (link: string) => new URL(link.replace('/#/', '/')).searchParams.get('token')!;

/** The page's text names no API code (`REGISTRATION.TOKEN_USED` and the like). */
async function expectNoCode(page: Page): Promise<void> {
  expect(await page.locator('body').innerText()).not.toMatch(/\b[A-Z]+\.[A-Z_]{3,}\b/);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/confirmation-link-${name}.png` });
}

it('a registration link opened a second time says it already served, and its button leads to the login page where the Primo AD logs in', async () => {
  const primo: Registrant = {
    siren: '512345679',
    siret: '51234567900017',
    lastName: 'Lemoine',
    firstName: 'Hugo',
    email: 'hugo.lemoine@ateliers-lemoine.example',
    password: 'Rabot-et-Varlope-35',
  };
  const link = await register(primo);

  const first = await visitor();
  await first.goto(link);
  await first.getByText('Inscription confirmée').waitFor();

  const again = await visitor();
  await again.goto(link);
  await again.getByText('Lien déjà utilisé').waitFor();
  await again.getByText('Ce lien a déjà servi : votre adresse e-mail est confirmée.', { exact: false }).waitFor();
  await expectNoCode(again);
  await screenshot(again, 'used');

  await again.getByRole('link', { name: 'Se connecter' }).click();
  await again.waitForURL(/#\/login$/);
  await again.getByLabel('SIRET', { exact: true }).fill(primo.siret);
  await again.getByLabel('Nom', { exact: true }).fill(primo.lastName);
  await again.getByLabel('Prénom', { exact: true }).fill(primo.firstName);
  await again.getByLabel('Mot de passe', { exact: true }).fill(primo.password);
  await again.getByRole('button', { name: 'Se connecter' }).click();
  await again.getByRole('menuitem', { name: 'Entreprises' }).click();
  await again.getByText(`Entreprise ${primo.lastName}`).waitFor();
});

it('an unknown link and a link without its token each say so, with the way to the login page', async () => {
  const page = await visitor();
  await page.goto(`${e2e.baseUrl}/#/confirm?token=${'x'.repeat(43)}`);
  await page.getByText('Lien inconnu').waitFor();
  await page.getByText("Vérifiez que vous avez copié le lien de l'e-mail en entier.", { exact: false }).waitFor();
  await page.getByRole('link', { name: 'Se connecter' }).waitFor();
  await page.getByRole('link', { name: 'Inscrire une entreprise' }).waitFor();
  await expectNoCode(page);
  await screenshot(page, 'unknown');

  // Too short to be a token at all: the same explanation, not a validation message.
  const short = await visitor();
  await short.goto(`${e2e.baseUrl}/#/confirm?token=abc`);
  await short.getByText('Lien inconnu').waitFor();
  await expectNoCode(short);

  const bare = await visitor();
  await bare.goto(`${e2e.baseUrl}/#/confirm`);
  await bare.getByText('Lien incomplet').waitFor();
  await bare.getByRole('link', { name: 'Se connecter' }).waitFor();
  await screenshot(bare, 'missing');
});

it('a replaced registration link sends to the latest mail, an expired one says so; both can ask for a new link, which confirms', async () => {
  const primo: Registrant = {
    siren: '612389452',
    siret: '61238945200014',
    lastName: 'Perrin',
    firstName: 'Inès',
    email: 'ines.perrin@perrin-conseil.example',
    password: 'Boussole-et-Compas-35',
  };
  const firstLink = await register(primo);
  const resent = await supportPage.request.post(`${e2e.baseUrl}/api/registrations/registration-${primo.siren}/resend`);
  expect(resent.status()).toBe(200);
  const secondLink = await nextLink(primo.email, firstLink);

  const replaced = await visitor();
  await replaced.goto(firstLink);
  await replaced.getByText('Lien remplacé').waitFor();
  await replaced.getByText('seul le lien du dernier e-mail reçu fonctionne', { exact: false }).waitFor();
  await replaced.getByRole('link', { name: 'Se connecter' }).waitFor();
  await expectNoCode(replaced);
  await screenshot(replaced, 'superseded');
  await replaced.getByRole('button', { name: 'Recevoir un nouveau lien' }).click();
  await replaced.getByText('Un nouveau lien a été envoyé', { exact: false }).waitFor();
  await screenshot(replaced, 'superseded-resent');
  const thirdLink = await nextLink(primo.email, secondLink);

  await e2e.orm.em.fork().nativeUpdate(ConfirmationToken, { tokenHash: hashToken(tokenOf(thirdLink)) }, { expiresAt: new Date(Date.now() - 60_000) });
  const expired = await visitor();
  await expired.goto(thirdLink);
  await expired.getByText('Lien expiré').waitFor();
  await expired.getByText('Demandez un nouveau lien ci-dessous', { exact: false }).waitFor();
  await expired.getByRole('link', { name: 'Se connecter' }).waitFor();
  await expectNoCode(expired);
  await screenshot(expired, 'expired');
  await expired.getByRole('button', { name: 'Recevoir un nouveau lien' }).click();
  await expired.getByText('Un nouveau lien a été envoyé', { exact: false }).waitFor();
  const fourthLink = await nextLink(primo.email, thirdLink);

  await expired.goto(fourthLink);
  await expired.getByText('Inscription confirmée').waitFor();
});
