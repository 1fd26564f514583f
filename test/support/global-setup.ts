import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrate } from '../../bot/store/migrate';
import { openPglite } from '../../bot/store/openPglite';
import { openPostgres } from '../../bot/store/openPostgres';

/**
 * Runs once per jest run. A new PGlite database costs seconds (initdb), so one migrated
 * template is made here and each test copies its folder. In CI the PostgreSQL server is
 * part of the contract: if TEST_DATABASE_URL is missing or unreachable the run fails.
 */
export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ehcp-pglite-template-'));
  const db = await openPglite(dir);
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  process.env.EHCP_TEST_PGLITE_TEMPLATE = dir;

  const url = process.env.TEST_DATABASE_URL;
  if (process.env.CI && !url) throw new Error('CI must run the store tests against PostgreSQL too: set TEST_DATABASE_URL (.ci/run does).');
  if (url) {
    const pg = await openPostgres(url).catch((error: Error) => {
      throw new Error(`TEST_DATABASE_URL is set but PostgreSQL cannot be reached, so the store tests cannot run against it: ${error.message}`);
    });
    await pg.close();
  }
}
