import net from 'node:net';
import { AccountRole } from '../../domain/account/account.entity';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { E2eApp, PASSWORD } from '../helpers/e2e-app';

jest.setTimeout(180_000);

const e2e = new E2eApp();
let baseUrl: string;

/** The app as `npm start` starts it (the launcher over the built dist/), on its own ports and data. */
beforeAll(async () => {
  await e2e.setUp();
  await e2e.orm.close();
  baseUrl = e2e.baseUrl;
});

afterAll(() => e2e.tearDown());

it('prints the console URL, the Temporal Web UI URL and the demo logins', () => {
  expect(e2e.output).toContain(`Console (and API):  ${baseUrl}`);
  expect(e2e.output).toMatch(/Temporal Web UI:\s+http:\/\/127\.0\.0\.1:\d+/);
  for (const l of DEMO_LOGINS) expect(e2e.output).toContain(l.siret);
});

it('support logs in, sees companies, a company registers through the form, its mail is in the outbox, the Primo AD confirms and logs in', async () => {
  const context = await e2e.browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  const support = DEMO_LOGINS.find((l) => l.role === AccountRole.SUPPORT)!;

  await e2e.logIn(page, support);
  await page.getByRole('menuitem', { name: 'Entreprises' }).click();
  await page.getByText('Boulangerie Martin SARL').waitFor();

  const visitor = await e2e.newPage();
  await visitor.goto(`${baseUrl}/#/register`);
  const fields: Array<[string, string]> = [
    ['SIREN', '732829320'],
    ['SIRET du siège', '73282932000074'],
    ['Raison sociale', 'Menuiserie Durand'],
    ['Adresse du siège', '4 rue des Artisans, 44000 Nantes'],
    ['Nom', 'Durand'],
    ['Prénom', 'Élise'],
    ['E-mail', 'elise.durand@menuiserie.example'],
    ['Mot de passe', 'Copeaux-et-Sciure-44'],
    ['Confirmation du mot de passe', 'Copeaux-et-Sciure-44'],
  ];
  for (const [label, value] of fields) await visitor.getByLabel(label, { exact: true }).fill(value);
  await visitor.getByRole('button', { name: "Inscrire l'entreprise" }).click();
  await visitor.getByText('Un e-mail va être envoyé à elise.durand@menuiserie.example').waitFor();

  await page.getByRole('menuitem', { name: 'Courriels envoyés' }).click();
  const mail = page.getByText("Confirmez l'inscription de l'entreprise Menuiserie Durand");
  await mail.waitFor({ timeout: 20_000 }).catch(async () => {
    await page.reload();
    await mail.waitFor();
  });
  await mail.click();
  const link = page.locator('a[href*="/#/confirm?token="]');
  const href = await link.getAttribute('href');
  expect(href).toMatch(new RegExp(`^${baseUrl}/#/confirm\\?token=[\\w-]{43}$`));

  await visitor.goto(href!);
  await visitor.getByText('Inscription confirmée').waitFor();
  await e2e.logIn(visitor, { siret: '73282932000074', lastName: 'Durand', firstName: 'Élise' }, 'Copeaux-et-Sciure-44');
  await visitor.getByRole('menuitem', { name: 'Entreprises' }).waitFor();
  await visitor.getByRole('menuitem', { name: 'Entreprises' }).click();
  await visitor.getByText('Menuiserie Durand').waitFor();
  expect(await visitor.getByText('Boulangerie Martin SARL').count()).toBe(0);
  await context.close();
});

it('an administrator creates a declarant and grants him a service in the matrix; the declarant confirms his mail and sees it', async () => {
  const admin = DEMO_LOGINS.find((l) => l.role === AccountRole.ADMINISTRATOR)!;
  const support = DEMO_LOGINS.find((l) => l.role === AccountRole.SUPPORT)!;
  const context = await e2e.browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await e2e.logIn(page, admin);

  await page.getByRole('menuitem', { name: 'Déclarants' }).click();
  await page.goto(`${baseUrl}/#/declarants/create`);
  await page.getByLabel('SIRET', { exact: true }).click();
  await page.getByRole('option', { name: /84271640900029/ }).click();
  await page.getByLabel('Nom', { exact: true }).fill('LEFEBVRE');
  await page.getByLabel('Prénom', { exact: true }).fill('Anne');
  await page.getByLabel('E-mail', { exact: true }).fill('anne.lefebvre@boulangerie-martin.example');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await page.getByText('anne.lefebvre@boulangerie-martin.example').first().waitFor();

  // The service must be in the portfolio before it can be granted (the portfolio page does this too).
  const portfolios = await (await page.request.get(`${baseUrl}/api/portfolios`)).json();
  const companyPortfolio = (portfolios as Array<{ id: string; kind: string; name: string }>).find((p) => p.kind === 'COMPANY')!;
  expect((await page.request.post(`${baseUrl}/api/portfolios/${companyPortfolio.id}/services`, { data: { serviceCode: 'PEPS' } })).ok()).toBe(true);

  await page.getByRole('menuitem', { name: 'Habilitations' }).click();
  await page.getByText('Matrice des habilitations').first().waitFor();
  await page.getByLabel('Portefeuille', { exact: true }).click();
  await page.getByRole('option', { name: companyPortfolio.name }).click();
  const cell = page.getByRole('checkbox', { name: 'LEFEBVRE Anne — 84271640900029 — PEPS' });
  await cell.check();
  await expect(cell.isChecked()).resolves.toBe(true);
  await page.reload();
  await page.getByRole('checkbox', { name: 'LEFEBVRE Anne — 84271640900029 — PEPS' }).waitFor();

  const supportPage = await e2e.newPage();
  await e2e.logIn(supportPage, support);
  const link = await e2e.mailedLink(supportPage, 'anne.lefebvre');

  const declarant = await e2e.newPage();
  await declarant.goto(link);
  await declarant.getByLabel('Mot de passe', { exact: true }).fill('Farine-et-Levain-2026');
  await declarant.getByLabel('Confirmation du mot de passe', { exact: true }).fill('Farine-et-Levain-2026');
  await declarant.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await declarant.getByText('Adresse e-mail confirmée').waitFor();
  await e2e.logIn(declarant, { siret: '84271640900029', lastName: 'LEFEBVRE', firstName: 'Anne' }, 'Farine-et-Levain-2026');
  await declarant.getByRole('menuitem', { name: 'Mes droits' }).click();
  await declarant.getByRole('row', { name: /84271640900029/ }).first().waitFor();
  await declarant.getByText('PEPS', { exact: false }).first().waitFor();
  await context.close();
});

it('stops every process on Ctrl-C and finds its data again on the next start', async () => {
  e2e.child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => e2e.child.once('exit', (c) => resolve(c)));
  expect(code).toBe(0);
  expect(e2e.output).toContain('[start] stopped');
  for (const p of [e2e.port, e2e.temporalPort]) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(p, '127.0.0.1', () => resolve(true)).on('error', () => resolve(false));
      socket.unref();
    });
    expect(open).toBe(false);
  }

  await e2e.start();
  const support = DEMO_LOGINS.find((l) => l.role === AccountRole.SUPPORT)!;
  const session = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ siret: support.siret, lastName: support.lastName, firstName: support.firstName, password: PASSWORD }),
  });
  const cookie = session.headers.get('set-cookie')!.split(';')[0];
  const list = await fetch(`${baseUrl}/api/registrations`, { headers: { cookie } });
  const registrations = (await list.json()) as Array<{ id: string; phase: string }>;
  expect(registrations).toContainEqual(expect.objectContaining({ id: 'registration-732829320', phase: 'CONFIRMED' }));
});
