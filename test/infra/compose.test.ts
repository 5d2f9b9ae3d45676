import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

interface ComposeResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs Debian's docker-compose 1.29 on the repository's file; fails loudly when it is missing. */
function compose(...args: string[]): ComposeResult {
  const result = spawnSync('docker-compose', ['-f', 'docker-compose.yml', ...args], { cwd: root, encoding: 'utf8' });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error('docker-compose is not installed: run `apt-get install -y docker-compose` (CI installs it)');
  }
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let config: string | undefined;

function normalizedConfig(): string {
  if (config === undefined) {
    const { status, stdout, stderr } = compose('config');
    if (status !== 0) throw new Error(`docker-compose config failed: ${stderr}`);
    config = stdout;
  }
  return config;
}

/** Reads `services.<name>.<key>` blocks of the normalized YAML that `docker-compose config` prints. */
function serviceBlocks(yaml: string, key: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  let section = '';
  let service = '';
  let inKey = false;
  for (const line of yaml.split('\n')) {
    const indent = line.length - line.trimStart().length;
    const text = line.trim();
    if (indent === 0) section = text;
    else if (section !== 'services:') continue;
    else if (indent === 2) service = text.replace(/:$/, '');
    else if (indent === 4) {
      inKey = text.startsWith(`${key}:`);
      if (inKey) blocks.set(service, text === `${key}:` ? [] : [text.slice(key.length + 1).trim()]);
    } else if (inKey && indent === 6) blocks.get(service)?.push(text);
  }
  return blocks;
}

function environment(yaml: string, service: string): Record<string, string> {
  const lines = serviceBlocks(yaml, 'environment').get(service) ?? [];
  return Object.fromEntries(lines.map((line) => line.split(/: (.*)/s).slice(0, 2)));
}

describe('docker-compose.yml', () => {
  it('is valid for docker-compose', () => {
    const { status, stderr } = compose('config', '-q');

    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
  });

  it('declares the production-like services', () => {
    const services = compose('config', '--services').stdout.split('\n').filter(Boolean);
    const expected = ['postgresql', 'temporal', 'temporal-admin-tools', 'temporal-ui', 'mailpit', 'migrate', 'worker', 'api'];

    expect(services).toEqual(expect.arrayContaining(expected));
  });

  it.each(['api', 'worker', 'migrate'])('gives %s the database and the Temporal cluster', (service) => {
    const env = environment(normalizedConfig(), service);

    expect(env).toMatchObject({
      DATABASE_URL: 'postgres://backoffice:backoffice@postgresql:5432/backoffice',
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'default',
    });
  });

  it('pins every image to a tag other than latest', () => {
    const images = [...serviceBlocks(normalizedConfig(), 'image').values()].flat();

    expect(images.length).toBeGreaterThanOrEqual(7);
    for (const image of images) expect(image).toMatch(/^[^:]+:(?!latest$)[\w.-]+$/);
  });
});
