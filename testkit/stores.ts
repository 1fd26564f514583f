import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openAuditVault } from '../bot/store/auditSeal/vault';
import type { Db, DbKind } from '../bot/store/db';
import { migrate } from '../bot/store/migrate';
import { openPglite } from '../bot/store/openPglite';
import { openPostgres, withSearchPath } from '../bot/store/openPostgres';
import { pgliteDir } from '../bot/store/openStore';

/** The stores every store test runs against: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const storeKinds: DbKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestStore {
  db: Db;
  /** What the service needs to open the same store: a data folder, or a URL with the schema. */
  location: { dataDir: string; databaseUrl?: string };
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated, empty store: a copy of the run's PGlite template in a temporary data
 * folder, or a new schema on the PostgreSQL server. Always `dispose()` it.
 */
export async function openTestStore(kind: DbKind): Promise<TestStore> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ehcp-store-'));
  if (kind === 'pglite') {
    const template = process.env.EHCP_TEST_PGLITE_TEMPLATE;
    if (!template) throw new Error('EHCP_TEST_PGLITE_TEMPLATE is not set; run the tests through jest (test/support/global-setup.ts).');
    cpSync(template, pgliteDir(dataDir), { recursive: true });
    const db = await openPglite(pgliteDir(dataDir), { vault: await openAuditVault({ dataDir }) });
    return { db, location: { dataDir }, dispose: () => closeAndRemove(db, dataDir) };
  }
  const base = process.env.TEST_DATABASE_URL as string;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(base, { maxConnections: 1 });
  await admin.query(`create schema ${schema}`);
  const url = withSchema(base, schema);
  const db = await openPostgres(url, { vault: await openAuditVault({ dataDir }) });
  await migrate(db);
  return {
    db,
    location: { dataDir, databaseUrl: url },
    async dispose() {
      await db.close();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The URL with `search_path` set to `schema`, so every connection of the pool uses it. */
export const withSchema = withSearchPath;

async function closeAndRemove(db: Db, dataDir: string) {
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
}
