import { condition } from '@temporalio/workflow';

/**
 * Waits until the instant `at()` reads, as it reads it now: a handler that
 * moves the date (an update, validated) wakes the wait, which starts again
 * from the new date — one durable timer at a time, never one per change.
 * Resolves true once the date is reached, false as soon as `stop()` holds.
 */
export async function untilDeadline(at: () => number, stop: () => boolean = () => false): Promise<boolean> {
  for (;;) {
    if (stop()) return false;
    const due = at();
    const remaining = due - Date.now();
    if (remaining <= 0) return true;
    await condition(() => stop() || at() !== due, remaining);
  }
}

/** A single movable date and its wait. */
export function updatableDeadline(initial: number) {
  let due = initial;
  return {
    get at(): number {
      return due;
    },
    moveTo(next: number): void {
      due = next;
    },
    reached: (stop?: () => boolean): Promise<boolean> => untilDeadline(() => due, stop),
  };
}

export type UpdatableDeadline = ReturnType<typeof updatableDeadline>;
