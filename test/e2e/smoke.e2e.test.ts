import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { request, type APIRequestContext, type APIResponse, type Page, type Request } from 'playwright-core';
import { AccountRole } from '../../domain/account/account.entity';
import { parisToday } from '../../domain/collaborators/effective-date.rules';
import { DEMO_LOGINS } from '../../domain/seed/demo-data';
import { E2eApp, PASSWORD, type Login } from '../helpers/e2e-app';
import { nirWithKey as nir, trainingBody as preventionTrainingBody } from '../helpers/prevention.fixtures';
import { PREVENTION_YEARLY_CHECK_WORKFLOW_TYPE, defaultCheckDue, preventionCheckId } from '../../workflows/prevention-check/prevention-check.messages';
import { TASK_QUEUE } from '../../workflows/task-queue';

jest.setTimeout(240_000);

/**
 * Every page a user can reach from the menu, as support, an administrator and
 * a declarant, in French and in English, and the public pages: none may show
 * an error page, log a browser error, get a 4xx/5xx from the API it did not
 * expect, or be wider than a 1440-pixel screen. The menu entries are read from
 * the rendered menu, so a new page is visited without touching this test.
 */

const VIEWPORT = { width: 1440, height: 900 };
/** What the language menu shows for each language (the console's own names). */
const LANGUAGES = { fr: 'Français', en: 'English' } as const;
type Language = keyof typeof LANGUAGES;
/** The API answers an anonymous visitor's pages expect: « who am I? » → not logged in. */
const ANONYMOUS_ANSWERS = [/^GET \/api\/auth\/me 401$/];

/** Mail delivery fails (every connection dropped), so the processes that mail have incidents to show. */
const smtpDown = net.createServer((socket) => socket.destroy());
let e2e: E2eApp;

const login = (role: AccountRole) => DEMO_LOGINS.find((l) => l.role === role)!;
const inDays = (days: number) => parisToday(new Date(Date.now() + days * 24 * 3600_000));

async function apiSession(who?: Login): Promise<APIRequestContext> {
  const session = await request.newContext({ baseURL: e2e.baseUrl });
  if (who) {
    const { siret, lastName, firstName } = who;
    expect((await session.post('/api/auth/login', { data: { siret, lastName, firstName, password: PASSWORD } })).status()).toBe(200);
  }
  return session;
}

async function created(answer: Promise<APIResponse>): Promise<void> {
  const response = await answer;
  expect([response.status(), await response.text()]).toEqual([202, expect.any(String)]);
}

/** Polls `probe` once a second until it gives a value (the processes act in the background). */
async function within<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 90; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  throw new Error(`${what}: not after 90 s`);
}

/**
 * A row in the lists whose width depends on their rows (each process kind;
 * the candidacy awaits the administrator's decision, the widest row of his
 * inbox), incidents (no mail can leave), and the registration last, so that
 * it heads « Processus » with its console command.
 */
async function processesToShow(): Promise<void> {
  const admin = await apiSession(login(AccountRole.ADMINISTRATOR));
  const support = await apiSession(login(AccountRole.SUPPORT));
  const visitor = await apiSession();
  const declarant = login(AccountRole.DECLARANT);
  const accounts = (await (await admin.get('/api/declarants')).json()) as Array<{ id: string; lastName: string }>;
  await created(admin.post('/api/departures', { data: { accountId: accounts.find((a) => a.lastName === declarant.lastName)!.id, effectiveDate: inDays(10), rights: { mode: 'REVOKE' } } }));
  await created(
    admin.post('/api/arrivals', {
      data: { siret: '84271640900029', lastName: 'MOREAU', firstName: 'Hugo', email: 'hugo.moreau@boulangerie-martin.example', startDate: inDays(10), role: 'DECLARANT', rights: { mode: 'NONE' } },
    }),
  );
  const candidate = 'margaux.rousseau@boulangerie-martin.example';
  await created(
    visitor.post('/api/candidacies', {
      data: { siret: '84271640900029', lastName: 'ROUSSEAU', firstName: 'Margaux', email: candidate, password: 'Levain-et-Farine-2026', secretQuestion: 'Nom de mon premier chien ?', secretAnswer: 'Biscotte' },
    }),
  );
  // The mail never leaves, but the outbox holds its link: the candidate confirms, the candidacy awaits approval.
  const link = await within('the candidate\'s confirmation link', async () => {
    const outbox = (await (await support.get(`/api/outbox?filter=${encodeURIComponent(JSON.stringify({ q: candidate }))}`)).json()) as Array<{ links: string[] }>;
    return outbox.flatMap((mail) => mail.links).find((l) => l.includes('token='));
  });
  const token = new URLSearchParams(link.split('?')[1]).get('token');
  expect((await visitor.post('/api/confirmations', { data: { token } })).status()).toBe(200);
  await created(
    visitor.post('/api/registrations', {
      data: { siren: '732829320', siret: '73282932000074', lastName: 'Durand', firstName: 'Élise', email: 'elise.durand@menuiserie.example', password: 'Copeaux-et-Sciure-44' },
    }),
  );
  // Visibility shows the processes' business state, and the mail activities their failures, a moment later.
  await within('incidents, and every process with its phase', async () => {
    const incidents = (await (await support.get('/api/incidents')).json()) as unknown[];
    const processes = (await (await support.get('/api/workflows')).json()) as Array<{ id: string; type: string; phase: string | null }>;
    const ready =
      incidents.length > 0 &&
      processes[0]?.id === 'registration-732829320' &&
      processes.every((p) => p.phase) &&
      processes.some((p) => p.type === 'administratorCandidacyWorkflow' && p.phase === 'AWAITING_APPROVAL');
    return ready || undefined;
  });
  await Promise.all([admin, visitor, support].map((s) => s.dispose()));
}

const MARTIN_HEAD_OFFICE = '84271640900011';
const MARTIN_SHOP = '84271640900029';
/** The training body's login and SIRET (another company's establishment, for Boulangerie Martin). */
let trainingBody: Login;

/**
 * The prevention passport's pages with rows: the training body declares two
 * of Boulangerie Martin's employees (their lines await Martin's verification
 * in the window of its SIREN and quarter) and a training declared late (its
 * window over: deemed verified at once); Martin declares one of its own
 * employees as their employer. Before the processes, so that the window's
 * process does not head « Processus ».
 */
async function preventionToShow(): Promise<void> {
  const [of, martin] = await Promise.all([apiSession(trainingBody), apiSession(login(AccountRole.ADMINISTRATOR))]);
  const learner = (nirBody: string, birthName: string, firstNames: string, employerSiret: string) => ({ nir: nir(nirBody), birthName, firstNames, birthDate: '1985-05-12', employerSiret });
  const declaration = (over: Record<string, unknown>) => ({
    declarantSiret: trainingBody.siret,
    declarantKind: 'TRAINING_BODY',
    proofType: 'ATTENDANCE',
    title: 'Sauveteur secouriste du travail',
    trainingStart: inDays(-12),
    trainingEnd: inDays(-10),
    modality: 'IN_PERSON',
    romeSkills: ['K2110'],
    trainerQualification: 'Formateur SST certifié INRS',
    certificationKind: 'RS',
    certificationCode: 'RS5537',
    ...over,
  });
  const declared = async (session: APIRequestContext, data: object) => {
    const response = await session.post('/api/prevention-declarations', { data });
    expect([response.status(), await response.text()]).toEqual([201, expect.any(String)]);
  };
  await declared(of, declaration({ learners: [learner('1850578006084', 'MARTIN', 'Paul', MARTIN_HEAD_OFFICE), learner('2920375120005', 'PETIT', 'Camille', MARTIN_SHOP)] }));
  await declared(of, declaration({ title: 'Gestes et postures', trainingStart: '2025-05-05', trainingEnd: '2025-05-10', learners: [learner('1790869123456', 'ROUX', 'Léa', MARTIN_SHOP)] }));
  await declared(
    martin,
    declaration({
      declarantSiret: MARTIN_HEAD_OFFICE,
      declarantKind: 'EMPLOYER',
      proofType: 'SUCCESS',
      title: 'Habilitation électrique B0',
      proofValidFrom: inDays(-5),
      certificationKind: 'RNCP',
      certificationCode: 'RNCP35879',
      learners: [learner('1880269123457', 'GARCIA', 'Hugo', MARTIN_SHOP)],
    }),
  );
  await Promise.all([of, martin].map((s) => s.dispose()));
}

const MARTIN_SIREN = '842716409';
/** The year of Boulangerie Martin's yearly check. */
let checkYear: number;

/**
 * The yearly check with rows: Martin's own declaration names its head
 * office's employee SAL-7K2Q9X by his DSN id (written to the database: a
 * NIR's keyed pseudonym is not the demo relations' id), and the yearly check
 * of that line's year (due at the year's end, a week ahead at least) starts
 * one check per employer — Martin's lists SAL-M4T8PZ and SAL-H9C3LN without
 * a declaration. Before the processes, as the passport's pages.
 */
async function checkToShow(): Promise<void> {
  const [{ quarter }] = await e2e.orm.em
    .fork()
    .execute<{ quarter: string }[]>(`update prevention_learner set employee_pseudonym = 'SAL-7K2Q9X' where birth_name = 'GARCIA' returning quarter`);
  checkYear = Number(quarter.slice(0, 4));
  const due = [defaultCheckDue(checkYear), inDays(7)].sort()[1];
  const connection = await Connection.connect({ address: `127.0.0.1:${e2e.temporalPort}` });
  await new Client({ connection }).workflow.start(PREVENTION_YEARLY_CHECK_WORKFLOW_TYPE, { taskQueue: TASK_QUEUE, workflowId: preventionCheckId(checkYear), args: [{ year: checkYear, due }] });
  await connection.close();
  const [martin, support] = await Promise.all([apiSession(login(AccountRole.ADMINISTRATOR)), apiSession(login(AccountRole.SUPPORT))]);
  await within('Boulangerie Martin’s yearly check, and the run', async () => {
    const [check] = (await (await martin.get('/api/prevention-checks')).json()) as Array<{ employerSiren: string; counts: { without: number; withDeclaration: number } }>;
    const runs = (await (await support.get('/api/prevention-check-runs')).json()) as unknown[];
    return check?.employerSiren === MARTIN_SIREN && check.counts.without === 2 && check.counts.withDeclaration === 1 && runs.length === 1 ? true : undefined;
  });
  await Promise.all([martin, support].map((s) => s.dispose()));
}

beforeAll(async () => {
  await new Promise<void>((resolve) => smtpDown.listen(0, '127.0.0.1', resolve));
  e2e = new E2eApp({ SMTP_URL: `smtp://127.0.0.1:${(smtpDown.address() as net.AddressInfo).port}` });
  await e2e.setUp();
  [trainingBody] = (await preventionTrainingBody(e2e.orm, [{ lastName: 'BERNARD', firstName: 'Lucie', rights: 'declare' }])).people;
  await preventionToShow();
  await checkToShow();
  await e2e.orm.close();
  await processesToShow();
});

afterAll(async () => {
  await e2e?.tearDown();
  smtpDown.close();
});

/**
 * Watches one browser page: what went wrong on it since the last check
 * (browser errors, unexpected API failures), and when it has settled (no API
 * request in flight for a moment).
 */
class PageWatch {
  private problems: string[] = [];
  private inFlight = 0;
  private quietSince = Date.now();

  constructor(readonly page: Page, private readonly expected: RegExp[] = []) {
    page.on('pageerror', (error) => this.problems.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      // A failed request is also logged by the browser: the API's are judged below, by their answer.
      const apiAnswer = message.text().startsWith('Failed to load resource') && new URL(message.location().url, e2e.baseUrl).pathname.startsWith('/api/');
      if (message.type() === 'error' && !apiAnswer) this.problems.push(`console: ${message.text()}`);
    });
    page.on('request', (r) => this.isApi(r.url()) && this.inFlight++);
    const ended = (r: Request) => {
      if (!this.isApi(r.url())) return;
      this.inFlight--;
      this.quietSince = Date.now();
    };
    page.on('requestfinished', ended);
    page.on('requestfailed', ended);
    page.on('response', (r) => {
      if (!this.isApi(r.url()) || r.status() < 400) return;
      const answer = `${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`;
      if (!this.expected.some((e) => e.test(answer))) this.problems.push(`API: ${answer}`);
    });
  }

  private isApi(url: string): boolean {
    return url.startsWith(`${e2e.baseUrl}/api/`);
  }

  /** Until no API request has been in flight for 400 ms (the page has what it asked for, and has drawn it). */
  async settled(): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (this.inFlight > 0 || Date.now() - this.quietSince < 400) {
      if (Date.now() > deadline) throw new Error(`${this.page.url()}: API requests still in flight after 20 s`);
      await this.page.waitForTimeout(100);
    }
  }

  /** The problems of the page shown now, each prefixed with where it was seen; the watch starts afresh. */
  async check(where: string): Promise<string[]> {
    await this.settled();
    const page = this.page;
    if (await page.locator('.RaError-title').count()) this.problems.push(`error page: ${await page.locator('.RaError-title').innerText()}`);
    const body = await page.locator('body').innerText();
    if (/Something went wrong|Un problème est survenu/.test(body)) this.problems.push('error text on the page');
    // Nobody typed a filter here: the filters a list starts with are not the user's.
    if (/avec les filtres actuels|using the current filters/.test(body)) this.problems.push('says « no result with the current filters »');
    const { scrollWidth, clientWidth } = await page.evaluate<{ scrollWidth: number; clientWidth: number }>(
      '({ scrollWidth: document.scrollingElement.scrollWidth, clientWidth: document.scrollingElement.clientWidth })',
    );
    if (scrollWidth > clientWidth) this.problems.push(`${scrollWidth} px wide for a ${clientWidth}-px window`);
    const found = this.problems.map((p) => `${where} (${page.url().replace(e2e.baseUrl, '')}): ${p}`);
    this.problems = [];
    return found;
  }
}

/** A page of its own browser context (its own session and language), in French on a 1440 × 900 screen. */
async function newPage(): Promise<Page> {
  return (await e2e.browser.newContext({ locale: 'fr-FR', viewport: VIEWPORT })).newPage();
}

/** Picks a language as a user does: the language menu of the app bar or of a public page. */
async function chooseLanguage(page: Page, language: Language): Promise<void> {
  if (language === 'fr') return;
  await page.getByRole('button', { name: LANGUAGES.fr }).click();
  await page.getByRole('menuitem', { name: LANGUAGES[language] }).click();
  await page.getByRole('button', { name: LANGUAGES[language] }).waitFor();
}

/** The user menu opens inside the window. */
async function userMenuProblems(page: Page, where: string): Promise<string[]> {
  await page.locator('.RaUserMenu-userButton').click();
  const menu = page.locator('#menu-appbar').getByRole('menu');
  await menu.getByRole('menuitem').first().waitFor();
  await page.waitForTimeout(400); // its opening transition
  const box = (await menu.boundingBox())!;
  await page.keyboard.press('Escape');
  await menu.waitFor({ state: 'hidden' });
  return box.x >= 0 && box.x + box.width <= VIEWPORT.width && box.y + box.height <= VIEWPORT.height ? [] : [`${where}: user menu off-screen at ${JSON.stringify(box)}`];
}

/** Opens every menu entry, and the first record of each list (the page its first row leads to). */
async function menuProblems(watch: PageWatch, where: string): Promise<string[]> {
  const page = watch.page;
  const problems: string[] = [];
  const entries = await page.getByRole('menuitem').evaluateAll((items) => items.map((item) => [item.textContent ?? '', item.getAttribute('href') ?? '']));
  expect(entries.length).toBeGreaterThan(2);
  for (const [name, href] of entries) {
    await page.locator(`[role="menuitem"][href="${href}"]`).click();
    await page.waitForURL((url) => url.hash === href || url.hash.startsWith(`${href}?`));
    problems.push(...(await watch.check(`${where}, « ${name} »`)));
    const firstRow = page.locator('tr.RaDataTable-clickableRow').first();
    if (!(await firstRow.count())) continue;
    const list = page.url();
    await firstRow.locator('td.RaDataTable-rowCell').first().click();
    await page.waitForURL((url) => url.href !== list);
    problems.push(...(await watch.check(`${where}, « ${name} », first row`)));
  }
  return problems;
}

const sessions: Array<[string, AccountRole, Language]> = [];
for (const role of [AccountRole.SUPPORT, AccountRole.ADMINISTRATOR, AccountRole.DECLARANT]) {
  for (const language of Object.keys(LANGUAGES) as Language[]) sessions.push([`${role} in ${LANGUAGES[language]}`, role, language]);
}

it.each(sessions)('%s: every menu entry and the first record of each list', async (where, role, language) => {
  const page = await newPage();
  await e2e.logIn(page, login(role));
  await page.getByRole('menuitem').first().waitFor();
  const watch = new PageWatch(page);
  await chooseLanguage(page, language);
  const problems = [...(await watch.check(`${where}, home`)), ...(await userMenuProblems(page, where)), ...(await menuProblems(watch, where))];
  expect(problems).toEqual([]);
  await page.context().close();
});

it.each(Object.keys(LANGUAGES) as Language[])('public pages in %s: login and every page it links to', async (language) => {
  const page = await newPage();
  const watch = new PageWatch(page, ANONYMOUS_ANSWERS);
  const loginPage = `${e2e.baseUrl}/#/login`;
  await page.goto(loginPage);
  await page.locator('form').waitFor();
  await chooseLanguage(page, language);
  const problems = await watch.check(`anonymous in ${LANGUAGES[language]}, login`);
  const links = await page.locator('form a[href^="#/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  expect(links.length).toBeGreaterThan(1);
  for (const href of links) {
    await page.goto(loginPage);
    await page.locator(`a[href="${href}"]`).click();
    await page.waitForURL((url) => url.hash === href);
    await page.locator('form').waitFor();
    problems.push(...(await watch.check(`anonymous in ${LANGUAGES[language]}, ${href}`)));
  }
  expect(problems).toEqual([]);
  await page.context().close();
});

/** The CSV a list's « Exporter » button downloads, as header and rows of cells. */
async function exported(page: Page, menuEntry: string, rowShown: RegExp): Promise<{ text: string; header: string[]; rows: string[][] }> {
  await page.getByRole('menuitem', { name: menuEntry }).click();
  await page.getByRole('row', { name: rowShown }).first().waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Exporter' }).click()]);
  const text = await readFile(await download.path(), 'utf8');
  const [header, ...rows] = text.slice(1).trimEnd().split('\r\n').map((line) => line.split(';'));
  return { text, header, rows };
}

it('a list exports what French Excel opens: UTF-8 with its mark, « ; », French headers and dates, SIRETs kept as text, coded values in words', async () => {
  const page = await newPage();
  await e2e.logIn(page, login(AccountRole.SUPPORT));
  const { text, header, rows } = await exported(page, 'Candidatures administrateur', /ROUSSEAU/);
  expect(text.startsWith('\ufeff')).toBe(true);
  const row = rows[0];
  expect(header).toEqual(expect.arrayContaining(['Nom', 'Prénom', 'E-mail', 'SIRET', 'Statut', 'Déposée le', 'Voie de validation']));
  expect(row).toEqual(expect.arrayContaining(['ROUSSEAU', 'Margaux', '"=""84271640900029"""']));
  expect(row[header.indexOf('Déposée le')]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
  expect(row[header.indexOf('Statut')]).toBe("En attente d'approbation");
  expect(row[header.indexOf('Voie de validation')]).not.toMatch(/^[A-Z_]+$/);
  // Services by their catalogue label and code, the portfolio's kind in words.
  const portfolios = await exported(page, 'Portefeuilles', /Portefeuille/);
  const clients = portfolios.rows.find((r) => r[portfolios.header.indexOf('Type')] === 'Portefeuille clients')!;
  expect(clients[portfolios.header.indexOf('Services')].split(', ').sort()).toEqual(['Mon Compte Formation — abondement (MCF)', 'SOLTéA Employeurs (SOLTEA_EMPL)']);
  await page.context().close();
});

/** The registration reset once, for the earlier-run pages: the run it replaced. */
let replacedRun: Promise<string> | undefined;
const earlierRun = () =>
  (replacedRun ??= (async () => {
    const support = await apiSession(login(AccountRole.SUPPORT));
    const id = 'registration-732829320';
    const before = (await (await support.get(`/api/workflows/${id}`)).json()) as { runId: string };
    expect((await support.post(`/api/workflows/${id}/reset`, { data: { reason: 'essai de la page des exécutions' } })).status()).toBe(202);
    await within('the new run listed', async () => ((await (await support.get(`/api/workflows/${id}`)).json()).runs.length === 2 || undefined));
    await support.dispose();
    return before.runId;
  })());

it.each(Object.keys(LANGUAGES) as Language[])('a process reset: its runs listed, the earlier one opened read-only, in %s', async (language) => {
  const runId = await earlierRun();
  const page = await newPage();
  await e2e.logIn(page, login(AccountRole.SUPPORT));
  await page.getByRole('menuitem').first().waitFor();
  const watch = new PageWatch(page);
  await chooseLanguage(page, language);
  const where = `support in ${LANGUAGES[language]}`;
  await page.goto(`${e2e.baseUrl}/#/workflows/registration-732829320/show`);
  const earlierRow = page.getByRole('row', { name: new RegExp(runId) });
  await earlierRow.waitFor();
  const problems = await watch.check(`${where}, the latest run`);
  await earlierRow.getByRole('link').click();
  await page.waitForURL((url) => url.hash.includes(`runId=${runId}`));
  await page.getByRole('alert').waitFor();
  problems.push(...(await watch.check(`${where}, an earlier run`)));
  expect(problems).toEqual([]);
  expect(await page.getByRole('button', { name: { fr: 'Réinitialiser', en: 'Reset' }[language] }).count()).toBe(0);
  await page.context().close();
});

it('support is offered « Terminer » only where the API can close the records: not on a candidacy (cancel it instead), on a registration', async () => {
  const support = await apiSession(login(AccountRole.SUPPORT));
  const running = async (type: string) => {
    const filter = encodeURIComponent(JSON.stringify({ type, status: 'RUNNING' }));
    const [first] = (await (await support.get(`/api/workflows?filter=${filter}&range=[0,0]`)).json()) as { id: string; terminable?: boolean }[];
    return first.id;
  };
  const candidacy = await running('administratorCandidacyWorkflow');
  const registration = await running('companyRegistrationWorkflow');
  await support.dispose();
  const page = await newPage();
  await e2e.logIn(page, login(AccountRole.SUPPORT));
  await page.getByRole('menuitem').first().waitFor();
  await chooseLanguage(page, 'fr');
  const terminate = () => page.getByRole('button', { name: 'Terminer le processus' });
  await page.goto(`${e2e.baseUrl}/#/workflows/${encodeURIComponent(candidacy)}/show`);
  await page.getByRole('button', { name: 'Annuler le processus' }).waitFor();
  expect(await terminate().count()).toBe(0);
  await page.goto(`${e2e.baseUrl}/#/workflows/${encodeURIComponent(registration)}/show`);
  await terminate().first().waitFor();
  await page.context().close();
});

/** What the prevention passport's pages say, beyond showing without error. */
describe('prevention passport', () => {
  const NOT_OWN_EMPLOYEE = {
    fr: 'Un employeur déclare les formations de ses propres salariés : cet établissement n’est pas de votre entreprise.',
    en: 'An employer declares his own employees’ trainings: this establishment is not your company’s.',
  };
  const NIR_KEY = { fr: 'NIR invalide : la clé de contrôle ne correspond pas (vérifiez chaque chiffre).', en: 'Invalid NIR: the check key does not match (check each digit).' };
  /** The helper text under an input: where a form says what is wrong with it. */
  const helperOf = (page: Page, name: string) =>
    page.locator(`[name="${name}"]`).locator('xpath=ancestor::div[contains(@class, "MuiFormControl-root")][1]').locator('.MuiFormHelperText-root');

  it.each(Object.keys(LANGUAGES) as Language[])('in %s: the declaration form says a wrong NIR key at once, and the server’s refusal under the input at fault', async (language) => {
    const page = await newPage();
    await e2e.logIn(page, login(AccountRole.ADMINISTRATOR));
    await page.getByRole('menuitem').first().waitFor();
    const watch = new PageWatch(page, [/^POST \/api\/prevention-declarations 400$/]);
    await chooseLanguage(page, language);
    const where = `administrator in ${LANGUAGES[language]}, declaring`;
    await page.goto(`${e2e.baseUrl}/#/prevention/declare`);
    await page.locator('input[name="title"]').fill('Sauveteur secouriste du travail');
    await page.locator('input[name="trainingStart"]').fill(inDays(-3));
    await page.locator('input[name="trainingEnd"]').fill(inDays(-2));
    await page.locator('textarea[name="trainerQualification"]').fill('Formateur SST certifié INRS');
    await page.locator('input[name="certificationCode"]').fill('RS5537');
    await page.locator('input[name="learners.0.nir"]').fill(`${nir('1850578006084').slice(0, 13)}00`);
    await page.locator('input[name="learners.0.birthName"]').fill('LEFEBVRE');
    await page.locator('input[name="learners.0.firstNames"]').fill('Anne');
    await page.locator('input[name="learners.0.birthDate"]').fill('1990-04-02');
    await page.locator('input[name="learners.0.employerSiret"]').fill(trainingBody.siret);
    const declare = page.getByRole('button', { name: { fr: 'Déclarer', en: 'Declare' }[language], exact: true });
    await declare.click();
    await helperOf(page, 'learners.0.nir').filter({ hasText: NIR_KEY[language] }).waitFor();
    await page.locator('input[name="learners.0.nir"]').fill(nir('2850578006084'));
    await declare.click();
    // An employer declares his own employees: the training body's establishment is refused, said under the learner's employer SIRET.
    await helperOf(page, 'learners.0.employerSiret').filter({ hasText: NOT_OWN_EMPLOYEE[language] }).waitFor();
    await page.getByRole('alert').filter({ hasText: NOT_OWN_EMPLOYEE[language] }).waitFor();
    expect(await watch.check(where)).toEqual([]);
    await page.context().close();
  });

  const CHECK = {
    fr: {
      menu: 'Prévention — vérification annuelle',
      heading: 'Vérification annuelle',
      without: 'Salariés sans déclaration en',
      with: 'Salariés avec des déclarations en',
      declaration: 'GARCIA Hugo — Habilitation électrique B0',
      toVerify: /ouvrir « à vérifier »/,
      done: 'Vérification faite',
    },
    en: {
      menu: 'Prevention — yearly check',
      heading: 'Yearly check',
      without: 'Employees without a declaration in',
      with: 'Employees with declarations in',
      declaration: 'GARCIA Hugo — Habilitation électrique B0',
      toVerify: /open “to verify”/,
      done: 'Check done',
    },
  };
  /** The card of a page whose heading is `title`. */
  const cardOf = (page: Page, title: string) => page.locator('.MuiCard-root', { has: page.getByRole('heading', { name: title }) });

  it.each(Object.keys(LANGUAGES) as Language[])('in %s: the administrator’s yearly check lists his employees without a declaration and those with, links « à vérifier », offers « Vérification faite »', async (language) => {
    const page = await newPage();
    await e2e.logIn(page, login(AccountRole.ADMINISTRATOR));
    await page.getByRole('menuitem').first().waitFor();
    const watch = new PageWatch(page);
    await chooseLanguage(page, language);
    const words = CHECK[language];
    await page.getByRole('menuitem', { name: words.menu }).click();
    await page.getByRole('heading', { name: `${words.heading} ${checkYear}`, exact: true }).waitFor();
    const without = cardOf(page, `${words.without} ${checkYear}`);
    await without.getByRole('row', { name: /SAL-H9C3LN/ }).waitFor();
    await without.getByRole('row', { name: /SAL-M4T8PZ/ }).waitFor();
    expect(await without.getByText('SAL-7K2Q9X').count()).toBe(0);
    const declared = cardOf(page, `${words.with} ${checkYear}`);
    // A declared employee is named by his lines, not by his DSN id.
    await declared.getByRole('row', { name: /84271640900011/ }).getByRole('link', { name: words.declaration }).waitFor();
    expect(await declared.getByText('SAL-7K2Q9X').count()).toBe(0);
    expect(await page.getByRole('button', { name: words.done }).count()).toBe(1);
    const problems = await watch.check(`administrator in ${LANGUAGES[language]}, yearly check`);
    await page.getByRole('link', { name: words.toVerify }).click();
    await page.waitForURL((url) => url.hash.startsWith('#/prevention-learners'));
    problems.push(...(await watch.check(`administrator in ${LANGUAGES[language]}, yearly check → « à vérifier »`)));
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it.each(Object.keys(LANGUAGES) as Language[])('in %s: support reads each employer’s check with its employees, never « Vérification faite », and the yearly runs', async (language) => {
    const page = await newPage();
    await e2e.logIn(page, login(AccountRole.SUPPORT));
    await page.getByRole('menuitem').first().waitFor();
    const watch = new PageWatch(page);
    await chooseLanguage(page, language);
    const words = {
      fr: { checks: 'Vérifications annuelles', runs: 'Campagnes de vérification annuelle', running: 'En cours', start: 'Lancer une vérification annuelle', confirm: 'Lancer', exists: 'La vérification annuelle de cette année a déjà été lancée (une par année).' },
      en: { checks: 'Yearly checks', runs: 'Yearly check runs', running: 'Running', start: 'Start a yearly check', confirm: 'Start', exists: 'This year’s check was already started (one per year).' },
    }[language];
    await page.getByRole('menuitem', { name: words.checks }).click();
    await page.getByRole('row', { name: new RegExp(MARTIN_SIREN) }).first().locator('td.RaDataTable-rowCell').first().click();
    await page.getByRole('heading', { name: `${CHECK[language].heading} ${checkYear}`, exact: true }).waitFor();
    await cardOf(page, `${CHECK[language].without} ${checkYear}`).getByRole('row', { name: /SAL-H9C3LN/ }).waitFor();
    expect(await page.getByRole('button', { name: CHECK[language].done }).count()).toBe(0);
    const problems = await watch.check(`support in ${LANGUAGES[language]}, a yearly check`);
    await page.getByRole('menuitem', { name: words.runs }).click();
    await page.getByRole('row', { name: new RegExp(`${checkYear}.*${words.running}`) }).waitFor();
    problems.push(...(await watch.check(`support in ${LANGUAGES[language]}, the yearly runs`)));
    // This year's run was started: starting it again by hand is refused, in words.
    const startWatch = new PageWatch(page, [/^POST \/api\/prevention-check-runs 409$/]);
    await page.getByRole('button', { name: words.start }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('spinbutton').fill(String(checkYear));
    await dialog.getByRole('button', { name: words.confirm, exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: words.exists }).waitFor();
    problems.push(...(await startWatch.check(`support in ${LANGUAGES[language]}, a run started twice`)));
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('« Vérification faite » after a confirmation: recorded, said, the button gone; a page still showing it open says in words that the check is closed', async () => {
    const context = await e2e.browser.newContext({ locale: 'fr-FR', viewport: VIEWPORT });
    const [page, stale] = [await context.newPage(), await context.newPage()];
    await e2e.logIn(page, login(AccountRole.ADMINISTRATOR));
    await page.getByRole('menuitem').first().waitFor();
    const watch = new PageWatch(page);
    const staleWatch = new PageWatch(stale, [/^POST \/api\/prevention-checks\/[^/]+\/done 409$/]);
    for (const p of [page, stale]) {
      await p.goto(`${e2e.baseUrl}/#/prevention-check`);
      await p.getByRole('button', { name: 'Vérification faite' }).waitFor();
    }
    await page.getByRole('button', { name: 'Vérification faite' }).click();
    const dialog = page.getByRole('dialog', { name: `Vérification annuelle ${checkYear} faite ?` });
    await dialog.getByText('2 salariés n’ont aucune déclaration cette année.').waitFor();
    await dialog.getByRole('button', { name: 'Confirmer' }).click();
    await page.getByText(`Vérification annuelle ${checkYear} enregistrée comme faite.`).waitFor();
    await page.getByText(/^Vérification faite le /).waitFor();
    await page.getByRole('button', { name: 'Vérification faite' }).waitFor({ state: 'detached' });
    const problems = await watch.check('administrator, « Vérification faite »');
    // The other tab still shows the check open: its confirmation is refused, in words, and closing the dialog shows the check as it is.
    await stale.getByRole('button', { name: 'Vérification faite' }).click();
    const refused = stale.getByRole('dialog');
    await refused.getByRole('button', { name: 'Confirmer' }).click();
    await refused.getByRole('alert').filter({ hasText: 'Cette vérification annuelle est close (déjà faite, ou son échéance est passée) : rien n’a été modifié.' }).waitFor();
    await refused.getByRole('button', { name: 'Fermer' }).click();
    await stale.getByText(/^Vérification faite le /).waitFor();
    problems.push(...(await staleWatch.check('administrator, « Vérification faite » in a stale tab')));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('« à vérifier »: lines decided meanwhile are reported line by line, nothing changed; the rest verified', async () => {
    const page = await newPage();
    await e2e.logIn(page, login(AccountRole.ADMINISTRATOR));
    await page.getByRole('menuitem').first().waitFor();
    const watch = new PageWatch(page, [/^POST \/api\/prevention-learners\/verify 409$/]);
    // Its export as French Excel opens it: the employer reads his employees' NIRs in clear, kept as text.
    const { text, header, rows } = await exported(page, 'Prévention — à vérifier', /MARTIN Paul/);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(header).toEqual(expect.arrayContaining(['Nom de naissance', 'Prénoms', 'NIR', 'SIRET employeur', 'Formation', 'Statut', 'À vérifier avant le']));
    const paul = rows.find((r) => r[header.indexOf('Nom de naissance')] === 'MARTIN')!;
    expect(paul[header.indexOf('NIR')]).toBe(`"=""${nir('1850578006084')}"""`);
    expect(paul[header.indexOf('Statut')]).toBe('À vérifier');
    const row = (name: RegExp) => page.getByRole('row', { name });
    await row(/PETIT Camille/).waitFor();
    // Verified elsewhere (another tab, a colleague) while the list is on screen.
    const martin = await apiSession(login(AccountRole.ADMINISTRATOR));
    const [petit] = (await (await martin.get(`/api/prevention-learners?filter=${encodeURIComponent(JSON.stringify({ q: 'PETIT' }))}`)).json()) as { id: string }[];
    expect((await martin.post('/api/prevention-learners/verify', { data: { ids: [petit.id] } })).status()).toBe(200);
    await martin.dispose();
    await row(/MARTIN Paul/).getByRole('checkbox').check();
    await row(/PETIT Camille/).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
    const report = page.getByRole('dialog', { name: 'Rien n’a été modifié' });
    await report.getByText('PETIT Camille — Sauveteur secouriste du travail').waitFor();
    await report.getByText('déjà vérifiée').waitFor();
    const problems = await watch.check('administrator, « à vérifier », refused');
    await report.getByRole('button', { name: 'Fermer' }).click();
    await row(/PETIT Camille/).waitFor({ state: 'detached' });
    await row(/MARTIN Paul/).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await page.getByText('1 ligne vérifiée.').waitFor();
    await row(/MARTIN Paul/).waitFor({ state: 'detached' });
    problems.push(...(await watch.check('administrator, « à vérifier », verified')));
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('support moves a window’s deadline: a past day refused in words under the date, then moved with its reason, the move shown on the row', async () => {
    const page = await newPage();
    await e2e.logIn(page, login(AccountRole.SUPPORT));
    await page.getByRole('menuitem').first().waitFor();
    const watch = new PageWatch(page, [/^POST \/api\/prevention-windows\/[^/]+\/deadline-moves 409$/]);
    await page.getByRole('menuitem', { name: 'Fenêtres de vérification' }).click();
    const row = page.getByRole('row', { name: /842716409/ }).first();
    await row.waitFor();
    await row.getByRole('button', { name: 'Déplacer l’échéance' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nouvelle échéance').fill(inDays(-1));
    await dialog.getByLabel('Motif').fill('Décret modificatif');
    await dialog.getByRole('button', { name: 'Déplacer', exact: true }).click();
    await dialog.locator('.MuiFormHelperText-root', { hasText: 'La nouvelle échéance ne peut pas être passée.' }).waitFor();
    const later = `${Number(inDays(0).slice(0, 4)) + 2}-03-31`;
    await dialog.getByLabel('Nouvelle échéance').fill(later);
    await dialog.getByRole('button', { name: 'Déplacer', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText(`31 mars ${later.slice(0, 4)}`).waitFor();
    await row.locator('[aria-label="Étendre"]').click();
    await page.getByRole('table', { name: 'Déplacements de l’échéance' }).getByText('Décret modificatif').waitFor();
    expect(await watch.check('support, « Fenêtres de vérification »')).toEqual([]);
    await page.context().close();
  });
});
