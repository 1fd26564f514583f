import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openAuditVault } from '../../bot/store/auditSeal/vault';
import type { Queryable } from '../../bot/store/db';
import { openPostgres } from '../../bot/store/openPostgres';
import { pgliteDir } from '../../bot/store/openStore';
import { withSearchPath as withSchema } from '../../bot/store/openPostgres';
import { openPgliteInChild } from './pgliteChild';

/** One store the service can run on, and a way to look inside it directly. */
export interface StoreTarget {
  name: 'PGlite' | 'PostgreSQL';
  /** Holds the dev signing key (and, for PGlite, the database). */
  dataDir: string;
  databaseUrl?: string | undefined;
  /** PGlite is one process's: the service must be stopped while `inspect` runs. */
  exclusive: boolean;
  /** Opens the database, runs `fn`, and always closes it. */
  inspect<T>(fn: (db: Queryable) => Promise<T>): Promise<T>;
  /** Removes the temp folder (and the PostgreSQL schema). */
  dispose(): Promise<void>;
}

export function pgliteTarget(prefix: string): StoreTarget {
  const dataDir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  return {
    name: 'PGlite',
    dataDir,
    exclusive: true,
    // With the data folder's audit key, so sealed audit entries open (bot/store/auditSeal).
    inspect: async (fn) => withDb(openPgliteInChild(pgliteDir(dataDir)).then(async (db) => Object.assign(db, { vault: await openAuditVault({ dataDir }) })), fn),
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The default server on this machine and in CI. */
export const defaultPostgresUrl = 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh schema in the server at `url`; fails (with the reason) when the server cannot be reached. */
export async function postgresTarget(url: string, prefix: string): Promise<StoreTarget> {
  const schema = `${prefix.replace(/[^a-z0-9_]/g, '_')}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
    await admin.query(`create schema ${schema}`);
  } catch (error) {
    await admin.end().catch(() => {});
    throw new Error(`PostgreSQL at ${url} is not usable for the test: ${(error as Error).message}`);
  }
  await admin.end();
  const dataDir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  const databaseUrl = withSchema(url, schema);
  return {
    name: 'PostgreSQL',
    dataDir,
    databaseUrl,
    exclusive: false,
    inspect: async (fn) => withDb(openPostgres(databaseUrl, { maxConnections: 4, vault: await openAuditVault({ dataDir }) }), fn),
    async dispose() {
      rmSync(dataDir, { recursive: true, force: true });
      const c = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      await c.connect();
      try {
        await c.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Runs `fn` on a database and always closes it (an open PGlite keeps Node alive). */
async function withDb<D extends { close(): Promise<void> }, T>(opening: Promise<D>, fn: (db: D) => Promise<T>): Promise<T> {
  const db = await opening;
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
