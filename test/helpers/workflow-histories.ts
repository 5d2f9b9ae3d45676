import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

/** Recorded histories of the workflow tests, replayed by test/workflows/replay.test.ts against the current code. */
export const HISTORIES_DIR = path.join(__dirname, '..', 'workflows', 'histories');

/** `RECORD_WORKFLOW_HISTORIES=1 npx jest test/workflows`: every workflow test (re)writes its history. */
const recording = process.env.RECORD_WORKFLOW_HISTORIES === '1';

/** « administratorCandidacyWorkflow › accepted by… » → `administratorcandidacyworkflow-accepted-by…`. */
const fileName = (testName: string) =>
  testName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120);

/**
 * Ends a workflow test: a workflow still running is terminated (a pending
 * timer or activity would hold time skipping for the next tests); when
 * recording, its history is kept under the test's name.
 */
export async function endWorkflowTest(handle: WorkflowHandle): Promise<void> {
  if ((await handle.describe()).status.name === 'RUNNING') await handle.terminate('test over');
  if (!recording) return;
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  const name = fileName(expect.getState().currentTestName ?? handle.workflowId);
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}${HISTORY_EXTENSION}`), temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish());
}

/** Histories are kept in protobuf's binary form, as the server sends them. */
export const HISTORY_EXTENSION = '.history.pb';

export function readHistory(file: string): temporal.api.history.v1.History {
  return temporal.api.history.v1.History.decode(fs.readFileSync(path.join(HISTORIES_DIR, file)));
}
