import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { stopChild } from '../../bin/processes';
import { findProjectRoot } from '../../platform/project-root';

/** The worker as `npm run worker` runs it: built by `npm run build`, which `npm test` runs before jest. */
export const BUILT_WORKER = path.join(findProjectRoot(__dirname), 'dist', 'worker', 'main.js');

export function assertWorkerBuilt(): void {
  if (!existsSync(BUILT_WORKER)) throw new Error('Build first: `npm test` runs `npm run build` before jest (this test runs dist/worker/main.js).');
}

/**
 * The worker processes of a reliability test (each one a child a test may
 * SIGKILL): what they print on stdout and stderr kept together (shown when
 * they never finish, searched for what must never be logged), all stopped
 * at the end.
 */
export function workerProcesses() {
  const children: ChildProcess[] = [];
  let output = '';
  return {
    /** Everything the workers printed so far, in arrival order. */
    get output(): string {
      return output;
    },
    /** Takes a child started with piped stdout and stderr. */
    adopt(child: ChildProcess): ChildProcess {
      child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
      children.push(child);
      return child;
    },
    /** The built worker (BUILT_WORKER) in a process of its own, `env` over this process's. */
    startBuilt(env: NodeJS.ProcessEnv): ChildProcess {
      return this.adopt(spawn(process.execPath, [BUILT_WORKER], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
    },
    /** SIGKILL: no shutdown, no drain — resolves once the process is gone. */
    kill(child: ChildProcess): Promise<void> {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    },
    async stopAll(graceMs = 10_000): Promise<void> {
      for (const child of children) await stopChild(child, graceMs);
    },
  };
}
