import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { AuditKeyError, type AuditVault } from '../auditSeal/vault';
import type { Db } from '../db';
import { migrations } from '../migrations';
import { migrate } from '../migrate';
import { openPglite } from '../openPglite';
import { pgliteDir } from '../openStore';

/** A backup or restore that cannot be done as asked; the message says what to change. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** What a backup or a restore reports: enough to check one against the other. */
export interface BackupSummary {
  bytes: number;
  sha256: string;
  schemaVersion: number;
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The embedded store's data folder as a gzipped tar (see `Db.backup`), with its schema version. */
export async function backupPglite(db: Db): Promise<{ archive: Uint8Array; schemaVersion: number }> {
  if (!db.backup) throw new BackupError('This store is a PostgreSQL server: back it up with pg_dump (docs/deploy.md, "Backup and restore").');
  const [row] = await db.query<{ version: number }>('select max(version)::int as version from schema_migrations');
  return { archive: await db.backup(), schemaVersion: row?.version ?? 0 };
}

/**
 * Restores a backup into `dataDir`, which must be new or empty (a restore never overwrites a
 * store), then checks the schema against this build (migrating forward if the backup is
 * older) and reports the version. A store whose audit entries are sealed (bot/store/auditSeal)
 * needs the service key it was made with (`vault`): without it, or with another, the restore
 * is refused and nothing is left in `dataDir`, since such a store could not read or add to its
 * children's audit entries.
 */
export async function restorePglite(archive: Uint8Array, dataDir: string, vault?: AuditVault): Promise<BackupSummary & { cases: number; reviews: number }> {
  const target = pgliteDir(dataDir);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new BackupError(`${target} already holds a database; restore into a new --data-dir and point DATA_DIR at it once checked.`);
  }
  mkdirSync(target, { recursive: true });
  let loaded: PGlite;
  try {
    loaded = await PGlite.create(target, { loadDataDir: new Blob([archive as Uint8Array<ArrayBuffer>]) });
  } catch (error) {
    throw new BackupError(`The file is not a backup of the embedded store (${(error as Error).message}).`);
  }
  await loaded.close();
  const db = await openPglite(target, { vault });
  try {
    await migrate(db).catch((error: unknown) => {
      throw error instanceof AuditKeyError ? new BackupError(needsKey) : error;
    });
    const [sealed] = await db.query<{ child_id: string; wrapped: string }>('select child_id::text, wrapped from child_keys limit 1');
    if (sealed && !vault) throw new BackupError(needsKey);
    if (sealed && vault) {
      try {
        vault.unwrap(sealed.wrapped, sealed.child_id);
      } catch {
        throw new BackupError('The audit key given is not the one this backup’s audit entries were sealed with; give the original data folder’s audit-key (--audit-key) or its AUDIT_KEY.');
      }
    }
    const [row] = await db.query<{ version: number; cases: number; reviews: number }>(
      'select (select max(version)::int from schema_migrations) as version, (select count(*)::int from plans) as cases, (select count(*)::int from review_cycles) as reviews',
    );
    const newest = migrations.at(-1)?.version ?? 0;
    if (row?.version !== newest) throw new BackupError(`The restored schema is at version ${row?.version}, this build's is ${newest}.`);
    return { bytes: archive.byteLength, sha256: sha256(archive), schemaVersion: row.version, cases: row.cases, reviews: row.reviews };
  } catch (error) {
    // Refused: the new folder is left as it was found (empty), so the restore can be run again.
    await db.close();
    if (error instanceof BackupError) rmSync(target, { recursive: true, force: true });
    throw error;
  } finally {
    await db.close();
  }
}

const needsKey =
  'The backup’s audit entries about children are sealed under the service key of the store it came from: restore with --audit-key OLD_DATA_DIR/audit-key (or with AUDIT_KEY set, as the service had it).';
