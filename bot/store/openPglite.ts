import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { AuditVault } from './auditSeal/vault';
import { DATE_OID, type Db, type Queryable } from './db';

/**
 * Opens (creating if needed) the embedded PGlite database in `dataDir`. PGlite is one
 * connection: its own mutex serialises transactions, so writers never interleave.
 * It writes through to the folder, so a killed process loses no committed write
 * (checked by the crash test).
 */
export async function openPglite(dataDir: string, options: { vault?: AuditVault | undefined } = {}): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir, { parsers: { [DATE_OID]: (value: string) => value } });
  const asQueryable = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    vault: options.vault,
    async exec(sql: string) {
      await target.exec(sql);
    },
    async query<T>(sql: string, params?: readonly unknown[]) {
      const result = await target.query<T>(sql, params as unknown[] | undefined);
      return result.rows;
    },
  });
  const self = asQueryable(pg);
  let closed: Promise<void> | undefined;
  return {
    kind: 'pglite',
    vault: options.vault,
    query: self.query,
    exec: self.exec,
    transaction: (fn) => pg.transaction((tx) => fn(asQueryable(tx))),
    close: () => {
      closed ??= pg.close();
      return closed;
    },
    // dumpDataDir holds PGlite's query lock while it reads the folder.
    backup: async () => new Uint8Array(await (await pg.dumpDataDir('gzip')).arrayBuffer()),
  };
}
