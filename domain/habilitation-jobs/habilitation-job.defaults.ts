/** Defaults of a mass habilitation job; operators and tests override them in the workflow's input. */
export const HABILITATION_JOB_DEFAULTS = {
  /** A quarantined job not confirmed within this many days expires, nothing applied. */
  confirmationDays: 7,
  /** Planned changes per applyChunk (one transaction each). */
  chunkSize: 5_000,
  /** How often a queue checks that the job holding its turn still runs, and a queued job that its queue does. */
  queueCheckMinutes: 10,
} as const;

/** A chunk is one statement's worth of rows: more would hold locks and the transaction too long. */
export const MAX_CHUNK_SIZE = 20_000;

