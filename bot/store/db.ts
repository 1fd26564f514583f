import type { AuditVault } from './auditSeal/vault';

/**
 * The one database interface the store is written against. Both back ends speak
 * PostgreSQL's dialect: PGlite (embedded, the default) and a PostgreSQL server.
 */
export type DbKind = 'pglite' | 'postgres';

/** How to send one statement. */
export interface QueryOptions {
  /**
   * A hot statement sent again and again (the review read, what every write reads and
   * writes of its review): a PostgreSQL server plans it once per connection, as a named
   * prepared statement, instead of on every call (planning the review read cost the server
   * three times what running it did; planning a decision's statements cost it 4.9 ms of
   * the 7.5 it spent on them). Only for statements whose text is one of a few: each text is kept
   * on every connection. PGlite ignores it.
   */
  prepare?: boolean;
}

/** Something SQL can be sent to: the database itself or an open transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<T[]>;
  /** Runs several statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Seals and opens the personal data in audit entries (bot/store/auditSeal); absent, such entries cannot be written. */
  readonly vault?: AuditVault | undefined;
}

export interface Db extends Queryable {
  readonly kind: DbKind;
  /**
   * Runs `fn` in one transaction: committed if it resolves, rolled back if it throws.
   * Every API request is one call, so nothing is ever half-written.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Closes the database; an unclosed PGlite keeps Node alive. */
  close(): Promise<void>;
  /**
   * PGlite only: its data folder as a gzipped tar, taken while no statement runs (a
   * crash-consistent copy: what a restore replays is what a killed process would keep).
   * A PostgreSQL server is backed up with pg_dump instead (bot/store/backup/).
   */
  backup?(): Promise<Uint8Array>;
}

/** OID of PostgreSQL's `date` type: kept as the ISO string, never turned into a JS Date. */
export const DATE_OID = 1082;

/** Whether the store answers at all (the readiness probe); throws its error when it does not. */
export async function storeAnswers(db: Queryable): Promise<void> {
  await db.query('select 1');
}
