import { existsSync } from 'node:fs';
import path from 'node:path';

export class ProjectRootError extends Error {
  readonly code = 'PROJECT.ROOT_NOT_FOUND';

  constructor(start: string) {
    super(`no package.json in ${start} or above`);
    this.name = 'ProjectRootError';
  }
}

/** Nearest ancestor of `start` holding a package.json: works from sources and from dist/. */
export function findProjectRoot(start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (dir === path.dirname(dir)) throw new ProjectRootError(start);
  }
}
