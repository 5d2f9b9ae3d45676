import { MockActivityEnvironment } from '@temporalio/testing';
import type { Page } from 'playwright-core';
import { createCampaignActivities } from '../../activities/soltea/campaign.activities';
import { AccountRole } from '../../domain/account/account.entity';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { calendarOf, MILESTONES, type MilestoneKey } from '../../domain/soltea/calendar.rules';
import { SolteaAllocation, SolteaApplication, SolteaBalance, SolteaCampaign } from '../../domain/soltea/soltea.entities';
import { E2eApp } from '../helpers/e2e-app';
import { siretsOf } from '../helpers/rights.fixtures';
import { capturingMailer } from '../helpers/soltea.fixtures';

jest.setTimeout(180_000);

/**
 * An employer allocates his SOLTéA balance in the console: Boulangerie
 * Martin's administrator gives 60 % and 40 % to two eligible
 * establishments found by name and by UAI, sees the total reach 100 % and
 * what each will receive, saves; after transfer 1 (the campaign's own step
 * activity, as the workflow runs it) his choices are shown frozen, read-only.
 * His own training centre, eligible and chosen by another employer, reads
 * what transfer 1 is to pay it, then what it paid.
 */

const YEAR = 2094;
const EMPLOYER = '84271640900011';
const [CFA, LYCEE] = siretsOf('196900012', 2);
const SCHOOLS = [
  { siret: CFA, name: 'CFA des Métiers de Bouche', uai: '0691111A', city: 'Lyon' },
  { siret: LYCEE, name: 'Lycée hôtelier François-Rabelais', uai: '0692222B', city: 'Dardilly' },
];
/** Boulangerie Martin's shop, eligible as a training centre, chosen at 100 % by another employer. */
const SHOP = '84271640900029';
const [OTHER_EMPLOYER] = siretsOf('552100554', 1);
const VIEWPORT = { width: 1440, height: 900 };
const DAY_MS = 24 * 3600_000;

let e2e: E2eApp;

beforeAll(async () => {
  e2e = new E2eApp();
  await e2e.setUp();
  // Its read model as the campaign workflow writes it: designation period 1 opened 5 days ago, transfer 1 in 35 days.
  const offsets = [-100, -80, -5, 30, 35, 40, 70, 75, 80, 90];
  const days = Object.fromEntries(MILESTONES.map((key, i) => [key, parisToday(new Date(Date.now() + offsets[i] * DAY_MS))])) as Record<MilestoneKey, string>;
  const em = e2e.orm.em.fork();
  em.create(SolteaCampaign, { year: YEAR, workflowId: `soltea-e2e-${YEAR}`, calendar: calendarOf(YEAR, `e2e-${YEAR}`, days) });
  for (const school of SCHOOLS) {
    em.create(SolteaApplication, { year: YEAR, ...school, region: '84', category: 'CFA', shortageTrainings: 2, bankDetailsPresent: true, status: 'ACCEPTED', decidedAt: new Date() });
  }
  em.create(SolteaApplication, {
    year: YEAR, siret: SHOP, name: 'Fournil-école Martin', uai: '0693333C', city: 'Lyon', region: '84', category: 'CFA', shortageTrainings: 1, bankDetailsPresent: true, status: 'ACCEPTED', decidedAt: new Date(),
  });
  em.create(SolteaBalance, { year: YEAR, employerSiret: EMPLOYER, employerSiren: EMPLOYER.slice(0, 9), employerName: 'Boulangerie Martin — Siège', region: '84', amountCents: 1_234_567 });
  em.create(SolteaBalance, { year: YEAR, employerSiret: OTHER_EMPLOYER, employerSiren: OTHER_EMPLOYER.slice(0, 9), employerName: 'Minoterie Voisine', region: '84', amountCents: 250_000 });
  em.create(SolteaAllocation, { year: YEAR, employerSiret: OTHER_EMPLOYER, establishmentSiret: SHOP, shareBp: 10_000 });
  await em.flush();
});

afterAll(async () => {
  await e2e?.tearDown();
});

/** Transfer 1 as the campaign workflow runs it: start, every page, end (activities/soltea/campaign.activities.ts). */
async function transfer1(): Promise<void> {
  const campaign = createCampaignActivities({ orm: e2e.orm, mailer: capturingMailer(), publicUrl: e2e.baseUrl });
  const run = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A) => new MockActivityEnvironment().run(fn, ...args) as Promise<R>;
  await run(campaign.startStep, { year: YEAR, step: 'TRANSFER1' });
  for (let after: string | null = null; ; ) {
    const { next }: { next: string | null } = await run(campaign.runStepPage, { year: YEAR, step: 'TRANSFER1', after, limit: 500 });
    if (next === null) break;
    after = next;
  }
  await run(campaign.endStep, { year: YEAR, step: 'TRANSFER1' });
}

async function pick(page: Page, typed: string, option: RegExp): Promise<void> {
  const search = page.getByLabel('Ajouter un établissement éligible');
  await search.fill(typed);
  await page.getByRole('option', { name: option }).click();
}

/** The shop's application of this campaign (the demo has one for the coming campaign too). */
const centre = (page: Page) => page.locator('.MuiCard-root', { hasText: `Fournil-école Martin — campagne ${YEAR}` });

async function noOverflow(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate<{ scrollWidth: number; clientWidth: number }>(
    '({ scrollWidth: document.scrollingElement.scrollWidth, clientWidth: document.scrollingElement.clientWidth })',
  );
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

it('an employer allocates 60 % + 40 %, sees the total at 100 %; after transfer 1 his choices are frozen', async () => {
  const page = await (await e2e.browser.newContext({ locale: 'fr-FR', viewport: VIEWPORT })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await e2e.logIn(page, DEMO_LOGINS.find((l) => l.role === AccountRole.ADMINISTRATOR)!);
  await page.getByRole('menuitem', { name: 'SOLTéA — versements' }).click();
  const row = page.getByRole('row', { name: new RegExp(`${EMPLOYER}.*${YEAR}`) });
  await row.getByText('12 345,67 €').waitFor();
  await row.getByText('0 %').waitFor();
  await row.getByRole('cell').first().click();
  await page.getByText(/période de désignation 1 est ouverte jusqu’au/).waitFor();

  const total = page.getByTestId('soltea-total');
  await pick(page, 'Bouche', /CFA des Métiers de Bouche/);
  await page.getByLabel('Pourcentage pour CFA des Métiers de Bouche').fill('60');
  await expect(total.innerText()).resolves.toBe('60 %');
  await pick(page, '0692222', /Lycée hôtelier/);
  const second = page.getByLabel('Pourcentage pour Lycée hôtelier François-Rabelais');
  // Over 100 % is refused before anything is sent.
  await second.fill('40,5');
  await page.getByText('Le total fait 100,5 % : il ne peut dépasser 100 %.').waitFor();
  await expect(page.getByRole('button', { name: 'Enregistrer', exact: true }).isDisabled()).resolves.toBe(true);
  await second.fill('40');
  await expect(total.innerText()).resolves.toBe('100 %');
  // 60 % and 40 % of 12 345,67 €, to the cent.
  await page.getByRole('row', { name: /CFA des Métiers de Bouche/ }).getByText('7 407,40 €').waitFor();
  await page.getByRole('row', { name: /Lycée hôtelier/ }).getByText('4 938,27 €').waitFor();
  await noOverflow(page);
  await page.screenshot({ path: '/tmp/shots/soltea-editor-100.png' });
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await page.getByText('Répartition enregistrée.').waitFor();

  await page.reload();
  await expect(page.getByTestId('soltea-total').innerText()).resolves.toBe('100 %');
  await expect(page.getByLabel('Pourcentage pour CFA des Métiers de Bouche').inputValue()).resolves.toBe('60');

  await page.getByRole('menuitem', { name: 'SOLTéA — candidature' }).click();
  await centre(page).getByRole('row', { name: /Versement 1/ }).getByText('À venir : 2 500,00 € prévus (1 employeur, selon les choix à ce jour)').waitFor();
  await page.screenshot({ path: '/tmp/shots/soltea-application-projection.png' });
  await page.goBack();

  await transfer1();
  await page.reload();
  await page.getByText('Vos choix couvraient tout votre solde au versement : ils ont été transférés et ne peuvent plus changer.').waitFor();
  await page.getByText('Choix figés').waitFor();
  await expect(page.getByTestId('soltea-total').innerText()).resolves.toBe('100 %');
  await page.getByRole('row', { name: /Lycée hôtelier/ }).getByText('40 %').waitFor();
  expect(await page.getByRole('button', { name: 'Enregistrer', exact: true }).count()).toBe(0);
  expect(await page.getByRole('textbox').count()).toBe(0);
  await noOverflow(page);
  await page.screenshot({ path: '/tmp/shots/soltea-editor-frozen.png' });

  await page.getByRole('menuitem', { name: 'SOLTéA — versements' }).click();
  await page.getByRole('row', { name: new RegExp(`${EMPLOYER}.*${YEAR}`) }).getByText('Figés (transférés)').waitFor();
  await page.getByRole('row', { name: new RegExp(`${EMPLOYER}.*${YEAR}`) }).getByText('100 %').waitFor();
  await page.screenshot({ path: '/tmp/shots/soltea-balances.png' });

  await page.getByRole('menuitem', { name: 'SOLTéA — candidature' }).click();
  const transfer1Row = centre(page).getByRole('row', { name: /Versement 1/ });
  await transfer1Row.getByText('2 500,00 €').first().waitFor();
  await transfer1Row.getByText(/Effectué le .* \(1 employeur\)/).waitFor();
  await centre(page).getByRole('row', { name: /Versement 2/ }).getByText('Pas encore effectué').waitFor();
  await noOverflow(page);
  await page.screenshot({ path: '/tmp/shots/soltea-application-transfers.png' });
  await page.getByRole('button', { name: 'Déposer une candidature' }).click();
  await page.getByLabel('Nom', { exact: true }).waitFor();
  await noOverflow(page);
  await page.screenshot({ path: '/tmp/shots/soltea-application.png' });
  expect(errors).toEqual([]);
  await page.context().close();
});
