import { TestWorkflowEnvironment } from '@temporalio/testing';
import { resolveTemporalBinary, sdkExecutable } from '../../bin/temporal-binaries';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/search-attributes';
import { testEnv } from './test-env';

/** The binary global-setup resolved (its path is in the environment); undefined → the SDK downloads one. */
const executable = async (which: 'cli' | 'test-server') => sdkExecutable(await resolveTemporalBinary(which, { install: false }));

/** One time-skipping server per workflow test file. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({ server: { executable: await executable('test-server') } });
}

/** A real dev server (Temporal CLI, in memory) for integration tests. */
export async function createDevServerEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: await executable('cli'),
      searchAttributes: SEARCH_ATTRIBUTE_KEYS,
      extraArgs: ['--log-level', 'error'],
    },
  });
}

/** The bundle built once per run by global-setup. */
export const workflowBundle = () => ({ codePath: testEnv('workflowBundle') });
