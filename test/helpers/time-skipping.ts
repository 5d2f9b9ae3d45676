import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/search-attributes';
import { testEnv } from './test-env';

/** One time-skipping server per workflow test file, from the resolved binary. */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testEnv('temporalTestServer') } },
  });
}

/** A real dev server (Temporal CLI, in memory) for integration tests. */
export function createDevServerEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: testEnv('temporalCli') },
      searchAttributes: SEARCH_ATTRIBUTE_KEYS,
      extraArgs: ['--log-level', 'error'],
    },
  });
}

/** The bundle built once per run by global-setup. */
export const workflowBundle = () => ({ codePath: testEnv('workflowBundle') });
