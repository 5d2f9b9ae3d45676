// Lint run by `npm test` (before jest): promises nobody awaits, and what
// workflow code may import (it runs in Temporal's deterministic sandbox).
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'crypto', 'dns', 'events', 'fs', 'http', 'https', 'net', 'os', 'path', 'process', 'stream', 'timers', 'tls', 'url', 'util', 'worker_threads', 'zlib'];

export default tseslint.config(
  { ignores: ['dist/**', 'admin-ui/dist/**', 'node_modules/**', '.tools/**', '.data/**', '**/*.js', '**/*.mjs', '**/*.cjs', 'admin-ui/vite.config.mts'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
  {
    // The temporalio samples' rule: a workflow imports @temporalio/workflow,
    // its messages and the shared workflow pieces, and activities as types
    // only. Pure domain rules, statuses and defaults are deterministic too.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.flatMap((name) => [name, `node:${name}`]).map((name) => ({ name, message: 'Workflow code runs in a deterministic sandbox: no Node built-ins.' })),
          patterns: [
            {
              regex: '^(?!@temporalio/(workflow|common)$|\\.{1,2}/)',
              message: 'A workflow imports only @temporalio/workflow, messages, shared workflow pieces, activity types and pure domain rules.',
            },
            { regex: '^(\\.\\./){2,}(?!activities/|domain/)', message: 'A workflow imports nothing from outside workflows/ but activity types and pure domain rules.' },
            { regex: '/activities/', allowTypeImports: true, message: 'A workflow imports activities as types only (proxyActivities).' },
            {
              regex: '/domain/.*(?<!\\.(status|rules|defaults))$',
              message: 'A workflow imports from domain/ only pure rules, statuses and defaults (*.rules, *.status, *.defaults).',
            },
          ],
        },
      ],
    },
  },
);
