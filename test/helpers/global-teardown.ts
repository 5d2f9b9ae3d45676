export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __stopTestDatabase?: () => Promise<void> }).__stopTestDatabase?.();
}
