import { Pool, types } from 'pg';
import { type Logger, silentLogger } from '../log/logger';
import { redactText, redactUrl } from '../log/redact';
import type { AuditVault } from './auditSeal/vault';
import { createHash } from 'node:crypto';
import { DATE_OID, type Db, type Queryable, type QueryOptions } from './db';

/** Serialisation failures and deadlocks: PostgreSQL asks the client to run the whole transaction again. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

/**
 * Connects to a PostgreSQL server (`DATABASE_URL`). A schema can be chosen in the URL
 * with `?options=-c%20search_path%3Dname`, which the tests use to isolate themselves.
 */
export interface PostgresOptions {
  maxConnections?: number;
  /** Longest one statement may run before the server cancels it (DATABASE_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs?: number;
  /** Longest to wait for a connection, new or from the pool (DATABASE_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
  /** Where pool errors go (an idle connection dropped by the server, say). */
  logger?: Logger;
  /** Seals the personal data in audit entries (bot/store/auditSeal/vault.ts). */
  vault?: AuditVault | undefined;
}

export async function openPostgres(connectionString: string, options: PostgresOptions = {}): Promise<Db> {
  const logger = options.logger ?? silentLogger;
  const pool = new Pool({
    connectionString,
    max: options.maxConnections ?? 20,
    // A runaway query or an unreachable server must fail a request, not hang it.
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === DATE_OID ? (value: string) => value : types.getTypeParser(oid, format))) as typeof types.getTypeParser },
  });
  // An idle client losing its server must not crash the process (the next query
  // reconnects), but an operator must be able to see it happened.
  pool.on('error', (error) => logger.error('postgres pool error', { error: redactText(error.message), code: (error as { code?: string }).code ?? null }));
  const client = await pool.connect().catch((error: unknown) => {
    void pool.end();
    throw new Error(`Cannot reach PostgreSQL at ${redactUrl(connectionString)}: ${(error as Error).message}. Check DATABASE_URL and that the server is running.`);
  });
  client.release();

  const query = async <T>(sql: string, params?: readonly unknown[], options?: QueryOptions) => (await pool.query(statement(sql, params, options))).rows as T[];
  let closed: Promise<void> | undefined;
  return {
    kind: 'postgres',
    vault: options.vault,
    query,
    exec: async (sql) => {
      await pool.query(sql);
    },
    async transaction(fn) {
      for (let attempt = 1; ; attempt++) {
        const conn = await pool.connect();
        // A checked-out client has no listener of the pool's: if the server goes while the
        // transaction's code runs between statements, its 'error' event would crash the
        // process. Keep it here; the next statement then fails and the transaction rolls back.
        let lost: Error | undefined;
        const onLost = (error: Error) => {
          lost = error;
          logger.error('postgres connection lost during a transaction', { error: redactText(error.message) });
        };
        conn.on('error', onLost);
        const done = () => {
          conn.off('error', onLost);
          // A client whose connection was lost is destroyed, not returned to the pool.
          conn.release(lost);
        };
        const tx: Queryable = {
          vault: options.vault,
          query: async (sql, params, queryOptions) => (await conn.query(statement(sql, params, queryOptions))).rows,
          exec: async (sql) => {
            await conn.query(sql);
          },
        };
        try {
          await conn.query('BEGIN');
          const result = await fn(tx);
          await conn.query('COMMIT');
          done();
          return result;
        } catch (error) {
          if (!lost) await conn.query('ROLLBACK').catch(() => {});
          done();
          const code = (error as { code?: string }).code;
          if (!code || !RETRYABLE.has(code) || attempt >= MAX_ATTEMPTS) throw error;
        }
      }
    },
    close: () => {
      closed ??= pool.end();
      return closed;
    },
  };
}

/**
 * The statement as pg sends it: with `prepare`, named by a hash of its text, so pg prepares
 * it once on each connection and runs it by name after (a name always stands for one text:
 * each visibility rule's variant of a statement has its own). Prepared statements live in
 * their connection, so nothing is shared between connections or processes; the server
 * plans one again by itself when a migration changes a table it reads.
 */
function statement(text: string, params: readonly unknown[] | undefined, options: QueryOptions | undefined): { text: string; values?: unknown[]; name?: string } {
  const values = params as unknown[] | undefined;
  if (!options?.prepare) return { text, values };
  let name = statementNames.get(text);
  if (!name) {
    name = `ehcp_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return { text, values, name };
}

const statementNames = new Map<string, string>();

/** The URL with `search_path` set to `schema`, so every connection of the pool uses it (how tests and the bench isolate themselves). */
export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}
