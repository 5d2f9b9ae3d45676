/** Values global-setup hands to the test files through the environment. */
export const TEST_ENV = {
  pgServerUrl: 'TEST_PG_SERVER_URL',
  workflowBundle: 'TEST_WORKFLOW_BUNDLE',
  temporalCli: 'TEMPORAL_CLI_PATH',
  temporalTestServer: 'TEMPORAL_TEST_SERVER_PATH',
} as const;

export function testEnv(name: keyof typeof TEST_ENV): string {
  const value = process.env[TEST_ENV[name]];
  if (!value) throw new Error(`${TEST_ENV[name]} is not set: run the tests through jest (global-setup sets it)`);
  return value;
}
