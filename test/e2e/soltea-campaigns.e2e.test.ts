import type { Page } from 'playwright-core';
import { AccountRole } from '../../domain/account/account.entity';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { E2eApp } from '../helpers/e2e-app';

jest.setTimeout(180_000);

/**
 * Support runs a SOLTéA campaign from the console: starts next year's
 * (previewed first) on the real worker, then moves the end of period 1 with
 * a reason and its legal reference — a move breaking the order is refused in
 * words first — and reads the move on the campaign's timeline.
 */

const VIEWPORT = { width: 1440, height: 900 };
const YEAR = new Date().getFullYear() + 1;

let e2e: E2eApp;

beforeAll(async () => {
  e2e = new E2eApp();
  await e2e.setUp();
});

afterAll(async () => {
  await e2e?.tearDown();
});

async function noOverflow(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate<{ scrollWidth: number; clientWidth: number }>(
    '({ scrollWidth: document.scrollingElement.scrollWidth, clientWidth: document.scrollingElement.clientWidth })',
  );
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

async function moveRow(page: Page, milestone: RegExp, date: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: 'Jalon' }).click();
  await page.getByRole('option', { name: milestone }).click();
  await dialog.getByLabel('Nouvelle date').fill(date);
}

it('support starts a campaign, moves a milestone with a reason and sees it on the timeline', async () => {
  const page = await (await e2e.browser.newContext({ locale: 'fr-FR', viewport: VIEWPORT })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await e2e.logIn(page, DEMO_LOGINS.find((l) => l.role === AccountRole.SUPPORT)!);
  await page.getByRole('menuitem', { name: 'Campagnes SOLTéA' }).click();

  await page.getByRole('button', { name: 'Lancer une campagne' }).click();
  const start = page.getByRole('dialog');
  await start.getByLabel('Année').fill(String(YEAR));
  await start.getByRole('button', { name: 'Aperçu' }).click();
  await start.getByText('Relance 7 jours avant la fin de la période 1').waitFor();
  await start.getByRole('button', { name: 'Lancer', exact: true }).click();
  await page.getByText('Campagne lancée.').waitFor();
  await page.getByText(/Prochaine étape : Clôture des candidatures/).waitFor({ timeout: 30_000 });

  await page.getByRole('button', { name: 'Déplacer des jalons' }).click();
  await moveRow(page, /^Clôture de la période 1/, `${YEAR}-07-20`);
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Motif').fill('Prolongation de la période 1');
  await dialog.getByLabel('Référence juridique').fill(`arrêté du 2 juin ${YEAR}`);
  await dialog.getByRole('button', { name: 'Déplacer', exact: true }).click();
  await dialog.getByText('« Premier versement » doit venir après « Clôture de la période 1 » : déplacez-les ensemble.').waitFor();

  await dialog.getByLabel('Nouvelle date').fill(`${YEAR}-07-04`);
  await dialog.getByRole('button', { name: 'Déplacer', exact: true }).click();
  await page.getByText('Jalons déplacés.').waitFor();
  await page.getByText(`en application de : arrêté du 2 juin ${YEAR}`, { exact: false }).waitFor();
  await page.getByText('Motif : Prolongation de la période 1').waitFor();
  await page.getByText(/Clôture de la période 1 — 4 juil\. \d{4} · déplacé \(prévu le 27 juin/).waitFor();
  await page.getByRole('img', { name: 'Calendrier' }).waitFor();
  await noOverflow(page);
  await page.screenshot({ path: '/tmp/shots/soltea-campaign.png', fullPage: true });

  await page.getByRole('menuitem', { name: 'Candidatures SOLTéA' }).click();
  // The demo's application awaiting support's decision (domain/seed/demo-soltea.ts).
  await page.getByRole('row', { name: /École de production du Bâtiment/ }).waitFor();
  await page.screenshot({ path: '/tmp/shots/soltea-applications-review.png' });
  await noOverflow(page);
  expect(errors).toEqual([]);
  await page.context().close();
});
