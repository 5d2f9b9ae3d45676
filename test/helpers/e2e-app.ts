import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { stopChild } from '../../bin/processes';
import { findProjectRoot } from '../../platform/project-root';
import type { Orm } from '../../platform/orm';
import { createTestDatabase } from './database';
import { freeStablePort } from './free-port';

const root = findProjectRoot(__dirname);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The demo logins' password in the end-to-end tests. */
export const PASSWORD = 'Demo-Portail-2026!';

export interface Login {
  siret: string;
  lastName: string;
  firstName: string;
}

/**
 * The app as `npm start` starts it (`node dist/bin/start.js` over the built
 * dist/), on its own ports, data directory and database, and a Chromium to
 * drive it. `orm` reaches the same database, for test fixtures.
 */
export class E2eApp {
  child!: ChildProcess;
  output = '';
  browser!: Browser;
  orm!: Orm;
  port!: number;
  temporalPort!: number;
  private uiPort!: number;
  private dataDir!: string;
  private databaseUrl!: string;
  private dropDatabase?: () => Promise<void>;

  /** `env`: variables of the launcher's environment the test sets itself (e.g. `SMTP_URL`). */
  constructor(private readonly env: Record<string, string> = {}) {}

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  async setUp(): Promise<void> {
    if (!existsSync(path.join(root, 'dist', 'bin', 'start.js')) || !existsSync(path.join(root, 'admin-ui', 'dist', 'index.html'))) {
      throw new Error('Build first: `npm test` runs `npm run build` before jest.');
    }
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
    const database = await createTestDatabase();
    this.orm = database.orm;
    this.dropDatabase = database.drop;
    this.databaseUrl = database.url;
    this.dataDir = await mkdtemp(path.join(os.tmpdir(), 'bo-e2e-'));
    [this.port, this.temporalPort, this.uiPort] = [await freeStablePort(), await freeStablePort(), await freeStablePort()];
    await this.start();
    this.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }

  /** Runs the launcher and waits for its banner. */
  async start(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [path.join(root, 'dist', 'bin', 'start.js')], {
      cwd: root,
      env: {
        ...process.env,
        DATA_DIR: this.dataDir,
        DATABASE_URL: this.databaseUrl,
        PORT: String(this.port),
        TEMPORAL_PORT: String(this.temporalPort),
        TEMPORAL_UI_PORT: String(this.uiPort),
        DEMO_PASSWORD: PASSWORD,
        TEMPORAL_ADDRESS: '',
        SMTP_URL: '',
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout!.on('data', (c: Buffer) => (this.output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (this.output += c.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (this.output.includes('Back-office is running.')) {
          clearInterval(timer);
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`the app exited early:\n${this.output}`));
        }
      }, 200);
    });
  }

  async tearDown(): Promise<void> {
    await this.browser?.close();
    if (this.child) await stopChild(this.child, 20_000);
    await this.dropDatabase?.();
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  /** A page in a fresh browser context (its own session), in French. */
  async newPage(): Promise<Page> {
    return (await this.browser.newContext({ locale: 'fr-FR' })).newPage();
  }

  /** Signs in through the login form. */
  async logIn(page: Page, who: Login, password = PASSWORD): Promise<void> {
    await page.goto(`${this.baseUrl}/#/login`);
    await page.getByLabel('SIRET', { exact: true }).fill(who.siret);
    await page.getByLabel('Nom', { exact: true }).fill(who.lastName);
    await page.getByLabel('Prénom', { exact: true }).fill(who.firstName);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  /** The first link of the newest sent mail matching `q` (the workflow holds it), read from the outbox by a support session. */
  async mailedLink(supportPage: Page, q: string): Promise<string> {
    const filter = encodeURIComponent(JSON.stringify({ q, status: 'SENT' }));
    for (let attempt = 0; attempt < 100; attempt++) {
      const outbox = (await (await supportPage.request.get(`${this.baseUrl}/api/outbox?filter=${filter}`)).json()) as Array<{ links: string[] }>;
      const link = outbox[0]?.links[0];
      if (link) return link;
      await supportPage.waitForTimeout(200);
    }
    throw new Error(`no mail with a link for ${q}`);
  }
}

/** Reloads the page until `locator` shows: what a process does in the background appears on the next read. */
export async function reloadUntilVisible(page: Page, locator: Locator, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await locator.first().waitFor({ timeout: 2_000 });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.reload();
    }
  }
}
