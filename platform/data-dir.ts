import path from 'node:path';
import { findProjectRoot } from './project-root';

/** Where the installation keeps its local state: `.data/` under the project, or DATA_DIR. */
export const dataDir = (env: NodeJS.ProcessEnv = process.env) => env.DATA_DIR ?? path.join(findProjectRoot(), '.data');
