import { TestWorkflowEnvironment } from '@temporalio/testing';
import { resolveTemporalBinary, sdkExecutable } from '../../bin/temporal-binaries';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/search-attributes';
import { testEnv } from './test-env';

/** The binary global-setup resolved (its path is in the environment); undefined → the SDK downloads one. */
const executable = async (which: 'cli' | 'test-server') => sdkExecutable(await resolveTemporalBinary(which, { install: false }));

/** The test server's IndexedValueType numbers (temporal.api.enums.v1). */
const INDEXED_VALUE_TYPE: Record<string, number> = { KEYWORD: 2, DATETIME: 6 };

/** One time-skipping server per workflow test file, knowing our search attributes. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: await executable('test-server') } });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTE_KEYS.map((key) => [key.name, INDEXED_VALUE_TYPE[key.type]])),
  });
  return env;
}

/** A real dev server (Temporal CLI, in memory) for integration tests; `dynamicConfig` sets server limits (e.g. when it suggests continue-as-new). */
export async function createDevServerEnv(dynamicConfig: Record<string, string | number> = {}): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: await executable('cli'),
      searchAttributes: SEARCH_ATTRIBUTE_KEYS,
      extraArgs: ['--log-level', 'error', ...Object.entries(dynamicConfig).flatMap(([key, value]) => ['--dynamic-config-value', `${key}=${value}`])],
    },
  });
}

/** The bundle built once per run by global-setup. */
export const workflowBundle = () => ({ codePath: testEnv('workflowBundle') });
