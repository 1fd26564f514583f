import { createHash } from 'node:crypto';
import type { Db, Queryable } from './db';
import { migrations as allMigrations, type Migration } from './migrations';

/** Any number the service alone uses: two starting processes take turns to migrate. */
const MIGRATION_LOCK = 7_216_044_001;

/** The database and this build disagree about the schema; the message says which to change. */
export class SchemaMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchemaMismatchError';
  }
}

export interface MigrationResult {
  applied: number[];
  current: number;
}

const checksum = (m: Migration) => createHash('sha256').update(m.sql).digest('hex');

/**
 * Brings the schema up to date in one transaction, under an advisory lock so that
 * several processes starting at once apply each migration exactly once. Forward-only:
 * refuses a database that is newer than this build or whose applied migrations differ
 * from the ones shipped.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = allMigrations): Promise<MigrationResult> {
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await tx.query(
      'create table if not exists schema_migrations (version integer primary key, name text not null, checksum text not null, applied_at timestamptz not null default now())',
    );
    const applied = await tx.query<{ version: number; checksum: string }>('select version, checksum from schema_migrations order by version');
    const known = new Map(migrations.map((m) => [m.version, m]));
    for (const row of applied) {
      const shipped = known.get(row.version);
      if (!shipped) {
        const newest = migrations.at(-1)?.version ?? 0;
        throw new SchemaMismatchError(
          `The database has schema version ${row.version}, newer than this build knows (${newest}); run the newer version of the service, or point DATABASE_URL/DATA_DIR at another database.`,
        );
      }
      if (checksum(shipped) !== row.checksum) {
        throw new SchemaMismatchError(`Migration ${row.version} (${shipped.name}) was changed after it was applied; restore it and put the change in a new migration.`);
      }
    }
    const done = new Set(applied.map((r) => r.version));
    const newlyApplied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql);
      if (m.run) await m.run(tx);
      await tx.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [m.version, m.name, checksum(m)]);
      newlyApplied.push(m.version);
    }
    return { applied: newlyApplied, current: migrations.at(-1)?.version ?? 0 };
  });
}

/** The newest migration applied to the store (what `ehcp-review migrate --status` reports). */
export async function schemaVersion(db: Queryable): Promise<number | null> {
  const [row] = await db.query<{ version: number | null }>('select max(version) as version from schema_migrations');
  return row?.version ?? null;
}
