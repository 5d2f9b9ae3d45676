import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../helpers/time-skipping';
import { HISTORIES_DIR, HISTORY_EXTENSION, readHistory } from '../helpers/workflow-histories';

/**
 * Workflows run for weeks: a new version of their code must replay the
 * histories of the executions already running, or those fail with a
 * non-determinism error. Each recorded history (test/workflows/histories,
 * written by the workflow tests, some by earlier versions of the code) is
 * replayed here against today's bundle.
 */
const histories = fs
  .readdirSync(HISTORIES_DIR)
  .filter((file) => file.endsWith(HISTORY_EXTENSION))
  .sort()
  .map((file) => ({ file, history: readHistory(file) }));

/** The workflow types the worker registers (workflows/index.ts). */
const registered = [...fs.readFileSync(path.join(__dirname, '../../workflows/index.ts'), 'utf8').matchAll(/export \{ (\w+) \}/g)].map((m) => m[1]);

describe('workflow replay', () => {
  it('has recorded histories of every registered workflow type', () => {
    expect(registered.length).toBeGreaterThan(0);
    const recorded = new Set(histories.map(({ history }) => history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name));
    expect(registered.filter((type) => !recorded.has(type))).toEqual([]);
  });

  it.each(histories.map(({ file, history }) => [file, history] as const))('%s replays on the current code', async (file, history) => {
    await Worker.runReplayHistory({ workflowBundle: workflowBundle() }, history, file);
  });
});
