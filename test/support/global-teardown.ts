import { rmSync } from 'node:fs';

/** Removes the PGlite template made by global-setup. */
export default async function globalTeardown(): Promise<void> {
  const dir = process.env.EHCP_TEST_PGLITE_TEMPLATE;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
