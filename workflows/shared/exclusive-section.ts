/**
 * Runs handlers one at a time, in the order they arrived, where they must
 * not interleave (a move of a date while the step it concerns runs, two
 * decisions on the same record). Plain promise chaining: deterministic in
 * a workflow, and unlike `condition(() => !busy)` it never lets two
 * waiters in on the same activation.
 */
export function exclusiveSection() {
  let tail: Promise<void> = Promise.resolve();
  let holders = 0;
  return {
    /** Some handler runs or waits in the section. */
    get busy(): boolean {
      return holders > 0;
    },
    async run<T>(section: () => Promise<T>): Promise<T> {
      holders++;
      const previous = tail;
      let release!: () => void;
      tail = new Promise<void>((resolve) => (release = resolve));
      try {
        await previous;
        return await section();
      } finally {
        holders--;
        release();
      }
    },
  };
}

export type ExclusiveSection = ReturnType<typeof exclusiveSection>;
