import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { stopChild } from '../../bin/processes';
import { findProjectRoot } from '../../platform/project-root';
import { createTestDatabase } from './database';
import { freePort } from './free-port';

export const E2E_PASSWORD = 'Demo-Portail-2026!';
const root = findProjectRoot(__dirname);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The app as `npm start` starts it (the launcher over the built dist/), on its own ports, database and data directory. */
export interface E2eApp {
  baseUrl: string;
  port: number;
  temporalPort: number;
  /** What the launcher printed since its last start. */
  output(): string;
  process(): ChildProcess;
  /** Runs `node dist/bin/start.js` (what `npm start` runs after building) and waits for its banner. */
  start(): Promise<void>;
  /** Stops the app and removes its database and data. */
  dispose(): Promise<void>;
}

export async function prepareE2eApp(): Promise<E2eApp> {
  if (!existsSync(path.join(root, 'dist', 'bin', 'start.js')) || !existsSync(path.join(root, 'admin-ui', 'dist', 'index.html'))) {
    throw new Error('Build first: `npm test` runs `npm run build` before jest.');
  }
  const database = await createTestDatabase();
  await database.orm.close();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bo-e2e-'));
  const [port, temporalPort, uiPort] = [await freePort(), await freePort(), await freePort()];
  let child: ChildProcess | undefined;
  let output = '';
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    temporalPort,
    output: () => output,
    process: () => child!,
    async start() {
      output = '';
      const app = spawn(process.execPath, [path.join(root, 'dist', 'bin', 'start.js')], {
        cwd: root,
        env: {
          ...process.env,
          DATA_DIR: dataDir,
          DATABASE_URL: database.url,
          PORT: String(port),
          TEMPORAL_PORT: String(temporalPort),
          TEMPORAL_UI_PORT: String(uiPort),
          DEMO_PASSWORD: E2E_PASSWORD,
          TEMPORAL_ADDRESS: '',
          SMTP_URL: '',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = app;
      app.stdout!.on('data', (c: Buffer) => (output += c.toString()));
      app.stderr!.on('data', (c: Buffer) => (output += c.toString()));
      await new Promise<void>((resolve, reject) => {
        const timer = setInterval(() => {
          if (output.includes('Back-office is running.')) {
            clearInterval(timer);
            resolve();
          } else if (app.exitCode !== null) {
            clearInterval(timer);
            reject(new Error(`the app exited early:\n${output}`));
          }
        }, 200);
      });
    },
    async dispose() {
      if (child) await stopChild(child, 20_000);
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with the flags a closed network and root need. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function logIn(page: Page, baseUrl: string, who: { siret: string; lastName: string; firstName: string }, password = E2E_PASSWORD) {
  await page.goto(`${baseUrl}/#/login`);
  await page.getByLabel('SIRET', { exact: true }).fill(who.siret);
  await page.getByLabel('Nom', { exact: true }).fill(who.lastName);
  await page.getByLabel('Prénom', { exact: true }).fill(who.firstName);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}
