import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 100;

/**
 * Reads until `done` holds of what was read, or `waitMs` has passed: an
 * answer waiting (a few seconds at most) for a workflow's first step to
 * reach the read model. Answers the last read either way.
 */
export async function readUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, waitMs: number): Promise<T> {
  const deadline = Date.now() + waitMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await sleep(POLL_MS);
    value = await read();
  }
  return value;
}
