import path from 'node:path';
import { openAuditVault } from './auditSeal/vault';
import type { Db } from './db';
import { migrate } from './migrate';
import { openPglite } from './openPglite';
import { openPostgres, type PostgresOptions } from './openPostgres';

export interface StoreLocation {
  /** A PostgreSQL server; when absent, the embedded PGlite database under `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** AUDIT_KEY: the service key wrapping each child's audit key; absent, DATA_DIR/audit-key. */
  auditKey?: string | undefined;
}

/** Where PGlite keeps its files inside the data folder. */
export const pgliteDir = (dataDir: string) => path.join(dataDir, 'pglite');

/** Opens the configured database and brings its schema up to date. */
export async function openStore(location: StoreLocation, postgres: PostgresOptions = {}): Promise<Db> {
  const vault = await openAuditVault(location);
  const db = location.databaseUrl ? await openPostgres(location.databaseUrl, { ...postgres, vault }) : await openPglite(pgliteDir(location.dataDir), { vault });
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** A human description of the store for start-up messages (no secrets). */
export function describeStore(location: StoreLocation): string {
  if (!location.databaseUrl) return `PGlite (embedded) in ${pgliteDir(location.dataDir)}`;
  try {
    const url = new URL(location.databaseUrl);
    return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL)';
  }
}
