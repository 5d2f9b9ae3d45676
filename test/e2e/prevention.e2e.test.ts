import { Client, Connection } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { createPreventionWindowActivities } from '../../activities/prevention/window.activities';
import { AccountRole } from '../../domain/account/account.entity';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { quarterOf, type QuarterKey } from '../../domain/prevention/declaration-dates.rules';
import { DECLARATION_CSV_LAYOUT, type DeclarationCsvColumn } from '../../domain/prevention/declaration-csv.rules';
import { employeePseudonym, pseudonymKey } from '../../domain/prevention/pseudonym';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { employmentRelationImporter } from '../../domain/dsn/employment-relation.importer';
import { PREVENTION_CHECK_SCHEDULE_ID } from '../../worker/schedules';
import { E2eApp, reloadUntilVisible, type Login } from '../helpers/e2e-app';
import { nirWithKey as nir, trainingBody } from '../helpers/prevention.fixtures';

jest.setTimeout(240_000);

/**
 * The prevention passport end to end, as `npm start` runs it: a training
 * body declares two of Boulangerie Martin's employees by file; Martin's
 * administrator verifies one; at the end of the verification window (its
 * workflow's own paged activity, run as the workflow runs it at the
 * deadline) the other is deemed verified. The yearly check, started by its
 * Schedule, shows Martin the employees of the year with their
 * declarations and those without one, and he marks it done.
 */

const MARTIN_SIREN = '842716409';
const HEAD_OFFICE = `${MARTIN_SIREN}00011`;
const SHOP = `${MARTIN_SIREN}00029`;
const VIEWPORT = { width: 1440, height: 900 };
const DAY_MS = 24 * 3600_000;
const inDays = (days: number) => parisToday(new Date(Date.now() + days * DAY_MS));
const frenchDay = (iso: string) => iso.split('-').reverse().join('/');

const NIR_PAUL = nir('1850578006084');
const NIR_CAMILLE = nir('2920375120005');
const TITLE = 'Sauveteur secouriste du travail — session de bout en bout';

/** The employer's pseudonyms of his employees' NIRs are the launcher's own: it is given the key. */
const letterKey = randomBytes(32);
const e2e = new E2eApp({ LETTER_ENCRYPTION_KEY: letterKey.toString('base64') });
let of: Login;
let connection: Connection;

const administrator = DEMO_LOGINS.find((l) => l.role === AccountRole.ADMINISTRATOR)!;

function declarationFile(): Buffer {
  const line = (over: Partial<Record<DeclarationCsvColumn, string>>): Record<DeclarationCsvColumn, string> => ({
    reference: 'E2E-1',
    proofType: 'Présence',
    title: TITLE,
    trainingStart: frenchDay(inDays(-12)),
    trainingEnd: frenchDay(inDays(-10)),
    proofValidFrom: '',
    modality: 'Présentiel',
    romeSkills: 'K2110',
    trainerQualification: 'Formateur SST certifié INRS',
    certificationKind: 'RS',
    certificationCode: 'RS5537',
    nsfCode: '',
    nir: '',
    birthName: '',
    firstNames: '',
    birthDate: '1985-05-12',
    employerSiret: '',
    ...over,
  });
  const lines = [
    line({ nir: NIR_PAUL, birthName: 'LAMBERT', firstNames: 'Paul', employerSiret: HEAD_OFFICE }),
    line({ nir: NIR_CAMILLE, birthName: 'FONTAINE', firstNames: 'Camille', employerSiret: SHOP }),
  ];
  const columns = DECLARATION_CSV_LAYOUT.columns;
  return Buffer.from(`\ufeff${[columns.join(';'), ...lines.map((l) => columns.map((c) => l[c]).join(';'))].join('\r\n')}\r\n`, 'utf8');
}

beforeAll(async () => {
  await e2e.setUp();
  [of] = (await trainingBody(e2e.orm, [{ lastName: 'BERNARD', firstName: 'Lucie', rights: 'declare' }])).people;
  // Martin's DSN names Paul and Camille (by the pseudonym of their NIR) this year, beside the demo's employees.
  const key = pseudonymKey(letterKey);
  await employmentRelationImporter.write(e2e.orm.em.fork(), [
    { employerSiret: HEAD_OFFICE, employeeId: employeePseudonym(key, NIR_PAUL), startDate: '2020-01-06', endDate: null },
    { employerSiret: SHOP, employeeId: employeePseudonym(key, NIR_CAMILLE), startDate: '2021-03-01', endDate: null },
  ]);
  connection = await Connection.connect({ address: `127.0.0.1:${e2e.temporalPort}` });
});

afterAll(async () => {
  await connection?.close();
  await e2e.tearDown();
});

async function signedIn(who: Login): Promise<Page> {
  const page = await (await e2e.browser.newContext({ locale: 'fr-FR', viewport: VIEWPORT })).newPage();
  await e2e.logIn(page, who);
  await page.getByRole('menuitem').first().waitFor();
  return page;
}

/** The window of (Martin, quarter) at its deadline: its paged activity, as the workflow runs it, until no page is left. */
async function windowEnds(quarter: QuarterKey): Promise<number> {
  const window = createPreventionWindowActivities({ orm: e2e.orm });
  let deemed = 0;
  for (;;) {
    const page = (await new MockActivityEnvironment().run(window.deemVerifiedPage, { employerSiren: MARTIN_SIREN, quarter, limit: 500 })) as Awaited<ReturnType<typeof window.deemVerifiedPage>>;
    deemed += page.updated;
    if (!page.more) return deemed;
  }
}

it('a training body declares two learners by file; the employer verifies one, the other is deemed verified at the window’s end', async () => {
  const errors: string[] = [];
  const training = await signedIn(of);
  training.on('pageerror', (error) => errors.push(error.message));
  await training.getByRole('menuitem', { name: 'Prévention — déclarer' }).click();
  const card = training.locator('.MuiCard-root', { hasText: 'Déposer un fichier' });
  await card.getByRole('radio', { name: 'Organisme de formation' }).check();
  await card.locator('input[type="file"]').setInputFiles({ name: 'declarations.csv', mimeType: 'text/csv', buffer: declarationFile() });
  await card.getByText('declarations.csv').waitFor();
  await card.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await card.getByText('Lignes lues : 2 · déclarations enregistrées : 1 · apprenants enregistrés : 2 · lignes rejetées : 0').waitFor();
  // The same file again stores nothing: each line reported, the learner already declared named in words.
  await card.getByRole('button', { name: 'Envoyer', exact: true }).click();
  await card.getByText('Lignes lues : 2 · déclarations enregistrées : 0 · apprenants enregistrés : 0 · lignes rejetées : 2').waitFor();
  await card.getByRole('row', { name: /^2\b.*déjà déclaré pour cette formation/ }).waitFor();
  await training.screenshot({ path: '/tmp/shots/prevention-e2e-import.png' });

  const employer = await signedIn(administrator);
  employer.on('pageerror', (error) => errors.push(error.message));
  await employer.getByRole('menuitem', { name: 'Prévention — à vérifier' }).click();
  const row = (name: RegExp) => employer.getByRole('row', { name });
  await row(/FONTAINE Camille/).waitFor();
  await row(/LAMBERT Paul/).getByRole('checkbox').check();
  await employer.getByRole('button', { name: 'Vérifier', exact: true }).click();
  await employer.getByText('1 ligne vérifiée.').waitFor();
  await row(/LAMBERT Paul/).waitFor({ state: 'detached' });
  await row(/FONTAINE Camille/).waitFor();

  expect(await windowEnds(quarterOf(inDays(-10)))).toBe(1);
  await employer.reload();
  await row(/FONTAINE Camille/).waitFor({ state: 'detached' });

  await training.getByRole('menuitem', { name: 'Prévention — déclarations' }).click();
  await training.getByRole('row', { name: new RegExp(TITLE) }).getByRole('cell').first().click();
  await training.getByRole('row', { name: /LAMBERT/ }).getByText('Vérifiée', { exact: true }).waitFor();
  await training.getByRole('row', { name: /FONTAINE/ }).getByText('Réputée vérifiée', { exact: true }).waitFor();
  await training.screenshot({ path: '/tmp/shots/prevention-e2e-declaration.png' });
  expect(errors).toEqual([]);
  await Promise.all([training, employer].map((p) => p.context().close()));
});

it('the yearly check, started by its Schedule, shows the employer an employee without declaration and the declared ones; he marks it done', async () => {
  const year = Number(inDays(0).slice(0, 4));
  await new Client({ connection }).schedule.getHandle(PREVENTION_CHECK_SCHEDULE_ID).trigger();
  const errors: string[] = [];
  const employer = await signedIn(administrator);
  employer.on('pageerror', (error) => errors.push(error.message));
  await employer.getByRole('menuitem', { name: 'Prévention — vérification annuelle' }).click();
  await reloadUntilVisible(employer, employer.getByRole('heading', { name: `Vérification annuelle ${year}`, exact: true }));
  const card = (title: string) => employer.locator('.MuiCard-root', { has: employer.getByRole('heading', { name: title }) });
  // The demo's DSN names employees nobody declared; Paul and Camille are matched by their NIR's pseudonym.
  const without = card(`Salariés sans déclaration en ${year}`);
  await without.getByRole('row', { name: /SAL-M4T8PZ/ }).waitFor();
  await without.getByRole('row', { name: /SAL-H9C3LN/ }).waitFor();
  const declared = card(`Salariés avec des déclarations en ${year}`);
  await declared.getByRole('row', { name: /LAMBERT Paul/ }).getByText('Vérifiée', { exact: true }).waitFor();
  await declared.getByRole('row', { name: /FONTAINE Camille/ }).getByText('Réputée vérifiée', { exact: true }).waitFor();
  expect(await without.getByText(/LAMBERT|FONTAINE/).count()).toBe(0);
  await employer.screenshot({ path: '/tmp/shots/prevention-e2e-check.png' });

  await employer.getByRole('button', { name: 'Vérification faite', exact: true }).click();
  const dialog = employer.getByRole('dialog', { name: `Vérification annuelle ${year} faite ?` });
  await dialog.getByText(/salariés n’ont aucune déclaration cette année/).waitFor();
  await dialog.getByRole('button', { name: 'Confirmer', exact: true }).click();
  await employer.getByText(`Vérification annuelle ${year} enregistrée comme faite.`).waitFor();
  await employer.getByRole('button', { name: 'Vérification faite', exact: true }).waitFor({ state: 'detached' });
  // The administrators' task is over: « Mes tâches » no longer lists it.
  const tasks = (await (await employer.request.get(`${e2e.baseUrl}/api/tasks`)).json()) as Array<{ workflowId: string }>;
  expect(tasks.filter((t) => t.workflowId === `prevention-check-${year}-${MARTIN_SIREN}`)).toEqual([]);
  expect(errors).toEqual([]);
  await employer.context().close();
});
